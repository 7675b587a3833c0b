/**
 * ner/features-ar.ts: `readings` (by character codes, for normalized words) gives exactly the list built from
 * cliticSplits (the word, each other split's stem with 'ا' back after لل, then each of those without ال), on random
 * normalized words over the letters that matter and on the words of the seed article (and of ANERcorp when
 * ../shared/data is there); and the lexicon's combined key bits (one lookup per reading) agree with its lists.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readings } from '../../server/src/core/ner/features-ar';
import { ArabicLexicon } from '../../server/src/core/ner/lexicon-ar';
import { cliticSplits } from '../../server/src/core/text/clitics';
import { normalizeArabic } from '../../server/src/core/text/normalize';

const root = path.resolve(__dirname, '..', '..');

/** The reference: readings as built from cliticSplits before the character-code version. */
function refReadings(n: string): string[] {
  const out = [n];
  for (const s of cliticSplits(n).slice(1)) {
    const stem = s.restoreAl ? 'ا' + s.stem : s.stem;
    if (stem.length >= 2) out.push(stem);
  }
  const k = out.length;
  for (let i = 0; i < k; i++) if (out[i].startsWith('ال') && out[i].length > 3) out.push(out[i].slice(2));
  return out;
}

function words(): string[] {
  const out = new Set<string>();
  const letters = 'وفبلكالاهيمنرتسع،,a1';
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let i = 0; i < 20000; i++) {
    let w = '';
    for (let j = 0, L = Math.floor(rnd() * 8); j < L; j++) w += letters[Math.floor(rnd() * letters.length)];
    out.add(w);
  }
  const texts = [fs.readFileSync(path.join(root, 'seeds', '000_36fff38b519712a3.txt'), 'utf8')];
  const aner = path.join(root, '..', 'shared', 'data', 'anercorp');
  if (fs.existsSync(aner)) {
    for (const f of fs.readdirSync(aner)) {
      const p = path.join(aner, f);
      if (fs.statSync(p).isFile() && fs.statSync(p).size < 5e6) texts.push(fs.readFileSync(p, 'utf8'));
    }
  }
  for (const t of texts) for (const w of t.split(/[\s\p{P}]+/u)) if (w) out.add(normalizeArabic(w).toLowerCase());
  return [...out];
}

describe('Arabic NER features: readings', () => {
  it('are the cliticSplits readings of a normalized word, in the same order', () => {
    const ws = words();
    assert.ok(ws.length > 20000);
    for (const w of ws) assert.deepEqual(readings(w), refReadings(w), w);
  });

  it('examples', () => {
    assert.deepEqual(readings('وبالعاصمه'), ['وبالعاصمه', 'بالعاصمه', 'العاصمه', 'عاصمه']);
    assert.deepEqual(readings('للجيش'), ['للجيش', 'الجيش', 'جيش']);
    assert.deepEqual(readings('موسكو'), ['موسكو']);
  });
});

describe('Arabic lexicon: key bits', () => {
  it('mark exactly the members of the phrase, trigger and sports lists, and bits() keeps the gazetteer bits only', () => {
    const lex = new ArabicLexicon(
      { format: 'article-lens-gazetteer-ar/1', countries: ['روسيا', 'الولايات المتحدة'], places: ['موسكو'], givenNames: ['سيرغي'], nameTokensFrequent: ['لافروف'], nameTokensRare: [], organizations: ['مجلس الامن'] },
      undefined,
    );
    const L = ArabicLexicon;
    const lists: [Set<string> | Map<string, unknown>, number][] = [
      [lex.phrases, L.PHRASE], [lex.personTriggers, L.T_PERSON], [lex.orgHeads, L.T_ORG], [lex.locHeads, L.T_LOC], [lex.speech, L.T_SPEECH], [lex.sport, L.SPORT],
    ];
    const keys = new Set<string>(['روسيا', 'موسكو', 'سيرغي', 'لافروف', 'قال', 'الولايات', 'مجلس', 'نادي', 'كلمه']);
    for (const [l] of lists) for (const k of l.keys()) keys.add(k);
    for (const k of keys) {
      let want = 0;
      for (const [l, bit] of lists) if (l.has(k)) want |= bit;
      assert.equal(lex.keyBits(k) & ~L.GAZ, want, k);
      assert.equal(lex.bits(k), lex.keyBits(k) & L.GAZ, k);
    }
    assert.equal(lex.bits('روسيا'), L.BIT.country);
    assert.equal(lex.bits('مجلس'), 0);
    assert.equal(lex.keyBits('مجلس'), L.PHRASE | L.T_ORG);
    assert.equal(lex.keyBits('كلمه'), 0);
    assert.equal(new ArabicLexicon().keyBits('قال'), L.T_SPEECH);
  });
});
