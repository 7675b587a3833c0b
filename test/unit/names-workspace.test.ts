import * as assert from 'node:assert/strict';
import { WorkspaceNameIndex, bucketKey } from '../../server/src/core/names/workspace';
import { tokenVariant } from '../../server/src/core/names/match';
import type { Entity, Language } from '../../server/src/core/types';
import pairs from '../fixtures/names/pairs.json';

function art(text: string, names: string[], lang: Language = 'ar'): { text: string; language: Language; entities: Entity[] } {
  const entities: Entity[] = names.map((n, i) => {
    const mentions = [];
    for (let at = text.indexOf(n); at >= 0; at = text.indexOf(n, at + 1)) mentions.push({ start: at, end: at + n.length, text: n });
    return { id: `person:${i}`, type: 'person', name: n, mentions, roles: [] };
  });
  return { text, language: lang, entities };
}

describe('workspace name index (name.variant-across)', () => {
  it('every positive matcher pair shares a bucket key (the index never misses a variant)', () => {
    const p = pairs as unknown as Record<'ar' | 'en', { positive: [string, string][] }>;
    const bad: string[] = [];
    for (const lang of ['ar', 'en'] as const)
      for (const [a, b] of p[lang].positive) if (tokenVariant(a, b, lang) && bucketKey(a, lang) !== bucketKey(b, lang)) bad.push(`${a}/${b}`);
    assert.deepEqual(bad, []);
  });

  it('flags the article that spells a name unlike the workspace majority, pointing into the others', () => {
    const idx = new WorkspaceNameIndex();
    idx.set('a.txt', art('قال شويغو إن الوضع صعب.', ['شويغو']));
    idx.set('b.txt', art('أكد شويغو ذلك.', ['شويغو']));
    idx.set('c.txt', art('قال سيرغي شويغو وأضاف شويغو.', ['شويغو']));
    const t = 'التقى شويجو الوفد، ثم غادر شويجو.';
    idx.set('d.txt', art(t, ['شويجو']));
    const f = idx.acrossFindings('d.txt');
    assert.equal(f.length, 1);
    assert.equal(f[0].code, 'name.variant-across');
    assert.equal(f[0].severity, 'information');
    assert.equal(f[0].start, t.indexOf('شويجو'));
    assert.deepEqual(f[0].relatedElsewhere.map((r) => r.uri), ['a.txt', 'b.txt', 'c.txt']);
    assert.equal(f[0].fixes[0].edits.length, 2);
    for (const u of ['a.txt', 'b.txt', 'c.txt']) assert.deepEqual(idx.acrossFindings(u), []);
  });

  it('no finding without a majority of at least two other articles, and after removal', () => {
    const idx = new WorkspaceNameIndex();
    idx.set('a.txt', art('قال شويغو.', ['شويغو']));
    idx.set('d.txt', art('قال شويجو.', ['شويجو']));
    assert.deepEqual(idx.acrossFindings('d.txt'), []);
    idx.set('b.txt', art('قال شويغو.', ['شويغو']));
    assert.equal(idx.acrossFindings('d.txt').length, 1);
    idx.delete('b.txt');
    assert.deepEqual(idx.acrossFindings('d.txt'), []);
    assert.equal(idx.size, 2);
  });

  it('different native names never count as variants across articles', () => {
    const idx = new WorkspaceNameIndex();
    idx.set('a.txt', art('قال سعيد.', ['سعيد']));
    idx.set('b.txt', art('قال سعيد.', ['سعيد']));
    idx.set('c.txt', art('قال سعد.', ['سعد']));
    assert.deepEqual(idx.acrossFindings('c.txt'), []);
  });

  it('workspace symbols find an entity across articles', () => {
    const idx = new WorkspaceNameIndex();
    idx.set('a.txt', art('Sergei Lavrov met Haftar.', ['Sergei Lavrov', 'Haftar'], 'en'));
    idx.set('b.txt', art('Lavrov spoke.', ['Lavrov'], 'en'));
    assert.deepEqual(idx.symbols('lavrov').map((s) => `${s.uri} ${s.name}`), ['a.txt Sergei Lavrov', 'b.txt Lavrov']);
  });
});
