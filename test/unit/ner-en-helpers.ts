/** Shared by the English tagger's tests. */
import type { EnglishTagger } from '../../server/src/core/ner/tagger-en';
import { splitSentences, tokenizeEnglish } from '../../server/src/core/text/english';

/** The spans `tagDocument` should give, from the feature strings (`tagSentences`), as TYPE:text. */
export function referenceSpans(tagger: EnglishTagger, text: string): string[] {
  const tokens = tokenizeEnglish(text);
  const sents = splitSentences(text, tokens).map((s) => tokens.slice(s.start, s.end));
  const ref = tagger.tagSentences(sents.map((s) => s.map((t) => t.text)));
  const out: string[] = [];
  sents.forEach((s, k) => {
    for (let i = 0; i < s.length; i++) {
      const t = ref[k][i];
      if (!t.startsWith('B-') || t === 'B-MISC') continue;
      let j = i + 1;
      while (j < s.length && ref[k][j] === 'I-' + t.slice(2)) j++;
      while (j > i + 1 && /^(?:-|['’]s?|\.)$/.test(s[j - 1].text)) j--;
      out.push(`${t.slice(2)}:${text.slice(s[i].start, s[j - 1].end)}`);
    }
  });
  return out;
}
