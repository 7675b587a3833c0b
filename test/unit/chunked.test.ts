/**
 * core/chunked.ts: pieces cover the text at good boundaries (never inside a surrogate pair), and the merged Article
 * of a piecewise run has offsets into the whole text; a text of one piece gives exactly `analyze`'s answer.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { analyzeChunked, ChunkedAnalysis, cutPieces, PieceAnalyzers } from '../../server/src/core/chunked';
import type { Resources } from '../../server/src/core/resources';
import { loadNerModels } from '../../server/src/node/models';

const SEEDS = path.resolve(__dirname, '../../seeds');

function covers(text: string, max: number): void {
  const pieces = cutPieces(text, max);
  let at = 0;
  for (const p of pieces) {
    assert.equal(p.start, at);
    assert.ok(p.end > p.start, 'no empty piece');
    assert.ok(p.end - p.start <= max, `piece of ${p.end - p.start} > ${max}`);
    const c = text.charCodeAt(p.end - 1);
    if (p.end < text.length) assert.ok(!(c >= 0xd800 && c <= 0xdbff), 'cut inside a surrogate pair');
    at = p.end;
  }
  assert.equal(at, text.length);
}

describe('chunked analysis', () => {
  let resources: Resources;
  before(() => {
    resources = { ner: loadNerModels().ner };
  });

  it('cuts at paragraph, sentence and space boundaries, and covers the text', () => {
    const text = 'One sentence here. Another one follows.\n\nA new paragraph starts. '.repeat(50);
    covers(text, 200);
    for (const p of cutPieces(text, 200).slice(0, -1)) assert.match(text.slice(p.end - 2, p.end), /\n\n$|[.] $/);
    const oneLine = 'word '.repeat(1000);
    covers(oneLine, 97);
    for (const p of cutPieces(oneLine, 97).slice(0, -1)) assert.equal(oneLine[p.end - 1], ' ');
  });

  it('never cuts inside a surrogate pair, even with no white space at all', () => {
    const emoji = '😀'.repeat(500);
    for (const max of [2, 3, 7, 64, 101]) covers(emoji, max);
    const mixed = ('a😀b'.repeat(37) + '😀').repeat(20);
    for (const max of [5, 33, 100]) covers(mixed, max);
  });

  it('a text of one piece gives exactly what analyze gives', () => {
    const seed = fs.readFileSync(path.join(SEEDS, fs.readdirSync(SEEDS).sort()[0]), 'utf8');
    assert.deepEqual(analyzeChunked(seed, {}, resources), analyze(seed, {}, resources));
  });

  it('merges pieces with offsets into the whole text', () => {
    const files = fs.readdirSync(SEEDS).sort();
    const seed = fs.readFileSync(path.join(SEEDS, files[0]), 'utf8');
    const text = (seed.trimEnd() + '\n\n').repeat(6);
    const run = new ChunkedAnalysis(text, {}, resources, Math.ceil(seed.length / 2));
    assert.ok(run.pieces.length >= 6);
    let steps = 0;
    while (!run.step()) {
      steps++;
      const partial = run.result();
      for (const e of partial.entities) for (const m of e.mentions) assert.ok(m.end <= run.pieces[run.done - 1].end);
    }
    assert.equal(steps + 1, run.pieces.length);
    const a = run.result();
    const whole = analyze(seed, {}, resources);
    assert.equal(a.language, whole.language);
    assert.deepEqual(a.structure.headline, whole.structure.headline);
    for (const e of a.entities) {
      // A mention's text may restore an elided alif (لل + جيش -> 'الجيش'), as in `analyze`.
      for (const m of e.mentions) assert.ok(m.end > m.start && m.text.endsWith(text.slice(m.start + 1, m.end)), `${e.id} at ${m.start}`);
      for (let i = 1; i < e.mentions.length; i++) assert.ok(e.mentions[i].start > e.mentions[i - 1].start);
    }
    for (const d of a.dates) assert.equal(text.slice(d.start, d.end), d.text);
    for (const f of a.diagnostics) for (const fx of f.fixes) for (const ed of fx.edits) assert.ok(ed.end <= text.length);
    // Every copy of the seed is found: at least as many mentions as the one article has, times the copies.
    const mentions = (x: typeof a) => x.entities.reduce((n, e) => n + e.mentions.length, 0);
    assert.ok(mentions(a) >= mentions(whole) * 5, `${mentions(a)} mentions for ${mentions(whole)} per copy`);
    for (let i = 1; i < a.structure.paragraphs.length; i++) assert.ok(a.structure.paragraphs[i].start >= a.structure.paragraphs[i - 1].end);
    assert.ok(!a.entities.some((e) => e.mentions.some((m) => m.text.includes('\u2026'))), 'nothing from the placeholder headline');
  });

  it('re-analysis with PieceAnalyzers after edits gives exactly a fresh run, reusing the unchanged pieces', () => {
    const files = fs.readdirSync(SEEDS).sort();
    const seed = fs.readFileSync(path.join(SEEDS, files[0]), 'utf8');
    let text = (seed.trimEnd() + '\n\n').repeat(6);
    const max = Math.ceil(seed.length / 2);
    const pieces = new PieceAnalyzers();
    const fresh = () => new ChunkedAnalysis(text, {}, resources, max).run();
    assert.deepEqual(new ChunkedAnalysis(text, {}, resources, max, pieces).run(), fresh());
    // A word typed in the middle, one in the headline, a paragraph break removed, a piece's worth of text cut.
    const edits: Array<(t: string) => string> = [
      (t) => t.slice(0, t.length >> 1) + ' قال' + t.slice(t.length >> 1),
      (t) => 'عاجل: ' + t,
      (t) => t.replace('\n\n', ' '),
      (t) => t.slice(0, max) + t.slice(2 * max),
    ];
    for (const edit of edits) {
      const before = pieces.at(3, cutPieces(text, max).length);
      text = edit(text);
      assert.deepEqual(new ChunkedAnalysis(text, {}, resources, max, pieces).run(), fresh());
      assert.equal(pieces.at(3, cutPieces(text, max).length), before, 'the Analyzer of a piece position is kept');
    }
  });
});
