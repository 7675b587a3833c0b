/**
 * Dates: parsing in every format of the spec, resolution against the publication date, the publication date
 * itself, calendars, the hover card, the seeds, and silence on real correct text (ANERcorp, GUM).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { DateSegmentCache, dateCard, findDates, fromHijri, parseDates, toHijri, type ParsedDate } from '../../server/src/core/dates';
import { addDays, dayNumber, fromDayNumber, weekdayOf } from '../../server/src/core/dates/calendar';
import { tenseAround } from '../../server/src/core/dates/resolve';
import { parseStructure } from '../../server/src/core/structure';
import type { DateValue, Language } from '../../server/src/core/types';

const root = path.resolve(__dirname, '../..');
const PUB: DateValue = { year: 2016, month: 11, day: 30 };
const iso = (v?: DateValue) => (v ? `${v.year}-${String(v.month).padStart(2, '0')}-${String(v.day).padStart(2, '0')}` : undefined);

function one(text: string, lang: Language = /[A-Za-z]/.test(text) ? 'en' : 'ar', pub: DateValue | null = PUB): ParsedDate {
  const ds = parseDates(text, lang, pub ?? undefined);
  assert.equal(ds.length, 1, `${text}: ${JSON.stringify(ds.map((d) => d.text))}`);
  return ds[0];
}

describe('dates: DateSegmentCache (pieces between safe cuts read alone) finds exactly what findDates finds', () => {
  const seeds = fs.readdirSync(path.resolve(__dirname, '../../seeds')).sort().map((f) => fs.readFileSync(path.resolve(__dirname, '../../seeds', f), 'utf8'));
  // Dates, contexts and stops that could matter at a cut: before or after '.\n\n', a day at a piece's start, a weekday
  // in brackets after a date, twins, a reference number, a Latin abbreviation before the stop.
  const frags = [' 29 نوفمبر', ' الاثنين', ' أمس', '5/11/2016', ' No.', '.\n\n', '\n\nالثلاثاء 29 نوفمبر 2016', ' يوم', ' (الثلاثاء)',
    ' الموافق', ' 29 صفر 1438 هـ', ' Nov.', ' 2016.\n\n', 'رقم.\n\n', ' القائد العام.\n\n', ' on Monday.\n\n', 'قال.\n\n29 نوفمبر'];

  it('on the seeds and on random edits next to the cuts, one cache reused across the edits', () => {
    let x = 7;
    const rnd = (n: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0), x % n);
    const cache = new DateSegmentCache();
    // The seeds with every sentence a paragraph: many cuts.
    let text = seeds.join('\n\n').replace(/\. /g, '.\n\n');
    const lang = (t: string): Language => (/[\u0621-\u064A]/.test(t) ? 'ar' : 'en');
    for (const s of seeds) assert.deepEqual(new DateSegmentCache().findDates(s, lang(s)), findDates(s, lang(s)));
    let cuts = 0;
    for (let i = 0; i < 300; i++) {
      const at: number[] = [];
      for (const m of text.matchAll(/[\u0621-\u064A)»"]\.\n\n+/g)) at.push(m.index!, m.index! + 1, m.index! + 2, m.index! + m[0].length);
      cuts += at.length / 4;
      const p = at.length && rnd(5) < 4 ? at[rnd(at.length)] : rnd(text.length);
      text = text.slice(0, p) + frags[rnd(frags.length)] + text.slice(p);
      for (const l of ['ar', 'en'] as Language[]) assert.deepEqual(cache.findDates(text, l), findDates(text, l), `edit ${i} (${l})`);
    }
    assert.ok(cuts / 300 >= 5, `the texts have cuts (${cuts / 300} on average)`);
  });
});

describe('dates: calendars', () => {
  it('weekdays match known days (GNU date)', () => {
    assert.equal(weekdayOf({ year: 2016, month: 11, day: 29 }), 2);
    assert.equal(weekdayOf({ year: 2011, month: 3, day: 12 }), 6);
    assert.equal(weekdayOf({ year: 2024, month: 2, day: 29 }), 4);
    assert.equal(weekdayOf({ year: 1970, month: 1, day: 1 }), 4);
    assert.equal(weekdayOf({ year: 1969, month: 12, day: 31 }), 3);
  });

  it('Umm al-Qura both ways, on published dates', () => {
    assert.deepEqual(toHijri({ year: 2016, month: 11, day: 29 }), { year: 1438, month: 2, day: 29 });
    const facts: Array<[number, number, number, string]> = [
      [1437, 9, 1, '2016-06-06'], [1438, 1, 1, '2016-10-02'], [1445, 9, 1, '2024-03-11'], [1445, 10, 1, '2024-04-10'],
      [1446, 1, 1, '2024-07-07'], [1444, 9, 1, '2023-03-23'], [1440, 1, 1, '2018-09-11'], [1432, 9, 1, '2011-08-01'],
    ];
    for (const [y, m, d, g] of facts) assert.equal(iso(fromHijri({ year: y, month: m, day: d })), g);
  });

  it('Hijri -> Gregorian inverts Gregorian -> Hijri on every day of 1990–2030', () => {
    for (let n = dayNumber({ year: 1990, month: 1, day: 1 }); n < dayNumber({ year: 2030, month: 1, day: 1 }); n++) {
      const g = fromDayNumber(n);
      assert.equal(dayNumber(fromHijri(toHijri(g))!), n, iso(g));
    }
  });

  it('day 30 of a 29-day Hijri month is the day after the 29th', () => {
    // Safar 1438 has 29 days in Umm al-Qura (29 Safar = 29 Nov 2016, 1 Rabi I = 30 Nov 2016).
    assert.equal(iso(fromHijri({ year: 1438, month: 2, day: 30 })), '2016-11-30');
    assert.equal(iso(addDays({ year: 2016, month: 2, day: 28 }, 1)), '2016-02-29');
  });
});

describe('dates: Arabic absolute dates', () => {
  const cases: Array<[string, string]> = [
    ['الثلاثاء 29 نوفمبر 2016', '2016-11-29'],
    ['29 نوفمبر 2016م', '2016-11-29'],
    ['29 نوفمبر 2016 م', '2016-11-29'],
    ['٢٩ نوفمبر ٢٠١٦', '2016-11-29'],
    ['۲۹ نوفمبر ۲۰۱۶', '2016-11-29'],
    ['29 تشرين الثاني 2016', '2016-11-29'],
    ['29 تشرين الثاني/نوفمبر 2016', '2016-11-29'],
    ['29 نوفمبر (تشرين الثاني) 2016', '2016-11-29'],
    ['12 آذار/مارس 2011', '2011-03-12'],
    ['12 اذار 2011', '2011-03-12'],
    ['14 جويلية 2017', '2017-07-14'],
    ['14 يوليوز 2017', '2017-07-14'],
    ['8 غشت 2022', '2022-08-08'],
    ['11 شتنبر 2018', '2018-09-11'],
    ['29 نونبر 2016', '2016-11-29'],
    ['25 دجنبر 2013', '2013-12-25'],
    ['1 جانفي 2015', '2015-01-01'],
    ['14 فيفري 2016', '2016-02-14'],
    ['25 أفريل 2021', '2021-04-25'],
    ['3 ماي 2010', '2010-05-03'],
    ['3 جوان 2014', '2014-06-03'],
    ['8 أوت 2022', '2022-08-08'],
    ['3 يونيه 2014', '2014-06-03'],
    ['4 يوليه 2012', '2012-07-04'],
    ['8 اغسطس 2022', '2022-08-08'],
    ['8 آب 2022', '2022-08-08'],
    ['6 ابريل 2016', '2016-04-06'],
    ['6 إبريل 2016', '2016-04-06'],
    ['10 كانون الأول 2013', '2013-12-10'],
    ['10 كانون الثاني 2013', '2013-01-10'],
    ['10 تشرين الاول 2019', '2019-10-10'],
    ['11 يناير سنة 1944', '1944-01-11'],
    ['26 يوليو من عام 1987', '1987-07-26'],
    ['14 من أيار (مايو) عام 1904', '1904-05-14'],
    ['29/11/2016', '2016-11-29'],
    ['٢٩/١١/٢٠١٦', '2016-11-29'],
    ['2016-11-29', '2016-11-29'],
    ['29 نوفمبر', '2016-11-29'],
    ['5 يناير', '2017-01-05'],
    ['9 يوليو الماضي', '2016-07-09'],
    ['10 أغسطس المقبل', '2017-08-10'],
  ];
  for (const [text, want] of cases) {
    it(`${text} = ${want}`, () => {
      const d = one(text, 'ar');
      assert.equal(iso(d.value), want);
      assert.equal(d.text.trim(), d.text);
    });
  }

  it('the span covers the weekday and the date, not the preposition', () => {
    const t = 'وصل في يوم الثلاثاء 29 نوفمبر 2016 إلى موسكو';
    const d = one(t);
    assert.equal(d.text, 'يوم الثلاثاء 29 نوفمبر 2016');
    assert.equal(t.slice(d.parts.weekday!.start, d.parts.weekday!.end), 'الثلاثاء');
    assert.equal(d.weekday, 2);
  });

  it('a year without a day or a bare month after a preposition is a month', () => {
    assert.equal(one('في نوفمبر 2016').kind, 'month');
    assert.equal(iso(one('خلال شهر أكتوبر').value), '2016-10-01');
    assert.equal(one('تشرين الثاني/نوفمبر 2016').parts.month2?.value, 11);
  });

  it('ranges: each day is a mention; the shared month and year are read ahead', () => {
    const got = (t: string, lang: Language = 'ar') => parseDates(t, lang, PUB).map((d) => `${d.text}=${iso(d.value)}`);
    assert.deepEqual(got('بين 28 و29 نوفمبر 2016'), ['28=2016-11-28', '29 نوفمبر 2016=2016-11-29']);
    assert.deepEqual(got('19 ـ 25 مايو 1998'), ['19=1998-05-19', '25 مايو 1998=1998-05-25']);
    assert.deepEqual(got('من 26 وحتى 30 أغسطس'), ['26=2016-08-26', '30 أغسطس=2016-08-30']);
    assert.deepEqual(got('الاثنين 28 والثلاثاء 29 نوفمبر 2016'), ['الاثنين 28=2016-11-28', 'الثلاثاء 29 نوفمبر 2016=2016-11-29']);
    assert.deepEqual(got('Nov. 26-29, 2015', 'en'), ['Nov. 26=2015-11-26', '29, 2015=2015-11-29']);
    assert.deepEqual(got('5 – 6 September 2019', 'en'), ['5=2019-09-05', '6 September 2019=2019-09-06']);
    const first = parseDates('بين 28 و29 نوفمبر 2016', 'ar', PUB)[0];
    assert.equal(first.parts.month, undefined, 'the shared month is not the first day\'s part');
  });

  it('ordinal days: في السادس والعشرين من نوفمبر, الأول من الشهر الجاري; not الأسبوع الأول من الشهر', () => {
    assert.equal(iso(one('في السادس والعشرين من نوفمبر 2016').value), '2016-11-26');
    assert.equal(iso(one('في الحادي عشر من سبتمبر 2001').value), '2001-09-11');
    assert.equal(iso(one('وصل في الأول من الشهر الجاري').value), '2016-11-01');
    assert.equal(iso(one('الثلاثاء التاسع والعشرين من تشرين الثاني').value), '2016-11-29');
    assert.deepEqual(parseDates('الأسبوع الأول من الشهر الجاري', 'ar', PUB).map((d) => d.text), ['الشهر الجاري']);
    assert.deepEqual(parseDates('الربع الأول من العام', 'ar', PUB), []);
  });

  it('a bare second month is a pair only across systems and when it is not also a word', () => {
    assert.equal(one('11 سبتمبر أيلول 2001').parts.month2?.value, 9);
    const d = one('في 5 يونيو مارس الرئيس ضغوطا');
    assert.equal(d.text, '5 يونيو');
    assert.equal(d.parts.month2, undefined);
  });

  it('years: عام 2011, in 2011 (not counts like in 2000 homes)', () => {
    assert.deepEqual([one('منذ عام 2011').kind, one('منذ عام 2011').text], ['year', 'عام 2011']);
    assert.equal(one('in 2011 the', 'en').text, '2011');
    assert.deepEqual(parseDates('in 2000 homes', 'en', PUB), []);
    const a = analyze('عنوان\nفي عام 2011 بدأت الأزمة', { publicationDate: PUB });
    assert.equal(dateCard(a.dates[0], a).gregorian, 'عام 2011');
  });

  it('ordinary words that are also month names are not dates', () => {
    for (const t of ['مارس الضغط على الحكومة', 'قال الأب إن ابنه بخير', 'ماي فريند', 'جاء مع آب له', 'يتألف الفريق من 11 لاعبا']) {
      assert.deepEqual(parseDates(t, 'ar', PUB).map((d) => d.text), [], t);
    }
  });
});

describe('dates: Hijri', () => {
  it('reads day, month, year and هـ / ه, with variants', () => {
    assert.equal(iso(one('29 صفر 1438 هـ').value), '2016-11-29');
    assert.equal(iso(one('29 صفر 1438هـ').value), '2016-11-29');
    assert.equal(iso(one('29 صفر 1438 ه').value), '2016-11-29');
    assert.equal(iso(one('1 ربيع الآخر 1438 هـ').value), iso(one('1 ربيع الثاني 1438 هـ').value));
    assert.equal(iso(one('1 جمادى الآخرة 1438 هـ').value), iso(one('1 جمادى الثانية 1438 هـ').value));
    assert.equal(one('10 ذي الحجة 1437 هـ').raw.month, 12);
    assert.equal(one('10 ذو القعدة 1437 هـ').raw.month, 11);
    assert.equal(one('29/2/1438 هـ').kind, 'hijri');
  });

  it('صفر without a year is zero, not a month', () => {
    assert.deepEqual(parseDates('فاز الفريق 3 صفر', 'ar', PUB).map((d) => d.kind), []);
  });

  it('twins a Hijri and a Gregorian date given as the same day', () => {
    const ds = parseDates('الثلاثاء 29 صفر 1438 هـ الموافق 29 نوفمبر 2016 م', 'ar', PUB);
    assert.deepEqual(ds.map((d) => d.kind), ['hijri', 'absolute']);
    assert.equal(ds[0].twin, 1);
    assert.equal(ds[1].twin, 0);
  });
});

describe('dates: Arabic weekdays and relative dates (publication 2016-11-30, a Wednesday)', () => {
  const cases: Array<[string, string, string]> = [
    ['قال أمس إن', 'أمس', '2016-11-29'],
    ['قال امس إن', 'امس', '2016-11-29'],
    ['قال بالأمس إن', 'الأمس', '2016-11-29'],
    ['وقال أول من أمس', 'أول من أمس', '2016-11-28'],
    ['وقال أول أمس', 'أول أمس', '2016-11-28'],
    ['وقال امس الاول', 'امس الاول', '2016-11-28'],
    ['يصل اليوم إلى', 'اليوم', '2016-11-30'],
    ['يصل الليلة إلى', 'الليلة', '2016-11-30'],
    ['وصل الليلة الماضية', 'الليلة الماضية', '2016-11-29'],
    ['يصل غدا إلى', 'غدا', '2016-12-01'],
    ['يصل غداً إلى', 'غداً', '2016-12-01'],
    ['يصل بعد غد إلى', 'بعد غد', '2016-12-02'],
    ['وصل منذ ثلاثة أيام', 'منذ ثلاثة أيام', '2016-11-27'],
    ['وصل قبل يومين', 'قبل يومين', '2016-11-28'],
    ['وصل منذ 5 أيام', 'منذ 5 أيام', '2016-11-25'],
    ['وصل قبل أسبوع', 'قبل أسبوع', '2016-11-23'],
    ['وصل الاثنين', 'الاثنين', '2016-11-28'],
    ['وصل الإثنين', 'الإثنين', '2016-11-28'],
    ['وصل يوم الأحد', 'يوم الأحد', '2016-11-27'],
    ['وصل الأربعاء', 'الأربعاء', '2016-11-30'],
    ['وصل الخميس', 'الخميس', '2016-11-24'],
    ['وصل الاثنين الماضي', 'الاثنين الماضي', '2016-11-28'],
    ['وصل الأربعاء الماضي', 'الأربعاء الماضي', '2016-11-23'],
    ['يصل الاثنين المقبل', 'الاثنين المقبل', '2016-12-05'],
    ['يصل الأربعاء القادم', 'الأربعاء القادم', '2016-12-07'],
    ['سيزور لافروف القاهرة الأحد', 'الأحد', '2016-12-04'],
    ['من المقرر أن يصل الوفد الجمعة', 'الجمعة', '2016-12-02'],
    ['وكان حفتر وصل إلى موسكو في 26 الحالي', '26 الحالي', '2016-11-26'],
    ['في 3 الجاري', '3 الجاري', '2016-11-03'],
    ['في 26 من الشهر الجاري', '26 من الشهر الجاري', '2016-11-26'],
    ['في 15 الماضي', '15 الماضي', '2016-10-15'],
    ['في 5 المقبل', '5 المقبل', '2016-12-05'],
    ['الأسبوع الماضي', 'الأسبوع الماضي', '2016-11-20'],
    ['الشهر الماضي', 'الشهر الماضي', '2016-10-01'],
    ['الشهر الجاري', 'الشهر الجاري', '2016-11-01'],
    ['الشهر الحالي', 'الشهر الحالي', '2016-11-01'],
    ['الشهر المقبل', 'الشهر المقبل', '2016-12-01'],
    ['العام الماضي', 'العام الماضي', '2015-01-01'],
    ['العام المقبل', 'العام المقبل', '2017-01-01'],
    ['السنة الماضية', 'السنة الماضية', '2015-01-01'],
  ];
  for (const [text, span, want] of cases) {
    it(`${text}: ${span} = ${want}`, () => {
      const d = one(text, 'ar');
      assert.equal(d.text, span);
      assert.equal(iso(d.value), want);
    });
  }

  it('months and years ago resolve to a month or a year; a year number after عام is not a count', () => {
    const a = one('منذ عامين');
    assert.equal(a.granularity, 'year');
    assert.equal(a.value?.year, 2014);
    assert.equal(one('قبل ثلاثة أشهر').value?.month, 8);
    assert.equal(one('3 months ago', 'en').value?.month, 8);
    assert.deepEqual(parseDates('منذ عام 2011', 'ar', PUB).filter((d) => d.kind === 'relative'), []);
  });

  it("'أمس الاثنين' is one mention with its weekday", () => {
    const d = one('وقال أمس الاثنين إن');
    assert.equal(d.text, 'أمس الاثنين');
    assert.equal(d.weekday, 1);
    assert.equal(d.parts.relative?.text, 'أمس');
  });

  it("'القائد العام', 'الأمين العام الحالي', 'اليوم التالي', 'روسيا اليوم', 'كلا الاثنين', 'صلاة الجمعة' are not dates", () => {
    for (const t of ['استقباله القائد العام للجيش الليبي', 'قال الأمين العام الحالي للأمم المتحدة', 'وفي اليوم التالي عاد', 'قناة روسيا اليوم', 'كلا الاثنين معا', 'بعد صلاة الجمعة', 'صبيحة اليوم التاسع عشر', 'قبل يومين من الاجتماع']) {
      assert.deepEqual(parseDates(t, 'ar', PUB).map((d) => d.text), [], t);
    }
  });

  it('without a publication date, relative dates stay unresolved and say why', () => {
    const d = one('وقال أمس إن', 'ar', null);
    assert.equal(d.value, undefined);
    assert.match(d.unresolved!, /تاريخ نشر/);
  });
});

describe('dates: English', () => {
  const cases: Array<[string, string, string]> = [
    ['Tuesday, Nov. 29, 2016', 'Tuesday, Nov. 29, 2016', '2016-11-29'],
    ['29 November 2016', '29 November 2016', '2016-11-29'],
    ['on Nov 29 the', 'Nov 29', '2016-11-29'],
    ['2016-11-29', '2016-11-29', '2016-11-29'],
    ['on November 29th, 2016', 'November 29th, 2016', '2016-11-29'],
    ['the 29th of November', 'the 29th of November', '2016-11-29'],
    ['on Sept. 11, 2001', 'Sept. 11, 2001', '2001-09-11'],
    ['in November 2016', 'November 2016', '2016-11-01'],
    ['he said yesterday', 'yesterday', '2016-11-29'],
    ['Yesterday he said', 'Yesterday', '2016-11-29'],
    ['he said today', 'today', '2016-11-30'],
    ['he leaves tomorrow', 'tomorrow', '2016-12-01'],
    ['he left last night', 'last night', '2016-11-29'],
    ['the day before yesterday', 'the day before yesterday', '2016-11-28'],
    ['the day after tomorrow', 'the day after tomorrow', '2016-12-02'],
    ['they met on Monday', 'Monday', '2016-11-28'],
    ['they met last Tuesday', 'last Tuesday', '2016-11-29'],
    ['they will meet next Tuesday', 'next Tuesday', '2016-12-06'],
    ['they will meet on Friday', 'Friday', '2016-12-02'],
    ['they met on the 26th.', 'the 26th', '2016-11-26'],
    ['three days ago', 'three days ago', '2016-11-27'],
    ['2 weeks ago', '2 weeks ago', '2016-11-16'],
    ['this month', 'this month', '2016-11-01'],
    ['last month', 'last month', '2016-10-01'],
    ['last year', 'last year', '2015-01-01'],
    ['next year', 'next year', '2017-01-01'],
  ];
  for (const [text, span, want] of cases) {
    it(`${text}: ${span} = ${want}`, () => {
      const d = one(text, 'en');
      assert.equal(d.text, span);
      assert.equal(iso(d.value), want);
    });
  }

  it('slash dates: US order only when the day is over 12; otherwise ambiguous', () => {
    assert.equal(iso(one('on 11/29/2016 the', 'en').value), '2016-11-29');
    assert.equal(iso(one('on 29/11/2016 the', 'en').value), '2016-11-29');
    const amb = one('on 3/4/2016 the', 'en');
    assert.equal(amb.value, undefined);
    assert.match(amb.unresolved!, /ambiguous/);
  });

  it('reference numbers are not dates', () => {
    for (const t of ['القرار رقم 45/13/2016', 'القرار رقم 15/11/2016', 'Resolution No. 12/11/2016', 'file 45/77/2016']) {
      assert.deepEqual(parseDates(t, /[A-Za-z]/.test(t) ? 'en' : 'ar', PUB).map((d) => d.text), [], t);
    }
  });

  it('USA Today, every Friday, Mondays are not dates', () => {
    for (const t of ['a report in USA Today said', 'she swims every Friday', 'He works Mondays']) {
      assert.deepEqual(parseDates(t, 'en', PUB).map((d) => d.text), [], t);
    }
  });

  it("'the next Tuesday' counts from the story, not from publication", () => {
    const d = one('I went back the next Tuesday night', 'en');
    assert.equal(d.text, 'Tuesday');
    assert.equal(d.direction, 'bare');
    assert.equal(iso(d.value), '2016-11-29');
  });

  it('tense decides bare weekdays (documented rule)', () => {
    assert.equal(tenseAround('He said on Monday that', 10, 16, 'en'), 'past');
    assert.equal(tenseAround('He will travel on Monday', 18, 24, 'en'), 'future');
    assert.equal(tenseAround('وقال الوزير الاثنين', 11, 18, 'ar'), 'past');
    // سيرغي (Sergei) is a name, not a future verb
    assert.equal(tenseAround('وقال سيرغي لافروف الاثنين', 18, 25, 'ar'), 'past');
  });
});

describe('dates: hostile input', () => {
  it('long runs of spaces and thousands of dates in a row stay linear', () => {
    const t0 = Date.now();
    assert.equal(parseDates('29 نوفمبر' + ' '.repeat(20000) + 'x', 'ar', PUB).length, 1);
    assert.equal(parseDates('الاثنين' + ' '.repeat(20000) + '29', 'ar', PUB).length, 1);
    assert.equal(parseDates('أمس '.repeat(10000), 'ar', PUB).length, 10000);
    assert.equal(parseDates('Monday, Nov. '.repeat(5000), 'en', PUB).length, 5000);
    assert.ok(Date.now() - t0 < 5000, `${Date.now() - t0} ms`);
  });
});

describe('dates: publication date', () => {
  it('option > front matter > dateline > file name', () => {
    const fm = '---\ndate: 2016-11-30\n---\nعنوان\nموسكو: 29 نوفمبر 2016 - قال الوزير أمس';
    assert.deepEqual(analyze(fm, { publicationDate: { year: 2016, month: 12, day: 1 } }).publicationDate?.source, 'option');
    const a = analyze(fm, { fileName: '2016-11-28-x.txt' });
    assert.equal(a.publicationDate?.source, 'front-matter');
    assert.equal(iso(a.publicationDate?.value), '2016-11-30');
    assert.equal(iso(a.dates.find((d) => d.text === 'أمس')?.value), '2016-11-29');
    const dl = analyze('عنوان\nموسكو: 29 نوفمبر 2016 - قال الوزير أمس', { fileName: '2016-11-28-x.txt' });
    assert.equal(dl.publicationDate?.source, 'dateline');
    assert.equal(iso(dl.publicationDate?.value), '2016-11-29');
    assert.equal(iso(dl.structure.dateline?.date), '2016-11-29');
    const fn = analyze('عنوان\nقال الوزير أمس', { fileName: 'archive/2016-11-28-lavrov.txt' });
    assert.equal(fn.publicationDate?.source, 'file-name');
    assert.equal(iso(fn.dates[0].value), '2016-11-27');
    assert.equal(analyze('عنوان\nقال الوزير أمس').publicationDate, undefined);
  });

  it("an English dateline without a year takes the file name's year", () => {
    const t = 'Title\nMOSCOW, Nov. 30 (Reuters) - Lavrov said yesterday';
    const a = analyze(t, { fileName: '2016_lavrov.txt' });
    assert.equal(analyze(t).publicationDate, undefined);
    const b = analyze(t, { fileName: '20161130.txt' });
    assert.equal(b.publicationDate?.source, 'dateline');
    assert.equal(iso(b.publicationDate?.value), '2016-11-30');
    assert.equal(a.publicationDate, undefined);
  });

  it('front matter dates are not mentions', () => {
    const a = analyze('---\ndate: 2016-11-30\n---\nTitle\nHe said yesterday.');
    assert.deepEqual(a.dates.map((d) => d.text), ['yesterday']);
  });

  it('parseStructure stays independent of dates', () => {
    assert.equal(parseStructure('عنوان\nموسكو: 30 نوفمبر 2016 - قال').dateline?.date, undefined);
  });
});

describe('dates: card', () => {
  it('Arabic: long date, Hijri, weekday, days before publication', () => {
    const a = analyze('عنوان\nقال الوزير أمس', { publicationDate: PUB });
    const c = dateCard(a.dates[0], a);
    assert.equal(c.gregorian, 'الثلاثاء 29 نوفمبر 2016');
    assert.equal(c.hijri, '29 صفر 1438 هـ');
    assert.equal(c.weekday, 'الثلاثاء');
    assert.equal(c.relative, 'قبل النشر بيوم واحد');
    assert.equal(c.hint, '29 نوفمبر 2016');
    assert.match(c.markdown, /الثلاثاء 29 نوفمبر 2016/);
  });

  it('English, a month in the writer\'s system, and the unresolved case', () => {
    const a = analyze('Title\nThey met on Monday.', { publicationDate: PUB });
    const c = dateCard(a.dates[0], a);
    assert.equal(c.gregorian, 'Monday, 28 November 2016');
    assert.equal(c.relative, '2 days before publication');
    assert.equal(c.hijri, '28 Safar 1438 AH');
    const b = analyze('عنوان\nفي 29 تشرين الثاني 2016 والشهر الماضي', { publicationDate: PUB });
    assert.equal(dateCard(b.dates[0], b).gregorian, 'الثلاثاء 29 تشرين الثاني 2016');
    assert.equal(dateCard(b.dates[1], b).gregorian, 'أكتوبر 2016');
    const u = analyze('Title\nThey met on Monday.');
    const cu = dateCard(u.dates[0], u);
    assert.equal(cu.gregorian, undefined);
    assert.match(cu.unresolved!, /no publication date/);
  });
});

describe('dates: seeds', () => {
  const seed = fs.readFileSync(path.join(root, 'seeds/000_36fff38b519712a3.txt'), 'utf8');

  it('the Arabic seed (published 2016-11-30) resolves أمس, الاثنين, في 26 الحالي and has no date diagnostics', () => {
    const a = analyze(seed, { publicationDate: PUB });
    const got = a.dates.map((d) => `${d.text}=${iso(d.value)}`);
    assert.deepEqual(got, ['أمس=2016-11-29', 'الاثنين=2016-11-28', 'أمس=2016-11-29', '26 الحالي=2016-11-26']);
    assert.deepEqual(a.diagnostics.filter((d) => d.code.startsWith('date.')), []);
    assert.ok(!a.dates.some((d) => d.text.includes('العام')), "'القائد العام' is not a date");
  });

  it('the English seed resolves its relative dates and has no date diagnostics', function () {
    const file = path.join(root, 'seeds/001_lavrov_haftar_en.txt');
    if (!fs.existsSync(file)) this.skip();
    const a = analyze(fs.readFileSync(file, 'utf8'), { publicationDate: PUB });
    const got = a.dates.map((d) => `${d.text}=${iso(d.value)}`);
    assert.ok(got.includes('yesterday=2016-11-29'), got.join(' '));
    assert.ok(got.includes('Tuesday=2016-11-29'), got.join(' '));
    assert.ok(got.includes('Monday=2016-11-28'), got.join(' '));
    assert.ok(got.includes('Saturday, Nov. 26=2016-11-26'), got.join(' '));
    assert.deepEqual(a.diagnostics.filter((d) => d.code.startsWith('date.')), []);
  });

  it('the CLI checks the seed with --date and exits 0', function () {
    if (!fs.existsSync(path.join(root, 'dist/cli.js'))) this.skip();
    const r = spawnSync(process.execPath, [path.join(root, 'bin/article-lens.js'), 'check', '--date', '2016-11-30', path.join(root, 'seeds/000_36fff38b519712a3.txt')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});

describe('dates: real correct text stays silent', () => {
  const data = process.env.ARTICLE_LENS_DATA ?? path.resolve(root, '../shared/data');

  function sentences(file: string, sep: string): string[] {
    const out: string[] = [];
    let cur: string[] = [];
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim() || line.startsWith('-DOCSTART-')) {
        if (cur.length) out.push(cur.join(' '));
        cur = [];
        continue;
      }
      const tok = line.split(sep)[0];
      cur.push(tok);
      if (tok === '.' && sep === ' ') {
        out.push(cur.join(' '));
        cur = [];
      }
    }
    if (cur.length) out.push(cur.join(' '));
    return out;
  }

  it('GUM news documents, published on the dated line that opens them: relative dates resolve, no finding', function () {
    const file = path.join(data, 'gum-en/train.bio');
    if (!fs.existsSync(file)) this.skip();
    const docs = fs.readFileSync(file, 'utf8').split(/^-DOCSTART-.*$/m).map((doc) => {
      const lines: string[] = [];
      for (const s of doc.split(/\n\s*\n/)) {
        const toks = s.split('\n').filter((l) => l.trim()).map((l) => l.split('\t')[0]);
        if (toks.length) lines.push(toks.join(' '));
      }
      return lines.join('\n');
    });
    let dated = 0;
    let resolved = 0;
    for (const doc of docs) {
      const head = analyze(doc.split('\n').slice(0, 4).join('\n'), { language: 'en' });
      const pub = head.dates.find((d) => d.kind === 'absolute' && d.value && d.weekday !== undefined)?.value;
      if (!pub) continue;
      dated++;
      const a = analyze(doc, { language: 'en', publicationDate: pub });
      resolved += a.dates.filter((d) => d.value && (d.kind === 'relative' || d.kind === 'weekday')).length;
      assert.deepEqual(a.diagnostics.filter((d) => d.code.startsWith('date.')).map((f) => `${f.code} ${doc.slice(f.start, f.end)}`), []);
    }
    assert.ok(dated >= 10 && resolved >= 30, `${dated} dated documents, ${resolved} relative dates resolved`);
  });

  for (const [name, rel, sep, lang] of [['ANERcorp', 'anercorp/ANERCorp_CamelLab_train.txt', ' ', 'ar'], ['GUM train', 'gum-en/train.bio', '\t', 'en'], ['GUM dev', 'gum-en/dev.bio', '\t', 'en']] as const) {
    it(`${name}: dates are found and no date.* finding is made`, function () {
      const file = path.join(data, rel);
      if (!fs.existsSync(file)) this.skip();
      const text = sentences(file, sep).join('\n');
      const a = analyze(text, { language: lang });
      assert.ok(a.dates.length > 20, `${a.dates.length} dates`);
      const found = a.diagnostics.filter((d) => d.code.startsWith('date.'));
      assert.deepEqual(found.map((f) => `${f.code} ${text.slice(f.start, f.end)}`), []);
    });
  }
});
