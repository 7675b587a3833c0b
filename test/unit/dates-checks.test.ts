/**
 * Golden tests for the date checks: for each code, wrong cases across formats (Arabic and English where the code
 * applies), each with a correct twin that must stay silent; and the fixes, applied, must silence the finding.
 * Weekday facts were checked against GNU date; Hijri facts against published Umm al-Qura dates.
 */
import * as assert from 'node:assert/strict';
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/names/fixall';
import type { DateValue, Finding } from '../../server/src/core/types';

const PUB: DateValue = { year: 2016, month: 11, day: 30 }; // a Wednesday

function pd(s: string): DateValue {
  const [y, m, d] = s.split('-').map(Number);
  return { year: y, month: m, day: d };
}

function dateFindings(text: string, pub: DateValue | null = PUB): Finding[] {
  return analyze(text, pub ? { publicationDate: pub } : {}).diagnostics.filter((f) => f.code.startsWith('date.'));
}

/** [wrong, right, publication date (default 2016-11-30)] */
type Case = [string, string, string?];

function goldens(code: string, cases: Case[], opts: { fixesSilence?: boolean } = {}) {
  describe(code, () => {
    it(`has at least 30 wrong cases and 30 correct twins (${cases.length})`, () => {
      assert.ok(cases.length >= 30);
    });
    for (const [wrong, right, pub] of cases) {
      const p = pub ? pd(pub) : PUB;
      it(`flags: ${wrong}`, () => {
        const fs = dateFindings(wrong, p);
        assert.deepEqual(fs.map((f) => f.code), [code], JSON.stringify(fs.map((f) => f.message)));
        const f = fs[0];
        assert.ok(f.end > f.start && f.message.length > 10);
        assert.equal(/[\u0621-\u064A]/.test(f.message), analyze(wrong).language === 'ar', 'message in the article language');
        if (opts.fixesSilence) {
          assert.ok(f.fixes.length >= 1, 'has a fix');
          for (const fix of f.fixes) {
            const fixed = applyEdits(wrong, fix.edits);
            assert.notEqual(fixed, wrong);
            assert.deepEqual(dateFindings(fixed, p).map((x) => x.code), [], `fix '${fix.title}' -> ${fixed}`);
          }
        }
      });
      it(`silent: ${right}`, () => {
        assert.deepEqual(dateFindings(right, p).map((f) => `${f.code}: ${f.message}`), []);
      });
    }
  });
}

goldens('date.weekday-mismatch', [
  ['الاثنين 29 نوفمبر 2016', 'الثلاثاء 29 نوفمبر 2016'],
  ['يوم الأربعاء 29 نوفمبر 2016', 'يوم الثلاثاء 29 نوفمبر 2016'],
  ['الأحد، 5 ديسمبر 2016', 'الاثنين، 5 ديسمبر 2016'],
  ['الجمعة ١٢ آذار ٢٠١١', 'السبت ١٢ آذار ٢٠١١'],
  ['الأربعاء 1 يناير 2015م', 'الخميس 1 يناير 2015م'],
  ['الخميس 14 جويلية 2017', 'الجمعة 14 جويلية 2017'],
  ['الجمعة 29 فبراير 2020', 'السبت 29 فبراير 2020'],
  ['الثلاثاء 10 تشرين الأول/أكتوبر 2019', 'الخميس 10 تشرين الأول/أكتوبر 2019'],
  ['الاثنين 3 يونيه 2014', 'الثلاثاء 3 يونيه 2014'],
  ['الأربعاء 11 شتنبر 2018', 'الثلاثاء 11 شتنبر 2018'],
  ['السبت 25 أفريل 2021', 'الأحد 25 أفريل 2021'],
  ['الأحد 8 غشت 2022', 'الاثنين 8 غشت 2022'],
  ['الخميس 25 ديسمبر (كانون الأول) 2013', 'الأربعاء 25 ديسمبر (كانون الأول) 2013'],
  ['الثلاثاء 17 أيار 2010', 'الاثنين 17 أيار 2010'],
  ['الإثنين ٣١ يناير ٢٠٢٣', 'الثلاثاء ٣١ يناير ٢٠٢٣'],
  ['الجمعة 29 فيفري 2024', 'الخميس 29 فيفري 2024'],
  ['الخميس 4 يوليوز 2012', 'الأربعاء 4 يوليوز 2012'],
  ['السبت 14 فبراير 2016', 'الأحد 14 فبراير 2016'],
  ['الثلاثاء الموافق 9 سبتمبر 2009', 'الأربعاء الموافق 9 سبتمبر 2009'],
  ['الاثنين 15 حزيران 2025', 'الأحد 15 حزيران 2025'],
  ['وصل الوفد الأربعاء 29 نوفمبر.', 'وصل الوفد الثلاثاء 29 نوفمبر.'],
  ['الجمعة 6 أكتوبر 2016', 'الخميس 6 أكتوبر 2016'],
  ['وكان حفتر وصل الأحد 28 الجاري.', 'وكان حفتر وصل الاثنين 28 الجاري.'],
  ['الخميس 29 صفر 1438 هـ', 'الثلاثاء 29 صفر 1438 هـ'],
  ['الأربعاء 1 محرم 1438 هـ', 'الأحد 1 محرم 1438 هـ'],
  ['Monday, Nov. 29, 2016', 'Tuesday, Nov. 29, 2016'],
  ['Wednesday, 5 December 2016', 'Monday, 5 December 2016'],
  ['Friday, March 12, 2011', 'Saturday, March 12, 2011'],
  ['Tue. Jan. 1, 2015', 'Thu. Jan. 1, 2015'],
  ['Thursday 14 July 2017', 'Friday 14 July 2017'],
  ['Sunday, Feb. 29, 2020', 'Saturday, Feb. 29, 2020'],
  ['Monday, September 11, 2018', 'Tuesday, September 11, 2018'],
  ['Saturday, Dec. 25, 2013', 'Wednesday, Dec. 25, 2013'],
  ['Talks open on Friday, Nov. 29.', 'Talks open on Tuesday, Nov. 29.'],
  ['Thursday, the 4th of July 2012', 'Wednesday, the 4th of July 2012'],
  ['Monday, June 15, 2025 was hot.', 'Sunday, June 15, 2025 was hot.'],
  ['الأحد 28 والثلاثاء 29 نوفمبر 2016', 'الاثنين 28 والثلاثاء 29 نوفمبر 2016'],
  ['الاثنين التاسع والعشرين من نوفمبر 2016', 'الثلاثاء التاسع والعشرين من نوفمبر 2016'],
  ['في 29 نوفمبر 2016 (الاثنين)', 'في 29 نوفمبر 2016 (الثلاثاء)'],
  ['The talks open Nov. 29 (Monday) in Moscow.', 'The talks open Nov. 29 (Tuesday) in Moscow.'],
  ['يوم الخميس الحادي عشر من أيلول 2018', 'يوم الثلاثاء الحادي عشر من أيلول 2018'],
  ['Sunday 28 and Tuesday 29 November 2016', 'Monday 28 and Tuesday 29 November 2016'],
], { fixesSilence: true });

goldens('date.invalid', [
  ['31 نوفمبر 2016', '30 نوفمبر 2016'],
  ['29 فبراير 2015', '28 فبراير 2015'],
  ['30 شباط 2016', '29 شباط 2016'],
  ['31 نيسان 2017', '30 نيسان 2017'],
  ['31 يونيو 2018', '30 يونيو 2018'],
  ['31 أيلول 2019', '30 أيلول 2019'],
  ['٣١ تشرين الثاني ٢٠١٦', '٣٠ تشرين الثاني ٢٠١٦'],
  ['32 يناير 2016', '31 يناير 2016'],
  ['0 مارس 2016', '1 مارس 2016'],
  ['31/11/2016', '30/11/2016'],
  ['15/13/2016', '15/12/2016'],
  ['2016-13-01', '2016-12-01'],
  ['2016-02-30', '2016-02-29'],
  ['29/02/2019', '28/02/2019'],
  ['31 أفريل 2020', '30 أفريل 2020'],
  ['31 جوان 2021', '30 جوان 2021'],
  ['31 شتنبر 2016', '30 شتنبر 2016'],
  ['31 نونبر 2016', '30 نونبر 2016'],
  ['وصل في 31 نوفمبر', 'وصل في 30 نوفمبر'],
  ['35 صفر 1438 هـ', '25 صفر 1438 هـ'],
  ['29 فبراير 2100', '29 فبراير 2000'],
  ['November 31, 2016', 'November 30, 2016'],
  ['Feb. 29, 2015', 'Feb. 28, 2015'],
  ['31 April 2017', '30 April 2017'],
  ['on June 31 the vote', 'on June 30 the vote'],
  ['Sept. 31, 2019', 'Sept. 30, 2019'],
  ['2016-11-31', '2016-11-30'],
  ['13/13/2016', '12/12/2016'],
  ['On 2/30/2016 the vote', 'On 2/29/2016 the vote'],
  ['Feb 29, 1900', 'Feb 29, 2000'],
  ['32 January 2016', '31 January 2016'],
  ['2016/04/31', '2016/04/30'],
  ['the 31st of November 2016', 'the 30th of November 2016'],
  ['29th February 2019', '29th February 2020'],
]);

// Umm al-Qura facts: 29 Safar 1438 = 29 Nov 2016; 1 Ramadan 1437 = 6 Jun 2016; 1 Muharram 1438 = 2 Oct 2016;
// 1 Ramadan 1445 = 11 Mar 2024; 1 Shawwal 1445 = 10 Apr 2024; 1 Muharram 1446 = 7 Jul 2024;
// 1 Ramadan 1444 = 23 Mar 2023; 10 Dhu al-Hijja 1444 = 28 Jun 2023; 1 Muharram 1440 = 11 Sep 2018; 1 Ramadan 1432 = 1 Aug 2011.
goldens('date.hijri-mismatch', [
  ['29 صفر 1438 هـ الموافق 25 نوفمبر 2016 م', '29 صفر 1438 هـ الموافق 29 نوفمبر 2016 م'],
  ['29 صفر 1438 هـ الموافق 29 أكتوبر 2016', '29 صفر 1438 هـ الموافق 29 نوفمبر 2016'],
  ['29 نوفمبر 2016 (19 صفر 1438 هـ)', '29 نوفمبر 2016 (29 صفر 1438 هـ)'],
  ['29 نوفمبر 2016 (29 ربيع الأول 1438 هـ)', '29 نوفمبر 2016 (28 صفر 1438 هـ)'],
  ['٢٩ صفر ١٤٣٨ هـ الموافق ٢٦ تشرين الثاني ٢٠١٦', '٢٩ صفر ١٤٣٨ هـ الموافق ٢٩ تشرين الثاني ٢٠١٦'],
  ['29 صفر 1438هـ - 1 ديسمبر 2016', '29 صفر 1438هـ - 30 نوفمبر 2016'],
  ['1 رمضان 1437 هـ الموافق 9 يونيو 2016', '1 رمضان 1437 هـ الموافق 6 يونيو 2016'],
  ['1 رمضان 1437 هـ الموافق 6 يوليو 2016', '1 رمضان 1437 هـ الموافق 5 يونيو 2016'],
  ['6 حزيران 2016 (1 شعبان 1437 هـ)', '6 حزيران 2016 (1 رمضان 1437 هـ)'],
  ['1 محرم 1438 هـ الموافق 4 أكتوبر 2016', '1 محرم 1438 هـ الموافق 2 أكتوبر 2016'],
  ['1 المحرم 1438 هـ الموافق 2 سبتمبر 2016', '1 المحرم 1438 هـ الموافق 3 أكتوبر 2016'],
  ['2 تشرين الأول 2016 الموافق 11 محرم 1438 هـ', '2 تشرين الأول 2016 الموافق 1 محرم 1438 هـ'],
  ['1 رمضان 1445 هـ الموافق 14 مارس 2024', '1 رمضان 1445 هـ الموافق 11 مارس 2024'],
  ['11 آذار 2024 (1 رمضان 1446 هـ)', '11 آذار 2024 (1 رمضان 1445 هـ)'],
  ['1 شوال 1445 هـ الموافق 13 أبريل 2024', '1 شوال 1445 هـ الموافق 10 أبريل 2024'],
  ['10 أفريل 2024 الموافق 1 ذو القعدة 1445 هـ', '10 أفريل 2024 الموافق 1 شوال 1445 هـ'],
  ['1 محرم 1446 هـ الموافق 7 يونيو 2024', '1 محرم 1446 هـ الموافق 7 يوليو 2024'],
  ['7 جويلية 2024 (3 محرم 1446 هـ)', '7 جويلية 2024 (1 محرم 1446 هـ)'],
  ['1 رمضان 1444 هـ الموافق 25 مارس 2023', '1 رمضان 1444 هـ الموافق 23 مارس 2023'],
  ['23 مارس 2023 الموافق 1 رمضان 1443 هـ', '23 مارس 2023 الموافق 1 رمضان 1444 هـ'],
  ['10 ذي الحجة 1444 هـ الموافق 30 يونيو 2023', '10 ذي الحجة 1444 هـ الموافق 28 يونيو 2023'],
  ['28 حزيران 2023 الموافق 10 ذو القعدة 1444 هـ', '28 حزيران 2023 الموافق 10 ذو الحجة 1444 هـ'],
  ['1 محرم 1440 هـ الموافق 21 سبتمبر 2018', '1 محرم 1440 هـ الموافق 11 سبتمبر 2018'],
  ['11 أيلول 2018 (1 محرم 1439 هـ)', '11 أيلول 2018 (1 محرم 1440 هـ)'],
  ['1 رمضان 1432 هـ الموافق 1 أغسطس 2012', '1 رمضان 1432 هـ الموافق 1 أغسطس 2011'],
  ['1 غشت 2011 (11 رمضان 1432 هـ)', '1 غشت 2011 (1 رمضان 1432 هـ)'],
  ['29 نوفمبر 2016 م الموافق 29 جمادى الأولى 1438 هـ', '29 نوفمبر 2016 م الموافق 29 صفر 1438 هـ'],
  ['29/2/1438 هـ الموافق 29/12/2016 م', '29/2/1438 هـ الموافق 29/11/2016 م'],
  ['1/9/1437 هـ الموافق 1/6/2016 م', '1/9/1437 هـ الموافق 6/6/2016 م'],
  ['11 مارس 2024 (1 شوال 1445 هـ)', '11 مارس 2024 (1 رمضان 1445 هـ)'],
  ['يوم 1 محرم 1438 هـ الموافق 12 أكتوبر 2016 م', 'يوم 1 محرم 1438 هـ الموافق 2 أكتوبر 2016 م'],
], { fixesSilence: true });

const EG = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];
const LEV = ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول'];
const pairCases: Case[] = [];
for (let i = 0; i < 12; i++) {
  const j = (i + 1) % 12;
  pairCases.push([`في 10 ${EG[i]} (${LEV[j]}) 2015`, `في 10 ${EG[i]} (${LEV[i]}) 2015`]);
  pairCases.push([`15 ${LEV[i]}/${EG[j]} 2014`, `15 ${LEV[i]}/${EG[i]} 2014`]);
  pairCases.push([`خلال شهر ${LEV[j]} (${EG[i]}) 2013`, `خلال شهر ${LEV[i]} (${EG[i]}) 2013`]);
}
goldens('date.month-pair', pairCases, { fixesSilence: true });

goldens('date.relative-conflict', [
  ['وقال لافروف أمس الاثنين إن موسكو تدعم الحل.', 'وقال لافروف أمس الثلاثاء إن موسكو تدعم الحل.'],
  ['وقال لافروف يوم أمس الأربعاء إن موسكو تدعم الحل.', 'وقال لافروف يوم أمس الثلاثاء إن موسكو تدعم الحل.'],
  ['أعلنت الوزارة اليوم الخميس أن الاجتماع انتهى.', 'أعلنت الوزارة اليوم الأربعاء أن الاجتماع انتهى.'],
  ['يصل الوفد غدا الجمعة إلى القاهرة.', 'يصل الوفد غدا الخميس إلى القاهرة.'],
  ['وأكد أول من أمس الأحد أن موسكو تدعم الحل.', 'وأكد أول من أمس الاثنين أن موسكو تدعم الحل.'],
  ['يعقد المجلس جلسته بعد غد السبت.', 'يعقد المجلس جلسته بعد غد الجمعة.'],
  ['وقال الوزير أمس الأحد إن الاتفاق صامد.', 'وقال الوزير أمس السبت إن الاتفاق صامد.', '2016-12-04'],
  ['وصل الرئيس أمس الاثنين.', 'وصل الرئيس أمس الأحد.', '2021-04-26'],
  ['انعقد المؤتمر اليوم السبت.', 'انعقد المؤتمر اليوم الخميس.', '2015-01-01'],
  ['وقال لافروف، الاثنين أمس، إن موسكو تدعم الحل.', 'وقال لافروف، الثلاثاء أمس، إن موسكو تدعم الحل.'],
  ['وكان حفتر وصل إلى موسكو في 31 الحالي.', 'وكان حفتر وصل إلى موسكو في 30 الحالي.'],
  ['وكان حفتر وصل إلى موسكو في 30 الجاري.', 'وكان حفتر وصل إلى موسكو في 29 الجاري.', '2016-02-29'],
  ['وكان الوفد وصل في 31 الماضي.', 'وكان الوفد وصل في 30 الماضي.', '2016-12-05'],
  ['تنتهي المهلة في 31 المقبل.', 'تنتهي المهلة في 30 المقبل.', '2016-10-15'],
  ['وصل حفتر إلى موسكو في 2 ديسمبر 2016.', 'وصل حفتر إلى موسكو في 26 نوفمبر 2016.'],
  ['التقى لافروف حفتر الاثنين المقبل.', 'سيلتقي لافروف حفتر الاثنين المقبل.'],
  ['وقع الطرفان الاتفاق في 5 كانون الأول 2016.', 'يوقع الطرفان الاتفاق في 5 كانون الأول 2016.'],
  ['واجتمع الوزيران غدا في موسكو.', 'ويجتمع الوزيران غدا في موسكو.'],
  ['وزار الوفد القاهرة يوم 8 ديسمبر 2016.', 'ويزور الوفد القاهرة يوم 8 ديسمبر 2016.'],
  ['Lavrov said yesterday, Monday, that Moscow backs a settlement.', 'Lavrov said yesterday, Tuesday, that Moscow backs a settlement.'],
  ['The ministry said today (Thursday) the talks ended.', 'The ministry said today (Wednesday) the talks ended.'],
  ['The delegation arrives tomorrow, Friday.', 'The delegation arrives tomorrow, Thursday.'],
  ['He spoke yesterday, Sunday, in Moscow.', 'He spoke yesterday, Saturday, in Moscow.', '2016-12-04'],
  ['Officials said today, Monday, that the border is open.', 'Officials said today, Thursday, that the border is open.', '2015-01-01'],
  ['Haftar arrived in Moscow on Dec. 2, 2016.', 'Haftar arrived in Moscow on Nov. 26, 2016.'],
  ['Lavrov met Haftar next Monday.', 'Lavrov will meet Haftar next Monday.'],
  ['The two sides signed the deal on December 5, 2016.', 'The two sides will sign the deal on December 5, 2016.'],
  ['Haftar arrived in Moscow on the 31st.', 'Haftar arrived in Moscow on the 19th.', '2016-11-20'],
  ['The ministers met tomorrow in Moscow.', 'The ministers meet tomorrow in Moscow.'],
  ['Lavrov visited Cairo on Dec 8.', 'Lavrov visits Cairo on Dec 8.'],
  ['He spoke on the day after tomorrow, Monday.', 'He speaks the day after tomorrow, Friday.'],
]);

describe('date checks: fixes', () => {
  it('weekday-mismatch offers both repairs, changing only the words they name', () => {
    const text = 'وصل الوفد الاثنين 29 نوفمبر 2016 إلى موسكو.';
    const [f] = dateFindings(text);
    assert.equal(f.code, 'date.weekday-mismatch');
    assert.equal(f.fixes.length, 2);
    assert.equal(applyEdits(text, f.fixes[0].edits), 'وصل الوفد الثلاثاء 29 نوفمبر 2016 إلى موسكو.');
    assert.equal(f.fixes[0].preferred, true);
    assert.equal(applyEdits(text, f.fixes[1].edits), 'وصل الوفد الاثنين 28 نوفمبر 2016 إلى موسكو.');
    assert.match(f.message, /الثلاثاء/);
  });

  it('weekday-mismatch moving across a month edits the month in the writer\'s system and digits', () => {
    const text = 'الجمعة ٣٠ تشرين الثاني ٢٠١٦';
    const [f] = dateFindings(text);
    // 30 Nov 2016 is a Wednesday; the nearest Friday is 2 December.
    assert.equal(applyEdits(text, f.fixes[1].edits), 'الجمعة ٢ كانون الأول ٢٠١٦');
  });

  it('English weekday fix keeps the abbreviation style', () => {
    const text = 'Mon. Nov. 29, 2016';
    const [f] = dateFindings(text);
    assert.equal(applyEdits(text, f.fixes[0].edits), 'Tue. Nov. 29, 2016');
    assert.equal(applyEdits(text, f.fixes[1].edits), 'Mon. Nov. 28, 2016');
  });

  it('hijri-mismatch: the computed twin', () => {
    const text = '29 صفر 1438 هـ الموافق 25 نوفمبر 2016 م';
    const [f] = dateFindings(text);
    assert.equal(applyEdits(text, f.fixes[0].edits), '25 صفر 1438 هـ الموافق 25 نوفمبر 2016 م');
    assert.equal(applyEdits(text, f.fixes[1].edits), '29 صفر 1438 هـ الموافق 29 نوفمبر 2016 م');
  });

  it('hijri-mismatch allows one day (sighting)', () => {
    assert.deepEqual(dateFindings('10 ذو الحجة 1437 هـ الموافق 12 سبتمبر 2016'), []);
    assert.deepEqual(dateFindings('29 صفر 1438 هـ الموافق 28 نوفمبر 2016'), []);
  });

  it('month-pair: both directions', () => {
    const text = '29 نوفمبر (تشرين الأول) 2016';
    const [f] = dateFindings(text);
    assert.equal(applyEdits(text, f.fixes[0].edits), '29 نوفمبر (تشرين الثاني) 2016');
    assert.equal(applyEdits(text, f.fixes[1].edits), '29 أكتوبر (تشرين الأول) 2016');
  });

  it('relative-conflict weekday fix', () => {
    const text = 'وقال لافروف أمس الاثنين إن موسكو تدعم الحل.';
    const [f] = dateFindings(text);
    assert.equal(applyEdits(text, f.fixes[0].edits), 'وقال لافروف أمس الثلاثاء إن موسكو تدعم الحل.');
  });

  it('without a publication date, relative checks stay silent', () => {
    assert.deepEqual(dateFindings('وقال لافروف أمس الاثنين إن موسكو تدعم الحل.', null).length, 0);
  });

  it('a place named by a date is not a dated event; سيطرت is a past verb, not a future one', () => {
    assert.deepEqual(dateFindings('وصل الوفد إلى مدينة 6 ديسمبر.'), []);
    assert.deepEqual(dateFindings('وصل الوفد في 6 ديسمبر.').map((f) => f.code), ['date.relative-conflict']);
    const a = analyze('سيطرت القوات على المدينة الاثنين.', { publicationDate: PUB });
    assert.deepEqual(a.dates.map((d) => d.value), [{ year: 2016, month: 11, day: 28 }]);
  });

  it('relative dates inside a quotation count from the speech, not from publication', () => {
    assert.deepEqual(dateFindings('وقال الوزير: «التقينا أمس الاثنين في موسكو».'), []);
    assert.deepEqual(dateFindings('He said: "We met yesterday, Monday, in Moscow."'), []);
    assert.deepEqual(dateFindings('وقال الوزير إنهم التقوا أمس الاثنين في موسكو.').map((f) => f.code), ['date.relative-conflict']);
  });

  it('a severity setting can turn a code off', () => {
    const a = analyze('الاثنين 29 نوفمبر 2016', { severities: { 'date.weekday-mismatch': 'off' } });
    assert.equal(a.diagnostics.filter((d) => d.code === 'date.weekday-mismatch').length, 0);
  });
});

describe('date checks: errors planted in the seed', () => {
  const seed = nodeFs.readFileSync(path.join(__dirname, '../../seeds/000_36fff38b519712a3.txt'), 'utf8');
  const plants: Array<[string, string, string]> = [
    ['بموسكو، أمس، أن', 'بموسكو، أمس الاثنين، أن', 'date.relative-conflict'],
    ['في 26 الحالي', 'في 31 الحالي', 'date.relative-conflict'],
    ['في 26 الحالي', 'في الأحد 26 نوفمبر 2016', 'date.weekday-mismatch'],
    ['في 26 الحالي', 'في 31 نوفمبر 2016', 'date.invalid'],
    ['في 26 الحالي', 'في 26 نوفمبر (تشرين الأول) 2016', 'date.month-pair'],
    ['في 26 الحالي', 'في 26 صفر 1438 هـ الموافق 16 نوفمبر 2016', 'date.hijri-mismatch'],
    ['وكان حفتر وصل إلى موسكو في 26 الحالي', 'ووصل حفتر إلى موسكو في 2 ديسمبر 2016', 'date.relative-conflict'],
  ];
  for (const [from, to, code] of plants) {
    it(`${to} -> ${code}`, () => {
      assert.ok(seed.includes(from));
      const text = seed.replace(from, to);
      const at = seed.indexOf(from);
      const fs2 = dateFindings(text);
      assert.deepEqual(fs2.map((f) => f.code), [code]);
      assert.ok(fs2[0].start >= at && fs2[0].end <= at + to.length, 'at the planted place');
    });
  }
  it('the untouched seed and its copy with a correct weekday stay silent', () => {
    assert.deepEqual(dateFindings(seed), []);
    assert.deepEqual(dateFindings(seed.replace('بموسكو، أمس، أن', 'بموسكو، أمس الثلاثاء، أن')), []);
    assert.deepEqual(dateFindings(seed.replace('في 26 الحالي', 'في السبت 26 نوفمبر 2016')), []);
  });
});
