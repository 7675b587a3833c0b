import * as assert from 'node:assert/strict';
import { sentenceCase, splitSentences, stripPossessive, tokenizeEnglish } from '../../server/src/core/text/english';

const words = (t: string) => tokenizeEnglish(t).map((x) => x.text);
const sentences = (t: string) => {
  const toks = tokenizeEnglish(t);
  return splitSentences(t, toks).map((s) => toks.slice(s.start, s.end).map((x) => x.text).join(' '));
};

describe('English tokenizer', () => {
  it('splits possessives and contractions PTB-style, keeping the name whole', () => {
    assert.deepEqual(words("Haftar's visit"), ['Haftar', "'s", 'visit']);
    assert.deepEqual(words('Lavrov’s deputy'), ['Lavrov', '’s', 'deputy']);
    assert.deepEqual(words("Libya's don't"), ['Libya', "'s", 'do', "n't"]);
    assert.deepEqual(words("O'Brien said"), ["O'Brien", 'said']);
  });

  it('keeps the dot of abbreviations, initials and dotted acronyms', () => {
    assert.deepEqual(words('Mr. Haftar met Gen. Smith on Nov. 26.'), ['Mr.', 'Haftar', 'met', 'Gen.', 'Smith', 'on', 'Nov.', '26', '.']);
    assert.deepEqual(words('the U.N. Security Council'), ['the', 'U.N.', 'Security', 'Council']);
    assert.deepEqual(words('Elizabeth B. Prelogar'), ['Elizabeth', 'B.', 'Prelogar']);
  });

  it('makes a hyphen its own token and keeps numbers whole', () => {
    assert.deepEqual(words('Bailey-Ross paid 1,200.50 dollars'), ['Bailey', '-', 'Ross', 'paid', '1,200.50', 'dollars']);
  });

  it('gives exact UTF-16 offsets, also around Arabic words and astral characters', () => {
    const t = 'Haftar (خليفة حفتر) met 𝐋avrov — “yes”, he said.\u00a0Done';
    for (const tok of tokenizeEnglish(t)) assert.equal(t.slice(tok.start, tok.end), tok.text);
    assert.ok(words(t).includes('خليفة'));
    assert.ok(words(t).includes('حفتر'));
  });

  it('tokenizes a slice with offsets into the whole text', () => {
    const t = 'Intro line.\nMr. Lavrov spoke.';
    const from = t.indexOf('Mr.');
    const toks = tokenizeEnglish(t, from, t.length);
    assert.equal(toks[0].start, from);
    assert.deepEqual(toks.map((x) => x.text), ['Mr.', 'Lavrov', 'spoke', '.']);
  });

  it('never throws on odd input', () => {
    for (const t of ['', '   ', '...', '\ud800', "'s", '-', '—'.repeat(50), 'a'.repeat(10000)]) assert.doesNotThrow(() => tokenizeEnglish(t));
  });
});

describe('English sentence split', () => {
  it('does not end a sentence at Mr., Gen., Nov., initials or U.N. before a name', () => {
    assert.deepEqual(sentences('Mr. Haftar met Gen. Smith. He left on Nov. 26 for the U.N. Security Council.'), [
      'Mr. Haftar met Gen. Smith .',
      'He left on Nov. 26 for the U.N. Security Council .',
    ]);
    assert.deepEqual(sentences('John F. Kennedy spoke. Then he left.'), ['John F. Kennedy spoke .', 'Then he left .']);
  });

  it('ends at ! ? and at a dotted acronym followed by a clear sentence start', () => {
    assert.deepEqual(sentences('He moved to the U.S. The talks failed! Why?'), ['He moved to the U.S.', 'The talks failed !', 'Why ?']);
  });

  it('keeps a closing quote with its sentence and breaks at line ends', () => {
    assert.deepEqual(sentences('"We are close," he said." Next\nHEADLINE HERE\nBody'), ['" We are close , " he said . "', 'Next', 'HEADLINE HERE', 'Body']);
  });
});

describe('English helpers', () => {
  it('strips possessives', () => {
    assert.equal(stripPossessive("Haftar's"), 'Haftar');
    assert.equal(stripPossessive('Libyans’'), 'Libyans');
    assert.equal(stripPossessive('Haftar'), 'Haftar');
  });

  it('recognizes all-caps and title-case headlines', () => {
    const mode = (t: string) => {
      const toks = tokenizeEnglish(t);
      return sentenceCase(toks, 0, toks.length);
    };
    assert.equal(mode('LAVROV MEETS HAFTAR IN MOSCOW'), 'upper');
    assert.equal(mode('Lavrov Pledges Russian Support for a Political Settlement in Libya'), 'title');
    assert.equal(mode('Lavrov received Haftar in Moscow yesterday.'), 'normal');
  });
});
