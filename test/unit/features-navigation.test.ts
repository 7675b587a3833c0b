import * as assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/core/names/fixall';
import { LineIndex } from '../../server/src/core/text/lines';
import { documentHighlights, prepareRename, references, rename, renameEdits, renameMention } from '../../server/src/features/navigation';
import type { Entity } from '../../server/src/core/types';
import { article, at, SEED_ENTITIES, SEED_LIKE } from './features-helpers';

function applyLsp(text: string, edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): string {
  const li = new LineIndex(text);
  return applyEdits(text, edits.map((e) => ({ start: li.offsetAt(e.range.start), end: li.offsetAt(e.range.end), newText: e.newText })));
}

describe('features: highlight, references, rename', () => {
  it('highlights every mention of the entity under the cursor, clitics excluded', () => {
    const { article: a, conv, offset, text } = article(at(SEED_LIKE, 'لافروف', 3), SEED_ENTITIES);
    assert.equal(text.slice(offset - 2, offset), 'ول', 'the cursor is in ولافروف');
    const hl = documentHighlights(a, conv, offset);
    assert.equal(hl.length, 4, 'headline, full name, وأكد لافروف, ولافروف');
    const li = new LineIndex(text);
    for (const h of hl) {
      const s = text.slice(li.offsetAt(h.range.start), li.offsetAt(h.range.end));
      assert.ok(s === 'لافروف' || s === 'سيرغي لافروف', s);
    }
  });

  it('references include or leave out the first mention (the declaration)', () => {
    const { article: a, conv, offset } = article(at(SEED_LIKE, 'حفتر', 1), SEED_ENTITIES);
    assert.equal(references(a, conv, offset, true).length, 3);
    assert.equal(references(a, conv, offset, false).length, 2);
    const none = article(at(SEED_LIKE, 'التسوية'), SEED_ENTITIES);
    assert.deepEqual(references(none.article, none.conv, none.offset), []);
  });

  it('prepareRename gives the mention and refuses what is not an entity', () => {
    const ok = article(at(SEED_LIKE, 'لافروف', 2), SEED_ENTITIES);
    const r = prepareRename(ok.article, ok.conv, ok.offset);
    assert.ok('placeholder' in r);
    assert.equal(r.placeholder, 'لافروف');
    const no = article(at(SEED_LIKE, 'التسوية'), SEED_ENTITIES);
    const e = prepareRename(no.article, no.conv, no.offset);
    assert.ok(!('placeholder' in e));
    assert.match((e as Error).message, /renamed/);
  });

  it('renames every mention and keeps attached clitics: ولافروف -> و + new name', () => {
    const { article: a, conv, offset, text } = article(at(SEED_LIKE, 'لافروف', 2), SEED_ENTITIES);
    const edit = rename(a, conv, offset, 'لافروڤ');
    assert.ok('changes' in edit);
    const out = applyLsp(text, edit.changes![conv.uri]);
    assert.ok(out.includes('وقال ولافروڤ إن'));
    assert.ok(out.includes('سيرغي لافروڤ،'), 'the surname inside the full name');
    assert.ok(out.startsWith('لافروڤ: سندعم'));
    assert.ok(!out.includes('لافروف'));
    assert.ok(out.includes('حفتر') && out.includes('سيرغي شويغو'), 'other entities untouched');
  });

  it("renaming an entity with a mention after 'لل' keeps the article's alif elided there", () => {
    const text = 'أعلن الجيش الليبي أمس. وقال مصدر للجيش الليبي إن';
    const a = text.indexOf('الجيش الليبي');
    const b = text.indexOf('لجيش الليبي', text.indexOf('للجيش'));
    // As the linker gives it: the second mention reads 'الجيش الليبي' while its range covers the written 'لجيش الليبي'.
    const entity: Entity = {
      id: 'organization:الجيش الليبي',
      type: 'organization',
      name: 'الجيش الليبي',
      mentions: [
        { start: a, end: a + 'الجيش الليبي'.length, text: 'الجيش الليبي' },
        { start: b, end: b + 'لجيش الليبي'.length, text: 'الجيش الليبي' },
      ],
      roles: [],
    };
    const edits = renameEdits(entity, entity.mentions[0], 'الجيش الوطني الليبي');
    assert.equal(edits.length, 2);
    assert.equal(applyEdits(text, edits), 'أعلن الجيش الوطني الليبي أمس. وقال مصدر للجيش الوطني الليبي إن');
    assert.deepEqual(renameEdits(entity, entity.mentions[0], 'الجيش الليبي'), [], 'renaming to the same name changes nothing');
    assert.equal(applyEdits(text, renameEdits(entity, entity.mentions[1], 'قوات حفتر')), 'أعلن قوات حفتر أمس. وقال مصدر لقوات حفتر إن');
  });

  it("renaming an entity with a mention after 'لل' before a lam (لله: alif and lam elided) writes the elided form", () => {
    const text = 'قال إن الحمد لله. وقال إن رحمة الله واسعة';
    const a = text.indexOf('لله') + 1;
    const b = text.indexOf('الله ');
    // As the linker gives it: the first mention reads 'الله' while its range covers the written 'له' (after ل).
    const entity: Entity = {
      id: 'misc:الله',
      type: 'misc',
      name: 'الله',
      mentions: [
        { start: a, end: a + 2, text: 'الله' },
        { start: b, end: b + 4, text: 'الله' },
      ],
      roles: [],
    };
    assert.deepEqual(renameEdits(entity, entity.mentions[1], 'الله'), [], 'renaming to the same name changes nothing');
    assert.equal(applyEdits(text, renameEdits(entity, entity.mentions[1], 'الرحمن')), 'قال إن الحمد للرحمن. وقال إن رحمة الرحمن واسعة');
    assert.equal(applyEdits(text, renameEdits(entity, entity.mentions[0], 'اللطيف')), 'قال إن الحمد للطيف. وقال إن رحمة اللطيف واسعة');
    assert.equal(applyEdits(text, renameEdits(entity, entity.mentions[0], 'ربنا')), 'قال إن الحمد لربنا. وقال إن رحمة ربنا واسعة');
  });

  it('renaming the full name maps surname-only mentions to the new surname', () => {
    const { article: a, conv, offset, text } = article(at(SEED_LIKE, 'سيرغي لافروف'), SEED_ENTITIES);
    const edit = rename(a, conv, offset, 'سيرجي لافروف');
    assert.ok('changes' in edit);
    const out = applyLsp(text, edit.changes![conv.uri]);
    assert.ok(out.includes('سيرجي لافروف،'));
    assert.ok(out.includes('وأكد لافروف،'), 'the bare surname stays a bare surname');
  });

  it('renameMention: aligned words, whole-word containment, else the new name', () => {
    assert.equal(renameMention('Lavrov', 'Sergei Lavrov', 'Sergey Lavroff'), 'Lavroff');
    assert.equal(renameMention('Sergei Lavrov', 'Lavrov', 'Lavroff'), 'Sergei Lavroff');
    assert.equal(renameMention('Lavrovsky', 'Lavrov', 'X'), 'X');
    assert.equal(renameMention('Lavrov', 'Lavrov', 'Lavroff'), 'Lavroff');
    assert.equal(renameMention('Mr Lavrov', 'Sergei Lavrov', 'Lavroff'), 'Lavroff');
  });

  it('refuses an empty new name', () => {
    const { article: a, conv, offset } = article(at(SEED_LIKE, 'موسكو'), SEED_ENTITIES);
    assert.ok(!('changes' in rename(a, conv, offset, '  ')));
  });
});
