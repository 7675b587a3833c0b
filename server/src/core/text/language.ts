import type { Language } from '../types';

/**
 * The dominant script of a text: Arabic when Arabic letters are at least as many as Latin letters.
 * Counts at most the first `limit` characters (a language decision does not need the whole archive).
 */
export function detectLanguage(text: string, limit = 20000): Language {
  return detectLanguageIn(text, 0, Math.min(text.length, limit));
}

/**
 * `detectLanguage` of text.slice(from, to), without cutting it out. Stops as soon as the rest of the text cannot change
 * the answer (one script leads by more letters than there are characters left), checked every 256 characters.
 */
export function detectLanguageIn(text: string, from: number, to: number): Language {
  let ar = 0;
  let lat = 0;
  for (let i = from; i < to; ) {
    const stop = Math.min(to, i + 256);
    for (; i < stop; i++) {
      const c = text.charCodeAt(i);
      if ((c >= 0x0620 && c <= 0x064a) || (c >= 0x066e && c <= 0x06d3) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc)) ar++;
      else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f)) lat++;
    }
    // Left: to - i characters, each at most one letter of either script.
    if (ar - lat >= to - i) return 'ar';
    if (lat - ar > to - i) return 'en';
  }
  if (ar === 0 && lat === 0) return 'ar';
  return ar >= lat ? 'ar' : 'en';
}
