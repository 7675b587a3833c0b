/**
 * dates/parse.ts tries its month, weekday, relative, year and day patterns only a bounded distance (`pre`) before a
 * word each needs (`near`). These tests write texts from each pattern's own source (every alternative, quantifiers
 * mostly at their largest count) and hold that every match's anchor lies within `pre` of its start and that `near`
 * finds exactly the matches of the global pattern: a pattern edited to match more text before its anchor fails here
 * until its bound is raised.
 */
import * as assert from 'node:assert/strict';
import { EN_ANCHOR_WORDS, englishAnchors, near, NEAR_PATTERNS, wordStart } from '../../server/src/core/dates/parse';

/** Every position where one of `words` occurs in `text`, ascending (an indexOf search per word: the places the core
 *  found before englishAnchors). */
function occurrences(text: string, words: readonly string[]): number[] {
  const out: number[] = [];
  for (const w of words) for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) out.push(i);
  return out.sort((a, b) => a - b);
}

// ---- A writer of texts a regular expression matches (the syntax the date patterns use) ----

type Node =
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; alts: Node[] }
  | { t: 'chars'; ranges: Array<[number, number]>; negated: boolean }
  | { t: 'rep'; node: Node; min: number; max: number }
  | { t: 'group'; node: Node; name?: string }
  | { t: 'ahead'; node: Node }
  | { t: 'ref'; name: string }
  | { t: 'empty' };

const SPACE: Array<[number, number]> = [[32, 32], [10, 10]];
const WORD: Array<[number, number]> = [[97, 122], [65, 90], [48, 57], [95, 95]];
const DIGITS: Array<[number, number]> = [[48, 57]];

function parse(src: string): Node {
  let i = 0;
  const escape = (): Array<[number, number]> | 'assert' | { ref: string } => {
    const c = src[i++];
    if (c === 's') return SPACE;
    if (c === 'd') return DIGITS;
    if (c === 'w') return WORD;
    if (c === 'b' || c === 'B') return 'assert';
    if (c === 'k') {
      const end = src.indexOf('>', i);
      const name = src.slice(i + 1, end);
      i = end + 1;
      return { ref: name };
    }
    if (c === 'u') {
      const code = parseInt(src.slice(i, i + 4), 16);
      i += 4;
      return [[code, code]];
    }
    if (c === 'n') return [[10, 10]];
    const code = c.charCodeAt(0);
    return [[code, code]];
  };
  const charClass = (): Node => {
    const negated = src[i] === '^';
    if (negated) i++;
    const ranges: Array<[number, number]> = [];
    const one = (): Array<[number, number]> => {
      if (src[i] === '\\') {
        i++;
        return escape() as Array<[number, number]>;
      }
      const code = src.charCodeAt(i++);
      return [[code, code]];
    };
    while (src[i] !== ']') {
      const a = one();
      if (src[i] === '-' && src[i + 1] !== ']' && a.length === 1 && a[0][0] === a[0][1]) {
        i++;
        const b = one();
        ranges.push([a[0][0], b[0][1]]);
      } else ranges.push(...a);
    }
    i++;
    return { t: 'chars', ranges, negated };
  };
  const atom = (): Node | undefined => {
    const c = src[i++];
    if (c === '(') {
      let kind: 'group' | 'ahead' | 'skip' = 'group';
      let name: string | undefined;
      if (src[i] === '?') {
        const s = src.slice(i, i + 3);
        if (s.startsWith('?:')) i += 2;
        else if (s.startsWith('?=')) (kind = 'ahead'), (i += 2);
        else if (s.startsWith('?!') || s === '?<=' || s === '?<!') (kind = 'skip'), (i += s.startsWith('?!') ? 2 : 3);
        else {
          const end = src.indexOf('>', i);
          name = src.slice(i + 2, end);
          i = end + 1;
        }
      }
      const node = alternation();
      i++; // ')'
      return kind === 'skip' ? { t: 'empty' } : kind === 'ahead' ? { t: 'ahead', node } : { t: 'group', node, name };
    }
    if (c === '[') return charClass();
    if (c === '^' || c === '$') return { t: 'empty' };
    if (c === '.') return { t: 'chars', ranges: [[120, 120]], negated: false };
    if (c === '\\') {
      const e = escape();
      if (e === 'assert') return { t: 'empty' };
      if ('ref' in e) return { t: 'ref', name: e.ref };
      return { t: 'chars', ranges: e, negated: false };
    }
    const code = c.charCodeAt(0);
    return { t: 'chars', ranges: [[code, code]], negated: false };
  };
  const sequence = (): Node => {
    const items: Node[] = [];
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      let node = atom()!;
      for (;;) {
        const q = src[i];
        let min = -1;
        let max = -1;
        if (q === '?') (min = 0), (max = 1), i++;
        else if (q === '*') (min = 0), (max = 3), i++;
        else if (q === '+') (min = 1), (max = 3), i++;
        else if (q === '{') {
          const end = src.indexOf('}', i);
          const [a, b] = src.slice(i + 1, end).split(',');
          min = +a;
          max = b === undefined ? min : b === '' ? min + 3 : +b;
          i = end + 1;
        } else break;
        if (src[i] === '?') i++; // lazy: same texts
        node = { t: 'rep', node, min, max };
      }
      items.push(node);
    }
    return { t: 'seq', items };
  };
  const alternation = (): Node => {
    const alts = [sequence()];
    while (src[i] === '|') {
      i++;
      alts.push(sequence());
    }
    return alts.length === 1 ? alts[0] : { t: 'alt', alts };
  };
  return alternation();
}

/** A text `node` matches, mostly the longest one it can (quantifiers at their largest count 9 times in 10). */
function write(node: Node, rnd: (n: number) => number, groups: Map<string, string>, last: boolean): string {
  switch (node.t) {
    case 'empty':
      return '';
    case 'chars': {
      if (node.negated) {
        for (const c of [' ', 'x', '1', ',']) if (!node.ranges.some(([a, b]) => c.charCodeAt(0) >= a && c.charCodeAt(0) <= b)) return c;
        return '';
      }
      const [a, b] = node.ranges[rnd(node.ranges.length)];
      return String.fromCharCode(a + rnd(b - a + 1));
    }
    case 'seq':
      return node.items.map((n, k) => write(n, rnd, groups, last && k === node.items.length - 1)).join('');
    case 'alt':
      return write(node.alts[rnd(node.alts.length)], rnd, groups, last);
    case 'rep': {
      const n = rnd(10) < 9 ? node.max : node.min + rnd(node.max - node.min + 1);
      let s = '';
      for (let k = 0; k < n; k++) s += write(node.node, rnd, groups, false);
      return s;
    }
    case 'group': {
      const s = write(node.node, rnd, groups, last);
      if (node.name) groups.set(node.name, s);
      return s;
    }
    case 'ahead':
      // What a look-ahead at the end of the pattern reads comes after the match; elsewhere nothing is written.
      return last ? write(node.node, rnd, groups, true) : '';
    case 'ref':
      return groups.get(node.name) ?? '';
  }
}

describe('dates/parse near: each pattern is tried up to its bound before its anchor', () => {
  for (const p of NEAR_PATTERNS) {
    it(`${p.name}: anchors within ${p.at.pre} of every match's start, and near finds the global matches`, () => {
      const tree = parse(p.global.source);
      let x = 11;
      const rnd = (n: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0), (x >>> 8) % n);
      const seps = [' ', '. ', '\n', ' و', ' x ', ', ', ' (', '  '];
      let matched = 0;
      for (let round = 0; round < 150; round++) {
        // Twenty texts of the pattern in a row, with separators: matches next to each other and far apart.
        let text = seps[rnd(seps.length)];
        for (let k = 0; k < 20; k++) text += write(tree, rnd, new Map(), true) + seps[rnd(seps.length)];
        const anchors = p.anchors(text);
        const global = [...text.matchAll(p.global)];
        for (const m of global) {
          // A pattern `near` tries at word starts only must match only there.
          if (p.at.wordStart) assert.ok(wordStart(text, m.index!), `${p.name}: '${m[0]}' in '${text}' does not start at a word start`);
          const a = anchors.find((v) => v >= m.index!);
          assert.ok(a !== undefined && a - m.index! <= p.at.pre, `${p.name}: '${m[0]}' in '${text}' has no anchor within ${p.at.pre} of its start (next anchor ${a === undefined ? 'none' : a - m.index!} after it)`);
        }
        const found: Array<[number, string]> = [];
        near(text, p.at, anchors, (m) => found.push([m.index, m[0]]));
        assert.deepEqual(found, global.map((m) => [m.index!, m[0]]), `${p.name} in '${text}'`);
        matched += global.length;
      }
      // The texts written do match (87% to 100% of them as the patterns stand): the test reads the pattern, not noise.
      assert.ok(matched >= 150 * 20 * 0.75, `${p.name}: only ${matched} matches of ${150 * 20} texts`);
    });
  }
});

describe('dates/parse englishAnchors: the places of the month, weekday and relative words in one pass', () => {
  it('equal an indexOf search per word of each list on random text (overlapping and adjacent words, other scripts, the text ends)', () => {
    const words = [...EN_ANCHOR_WORDS.months, ...EN_ANCHOR_WORDS.weekdays, ...EN_ANCHOR_WORDS.relative, 'Mayday', 'todayoday', 'Mondays', 'agoago'];
    const other = [' ', 'a', 'M', 'o', 'y', 'e', '.', '\n', 'é', 'ب', '😀', 'Ma', 'We', 'ni'];
    let x = 5;
    const rnd = (n: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0), (x >>> 8) % n);
    for (let round = 0; round < 3000; round++) {
      let text = '';
      for (let k = rnd(14); k > 0; k--) {
        const w = rnd(2) ? words[rnd(words.length)] : other[rnd(other.length)];
        // (sometimes only the start of a word: a prefix at the text's end)
        text += rnd(8) === 0 ? w.slice(0, 1 + rnd(w.length)) : w;
      }
      const got = englishAnchors(text);
      assert.deepEqual(got.months, occurrences(text, EN_ANCHOR_WORDS.months), JSON.stringify(text));
      assert.deepEqual(got.weekdays, occurrences(text, EN_ANCHOR_WORDS.weekdays), JSON.stringify(text));
      assert.deepEqual(got.relative, occurrences(text, EN_ANCHOR_WORDS.relative), JSON.stringify(text));
    }
  });
});
