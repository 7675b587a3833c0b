/**
 * Arabic normalization for MATCHING KEYS only — never applied to the user's text (offsets stay on the original).
 *
 * `normalizeArabic` strips diacritics (harakat U+064B–U+065F, dagger alif U+0670) and tatweel (U+0640), unifies
 * alif forms أ إ آ ٱ -> ا, ى -> ي, ة -> ه, Persian/Urdu ی ک -> ي ك, and maps Arabic-Indic and Persian digits to
 * ASCII. Other characters pass through (Latin is not lower-cased here; see `matchKey`).
 * One pass over char codes, no regular expressions (it runs on every token).
 */

function mapCode(c: number): number {
  // -1 = drop
  if (c < 0x0622) return c;
  if ((c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640) return -1;
  switch (c) {
    case 0x0622: // آ
    case 0x0623: // أ
    case 0x0625: // إ
    case 0x0671: // ٱ
      return 0x0627;
    case 0x0649: // ى
    case 0x06cc: // ی
    case 0x06d2:
      return 0x064a;
    case 0x0629: // ة
      return 0x0647;
    case 0x06a9: // ک
      return 0x0643;
  }
  if (c >= 0x0660 && c <= 0x0669) return c - 0x0660 + 48;
  if (c >= 0x06f0 && c <= 0x06f9) return c - 0x06f0 + 48;
  return c;
}

/** The normalized key of `s` (see module doc). Returns `s` itself when nothing changes. */
export function normalizeArabic(s: string): string {
  let i = 0;
  const n = s.length;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (mapCode(c) !== c) break;
  }
  if (i === n) return s;
  let out = s.slice(0, i);
  for (; i < n; i++) {
    const m = mapCode(s.charCodeAt(i));
    if (m >= 0) out += String.fromCharCode(m);
  }
  return out;
}

/** True for Arabic diacritics (harakat, shadda, sukun, dagger alif) and tatweel. */
export function isArabicMark(c: number): boolean {
  return (c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640;
}

/** A matching key for any script: Arabic normalized, Latin lower-cased. */
export function matchKey(s: string): string {
  return normalizeArabic(s).toLowerCase();
}
