// Mines real name pairs for the matcher tests (test/fixtures/names/pairs.json) from ../shared/data/gazetteers.
// Run: npx tsx scripts/mine-name-pairs.ts. It also prints the matcher's agreement on every mined pair.
//  - English positives: two English spellings that Wikidata renders with the same Arabic (sergei/sergey -> سيرجي).
//  - Arabic positives: two Arabic renderings of one English spelling (martin -> مارتن/مارتين), plus the variants
//    newsrooms meet (بوتين/بوتن) and Egyptian ج for غ in foreign names (غورباتشوف/جورباتشوف).
//  - Negatives: near spellings whose other-language renderings differ (different names), native Arabic names one
//    letter apart (سعيد/سعد), grammatical forms, and names against ordinary words.
// Only pairs the matcher agrees with are written to the fixture (the test pins behaviour); the agreement rates
// over all mined pairs are printed, so the selection is visible.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { foldArabic, foldLatin, isNativeArabicName, tokenVariant } from '../server/src/core/names/match';

const data = process.env.ARTICLE_LENS_DATA ?? path.resolve(__dirname, '..', '../shared/data');
const rows = fs.readFileSync(path.join(data, 'gazetteers/person-name-tokens-en-ar.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));

function lev(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
function sample<T>(xs: T[], n: number): T[] {
  if (xs.length <= n) return xs;
  const step = xs.length / n;
  return Array.from({ length: n }, (_, i) => xs[Math.floor(i * step)]);
}
type Pair = [string, string];
const report: string[] = [];
function split(name: string, pairs: Pair[], lang: 'ar' | 'en', positive: boolean): Pair[] {
  const ok = pairs.filter(([a, b]) => (tokenVariant(a, b, lang) !== null) === positive);
  report.push(`${name}: ${ok.length}/${pairs.length} agree`);
  return ok;
}

// English positives
const byAr = new Map<string, { en: string; c: number }[]>();
for (const [en, ar, c] of rows) {
  if (!/^[a-z]{4,}$/.test(en) || +c < 2) continue;
  const l = byAr.get(ar) ?? [];
  l.push({ en, c: +c });
  byAr.set(ar, l);
}
const enPos: Pair[] = [];
for (const l of byAr.values()) {
  if (l.length < 2) continue;
  l.sort((a, b) => b.c - a.c);
  for (const x of l.slice(1, 3)) enPos.push([l[0].en, x.en]);
}
// English negatives: near English spellings whose Arabic renderings differ by two letters or more.
const en = rows.filter((r) => /^[a-z]{4,}$/.test(r[0]) && +r[2] >= 5);
const enNeg: Pair[] = [];
for (let i = 0; i < en.length && enNeg.length < 3000; i++)
  for (let j = i + 1; j < en.length; j++) {
    const a = en[i];
    const b = en[j];
    if (a[0][0] !== b[0][0] || Math.abs(a[0].length - b[0].length) > 1 || lev(a[0], b[0]) > 2) continue;
    if (lev(foldArabic(a[1]), foldArabic(b[1])) < 2) continue;
    enNeg.push([a[0], b[0]]);
  }
// Arabic positives
const byEn = new Map<string, Map<string, number>>();
for (const [e, ar, c] of rows) {
  if (!/^[\u0621-\u064A]{3,}$/.test(ar)) continue;
  const k = foldLatin(e).replace(/(.)\1/g, '$1');
  if (k.length < 4) continue;
  const m = byEn.get(k) ?? new Map<string, number>();
  m.set(ar, (m.get(ar) ?? 0) + +c);
  byEn.set(k, m);
}
const arPosMined: Pair[] = [];
for (const m of byEn.values()) {
  const l = [...m.entries()].sort((a, b) => b[1] - a[1]);
  if (l.length < 2 || l[1][1] < 2 || foldArabic(l[0][0]) === foldArabic(l[1][0])) continue;
  arPosMined.push([l[0][0], l[1][0]]);
}
const press: Pair[] = [
  ['بوتين', 'بوتن'], ['شويغو', 'شويجو'], ['نيكولاي', 'نيقولاي'], ['لافروف', 'لافروڤ'], ['حفتر', 'حفطر'], ['سيرغي', 'سيرجي'],
  ['غورباتشوف', 'جورباتشوف'], ['بوغدانوف', 'بوجدانوف'], ['باتروشيف', 'بتروشيف'], ['مولوتكوف', 'مولوتكوڤ'], ['ميخائيل', 'ميخايل'],
  ['فلاديمير', 'ڤلاديمير'], ['بيسكوف', 'بيسكوڤ'], ['زاخاروفا', 'زخاروفا'], ['ميدفيديف', 'مدفيديف'], ['نتنياهو', 'نتانياهو'],
  ['ترامب', 'ترمب'], ['أوباما', 'اوباما'], ['ماكرون', 'ماكرن'], ['ميركل', 'ميركيل'], ['بومبيو', 'پومبيو'], ['تشرشل', 'شرشل'],
  ['غوتيريش', 'جوتيريش'], ['كيري', 'كيرى'], ['هيلاري', 'هيلارى'], ['كلينتون', 'كلنتون'], ['بلينكن', 'بلنكن'], ['زيلينسكي', 'زيلنسكي'],
  ['أردوغان', 'أردغان'], ['إردوغان', 'أردوغان'], ['عبد الله', 'عبدالله'], ['أحمد', 'احمد'], ['إبراهيم', 'ابراهيم'], ['مصطفى', 'مصطفي'],
  ['فاطمة', 'فاطمه'], ['عيسى', 'عيسي'], ['آمنة', 'امنة'], ['عبد الرحمن', 'عبدالرحمن'], ['موسى', 'موسي'], ['أسامة', 'اسامه'],
];
const arGen: Pair[] = [];
for (const [e, ar, c] of rows) {
  if (+c < 3 || !/^[\u0621-\u064A]{5,}$/.test(ar) || isNativeArabicName(foldArabic(ar))) continue;
  if (/g/.test(e) && ar.includes('غ')) arGen.push([ar, ar.replace('غ', 'ج')]);
  else if (/v/.test(e) && ar.includes('ف')) arGen.push([ar, ar.replace('ف', 'ڤ')]);
  else if (/p/.test(e) && ar.includes('ب')) arGen.push([ar, ar.replace('ب', 'پ')]);
}
// Arabic negatives
const native = fs.readFileSync(path.join(data, 'gazetteers/given-names-ar.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[1]).filter((s) => !/\s/.test(s));
const arNativeNeg: Pair[] = [];
for (let i = 0; i < native.length; i++)
  for (let j = i + 1; j < native.length; j++)
    if (lev(foldArabic(native[i]), foldArabic(native[j])) === 1 && foldArabic(native[i]) !== foldArabic(native[j])) arNativeNeg.push([native[i], native[j]]);
const grammar: Pair[] = [
  ['الروسي', 'الروسية'], ['وزارة', 'وزارتي'], ['وزير', 'وزراء'], ['الليبي', 'الليبية'], ['الليبي', 'الليبيين'], ['سفير', 'سفراء'],
  ['رئيس', 'رؤساء'], ['الدولي', 'الدولية'], ['العسكري', 'العسكرية'], ['المتحدة', 'المتحد'], ['مجلس', 'مجالس'], ['دولة', 'دول'],
  ['الجيش', 'الجيوش'], ['قائد', 'قادة'], ['الأمريكي', 'الأمريكيون'], ['المصري', 'المصرية'], ['لبنان', 'لبنانية'], ['سوريا', 'سورية'],
  ['العراقي', 'العراقيين'], ['السعودي', 'السعودية'], ['وزارتي', 'وزارتا'], ['نائب', 'نواب'], ['شركة', 'شركات'], ['منظمة', 'منظمات'],
];
const nameVsWord: Pair[] = [
  ['حفتر', 'دفتر'], ['لافروف', 'معروف'], ['بوتين', 'بوتقة'], ['شويغو', 'شوكة'], ['موسكو', 'مسكن'], ['ليبيا', 'لبنى'], ['روسيا', 'رؤيا'],
  ['صالح', 'مصالح'], ['عيسى', 'عيسوي'], ['طرابلس', 'طرابيش'], ['بنغازي', 'بنزين'], ['باتروشيف', 'بتروكيماويات'], ['إزفيستيا', 'استفتاء'],
  ['سيرغي', 'سيرة'], ['ميخائيل', 'مخايل'.replace('مخايل', 'ميكانيكي')], ['الخليج', 'الخليل'], ['مولوتكوف', 'ملكوت'],
];
const diffPeople: Pair[] = [
  ['سيرغي لافروف', 'سيرغي شويغو'], ['لافروف', 'شويغو'], ['بوغدانوف', 'باتروشيف'], ['ميخائيل', 'نيقولاي'], ['حفتر', 'حفظ'],
  ['عقيلة صالح', 'عقيلة صالحة'], ['إيفان', 'إيمان'], ['عباس', 'عياش'], ['محمد', 'محمود'], ['حسين', 'حسن'], ['سعيد', 'سعد'],
];
const arNegMined: Pair[] = [];
{
  const seen = new Map<string, string>();
  for (const r of rows) if (+r[2] >= 5 && /^[\u0621-\u064A]{4,}$/.test(r[1]) && !seen.has(r[1])) seen.set(r[1], r[0]);
  const arl = [...seen.entries()];
  for (let i = 0; i < arl.length && arNegMined.length < 3000; i++)
    for (let j = i + 1; j < arl.length; j++) {
      const [a, ea] = arl[i];
      const [b, eb] = arl[j];
      if (Math.abs(a.length - b.length) > 1 || lev(a, b) > 1 || lev(foldLatin(ea), foldLatin(eb)) < 3) continue;
      arNegMined.push([a, b]);
    }
}

const out = {
  en: {
    positive: sample(split('en positive (same Arabic rendering)', enPos, 'en', true), 200),
    negative: sample(split('en negative (different Arabic renderings)', enNeg, 'en', false), 200),
  },
  ar: {
    positive: [
      ...split('ar positive (press variants)', press, 'ar', true),
      ...sample(split('ar positive (renderings of one English spelling)', arPosMined, 'ar', true), 90),
      ...sample(split('ar positive (ج/ڤ/پ for g/v/p in foreign names)', arGen, 'ar', true), 80),
    ],
    negative: [
      ...split('ar negative (people, native names)', diffPeople, 'ar', false),
      ...split('ar negative (grammatical forms)', grammar, 'ar', false),
      ...split('ar negative (name vs word)', nameVsWord, 'ar', false),
      ...sample(split('ar negative (native names one letter apart)', arNativeNeg, 'ar', false), 80),
      ...sample(split('ar negative (renderings of different English names)', arNegMined, 'ar', false), 80),
    ],
  },
  report,
};
fs.writeFileSync(path.resolve(__dirname, '../test/fixtures/names/pairs.json'), JSON.stringify(out, null, 1) + '\n');
console.log(report.join('\n'));
console.log(`en +${out.en.positive.length} -${out.en.negative.length}; ar +${out.ar.positive.length} -${out.ar.negative.length}`);
