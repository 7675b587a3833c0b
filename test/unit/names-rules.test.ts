import * as assert from 'node:assert/strict';
import { nameVariantRule } from '../../server/src/core/checks/name-variant';
import { nameFirstMentionRule } from '../../server/src/core/checks/name-first-mention';
import { nameRoleConflictRule } from '../../server/src/core/checks/name-role-conflict';
import type { Rule } from '../../server/src/core/checks/rule';
import { parseStructure } from '../../server/src/core/structure';
import { applyEdits, fixAll } from '../../server/src/core/names/fixall';
import { parseStylebook } from '../../server/src/core/stylebook/parse';
import type { Entity, EntityType, Finding, Language } from '../../server/src/core/types';
import type { AnalyzeOptions } from '../../server/src/core/analyze';

/** Entities from mention strings: every whole occurrence of each listed string (in order) is a mention. */
function entities(text: string, specs: Array<{ type?: EntityType; name: string; mentions: string[] }>): Entity[] {
  return specs.map((s, i) => {
    const mentions: Entity['mentions'] = [];
    for (const m of s.mentions) {
      for (let at = text.indexOf(m); at >= 0; at = text.indexOf(m, at + m.length)) {
        const before = text[at - 1] ?? ' ';
        const after = text[at + m.length] ?? ' ';
        if (/[\p{L}]/u.test(after)) continue;
        if (/[\p{L}]/u.test(before) && !/[وبلف]/.test(before)) continue;
        if (!mentions.some((x) => x.start < at + m.length && at < x.end)) mentions.push({ start: at, end: at + m.length, text: m });
      }
    }
    mentions.sort((a, b) => a.start - b.start);
    return { id: `${s.type ?? 'person'}:${i}`, type: s.type ?? 'person', name: s.name, mentions, roles: [] };
  });
}

function run(rule: Rule, text: string, lang: Language, ents: Entity[], options: AnalyzeOptions = {}): Finding[] {
  const article = { text, language: lang, structure: parseStructure(text), entities: ents, dates: [] };
  return rule.run({ article, options, resources: {} });
}
const at = (text: string, f: { start: number; end: number }) => text.slice(f.start, f.end);

describe('name.variant', () => {
  const text = 'عنوان\nالتقى سيرغي شويغو بالوفد. وقال شويغو إن الوفد مهم. وأكد وشويجو ذلك.';
  const ents = entities(text, [{ name: 'سيرغي شويغو', mentions: ['سيرغي شويغو', 'شويغو', 'شويجو'] }]);

  it('within one entity: flags the minority spelling, counts both, points at the other', () => {
    const f = run(nameVariantRule, text, 'ar', ents);
    assert.equal(f.length, 1);
    assert.equal(at(text, f[0]), 'شويجو');
    assert.match(f[0].message, /'شويغو' \(2×\), 'شويجو' \(1×\)/);
    assert.equal(at(text, f[0].related[0]), 'شويغو');
    assert.deepEqual(f[0].fixes.map((x) => x.edits[0].newText), ['شويغو']);
    assert.equal(f[0].fixes[0].preferred, true);
  });

  it('the fix keeps the attached clitic and restores the text', () => {
    const f = run(nameVariantRule, text, 'ar', ents);
    const fixed = applyEdits(text, f[0].fixes[0].edits);
    assert.equal(fixed, text.replace('وشويجو', 'وشويغو'));
  });

  it('across entities the linker kept apart', () => {
    const t = 'قال لافروف إن الوضع صعب. وأضاف لافروف أن موسكو تدعم الحل. ورحب لافروڤ بذلك.';
    const e = entities(t, [
      { name: 'لافروف', mentions: ['لافروف'] },
      { name: 'لافروڤ', mentions: ['لافروڤ'] },
    ]);
    const f = run(nameVariantRule, t, 'ar', e);
    assert.equal(f.length, 1);
    assert.equal(at(t, f[0]), 'لافروڤ');
    assert.equal(f[0].fixes[0].edits[0].newText, 'لافروف');
  });

  it('an untagged transliteration variant in the text is found (the tagger rarely knows an unseen spelling)', () => {
    const t = 'قال الرئيس فلاديمير بوتين إن الحل قريب. وأضاف وبوطين أن موسكو مستعدة.';
    const e = entities(t, [{ name: 'فلاديمير بوتين', mentions: ['فلاديمير بوتين'] }]);
    const f = run(nameVariantRule, t, 'ar', e);
    assert.deepEqual(f.map((x) => at(t, x)), ['بوطين']);
    assert.equal(applyEdits(t, f[0].fixes[0].edits), t.replace('وبوطين', 'وبوتين'));
  });

  it('ordinary words near a name are not taken for variants', () => {
    const t = 'قال والكين إن الوضع صعب، ولكن جماعة من الناس حضرت يوم الجمعة مع جمعة. وقال Young and Yeung.';
    const e = entities(t, [
      { name: 'والكين', mentions: ['والكين'] },
      { name: 'جمعة', mentions: ['جمعة'] },
    ]);
    assert.deepEqual(run(nameVariantRule, t, 'ar', e), []);
  });

  it('different people sharing a first name are not flagged', () => {
    const t = 'التقى سيرغي لافروف مع سيرغي شويغو. وقال لافروف وشويغو ذلك.';
    const e = entities(t, [
      { name: 'سيرغي لافروف', mentions: ['سيرغي لافروف', 'لافروف'] },
      { name: 'سيرغي شويغو', mentions: ['سيرغي شويغو', 'شويغو'] },
    ]);
    assert.deepEqual(run(nameVariantRule, t, 'ar', e), []);
  });

  it('different native names in different entities are not flagged', () => {
    const t = 'قال سعيد إن سعد وحسين وحسن ومحمد ومحمود حضروا.';
    const e = ['سعيد', 'سعد', 'حسين', 'حسن', 'محمد', 'محمود'].map((n) => ({ name: n, mentions: [n] }));
    assert.deepEqual(run(nameVariantRule, t, 'ar', entities(t, e)), []);
  });

  it('style book form first, then majority, then the other forms', () => {
    const t = 'Qaddafi spoke. Qaddafi left. Gadafy returned. Kadhafi stayed.';
    const e = entities(t, [{ name: 'Qaddafi', mentions: ['Qaddafi', 'Gadafy', 'Kadhafi'] }]);
    const sb = parseStylebook('{"names":[{"preferred":"Gaddafi","variants":["Qaddafi"]}]}', 'json').stylebook;
    const f = run(nameVariantRule, t, 'en', e, { stylebook: sb });
    assert.deepEqual(f.map((x) => at(t, x)), ['Gadafy', 'Kadhafi']);
    assert.deepEqual(f[0].fixes.map((x) => x.edits[0].newText), ['Gaddafi', 'Qaddafi', 'Kadhafi']);
    assert.match(f[0].message, /style book prefers 'Gaddafi'/);
  });

  it('English orthographic variant (al-/Al-)', () => {
    const t = 'Bashar al-Assad spoke. Al-Assad said.';
    const e = entities(t, [{ name: 'Bashar al-Assad', mentions: ['Bashar al-Assad', 'Al-Assad'] }]);
    const f = run(nameVariantRule, t, 'en', e);
    assert.equal(f.length, 1);
    assert.equal((f[0].data as { kind: string }).kind, 'orthographic');
  });

  it('fixAll returns non-overlapping edits that make every spelling the reference', () => {
    const t = 'Qaddafi spoke. Gadafy left. Qaddafi came. Kadhafi went. Sergei Lavrov met Sergey Lavrov and Sergei Lavrov.';
    const e = entities(t, [
      { name: 'Qaddafi', mentions: ['Qaddafi', 'Gadafy', 'Kadhafi'] },
      { name: 'Sergei Lavrov', mentions: ['Sergei Lavrov', 'Sergey Lavrov'] },
    ]);
    const diagnostics = run(nameVariantRule, t, 'en', e);
    const edits = fixAll({ diagnostics });
    assert.equal(edits.length, 3);
    assert.equal(applyEdits(t, edits), 'Qaddafi spoke. Qaddafi left. Qaddafi came. Qaddafi went. Sergei Lavrov met Sergei Lavrov and Sergei Lavrov.');
  });
});

describe('name.first-mention', () => {
  it('flags a bare surname before the full name; the headline is exempt', () => {
    const t = 'لافروف: سندعم التسوية\nقال لافروف إن موسكو تدعم الحل. وأكد سيرغي لافروف ذلك.';
    const e = entities(t, [{ name: 'سيرغي لافروف', mentions: ['سيرغي لافروف', 'لافروف'] }]);
    const f = run(nameFirstMentionRule, t, 'ar', e);
    assert.equal(f.length, 1);
    assert.equal(f[0].start, t.indexOf('لافروف', 10));
    assert.equal(applyEdits(t, f[0].fixes[0].edits), t.replace('قال لافروف', 'قال سيرغي لافروف'));
  });
  it('no finding when the body opens with the full name', () => {
    const t = 'لافروف: سندعم التسوية\nقال سيرغي لافروف إن موسكو تدعم الحل. وأكد لافروف ذلك.';
    const e = entities(t, [{ name: 'سيرغي لافروف', mentions: ['سيرغي لافروف', 'لافروف'] }]);
    assert.deepEqual(run(nameFirstMentionRule, t, 'ar', e), []);
  });
});

describe('name.role-conflict', () => {
  it('flags وزير الخارجية vs وزير الدفاع for one person (roles read before mentions)', () => {
    const t = 'عنوان\nقال وزير الخارجية الروسي سيرغي لافروف إن الحل قريب. والتقى وزير الدفاع الروسي سيرغي لافروف الوفد.';
    const e = entities(t, [{ name: 'سيرغي لافروف', mentions: ['سيرغي لافروف'] }]);
    const f = run(nameRoleConflictRule, t, 'ar', e);
    assert.equal(f.length, 1);
    assert.equal(at(t, f[0]), 'وزير الدفاع الروسي');
    assert.equal(at(t, f[0].related[0]), 'وزير الخارجية الروسي');
  });
  it('compatible roles are not flagged', () => {
    const t = 'عنوان\nقال وزير الخارجية الروسي سيرغي لافروف إن الحل قريب. وقال الوزير الروسي سيرغي لافروف ذلك. ونائب وزير الخارجية سيرغي لافروف.';
    const e = entities(t, [{ name: 'سيرغي لافروف', mentions: ['سيرغي لافروف'] }]);
    assert.deepEqual(run(nameRoleConflictRule, t, 'ar', e), []);
  });
  it('English: Foreign Minister vs Defence Minister', () => {
    const t = 'Headline\nRussian Foreign Minister Sergei Lavrov said so. Later Defence Minister Sergei Lavrov denied it.';
    const e = entities(t, [{ name: 'Sergei Lavrov', mentions: ['Sergei Lavrov'] }]);
    const f = run(nameRoleConflictRule, t, 'en', e);
    assert.equal(f.length, 1);
    assert.equal(at(t, f[0]), 'Defence Minister');
  });
});
