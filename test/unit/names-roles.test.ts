/**
 * `roleBefore` (names/roles.ts): the role or title written right before a name, as the name-role-conflict check reads
 * it. The Arabic walk reads the words before the name from the end (a head such as وزير/الرئيس/المشير after at most four
 * modifiers); these cases pin what it returns, including where it must return nothing. The expectations were produced
 * by the earlier implementation (every word of the 80 characters before the name collected first) and the current one
 * agrees on all of them.
 */
import * as assert from 'node:assert/strict';
import { roleBase, roleBefore } from '../../server/src/core/names/roles';
import type { Language } from '../../server/src/core/types';

function role(text: string, name: string, lang: Language = 'ar'): string | undefined {
  const at = text.lastIndexOf(name);
  const r = roleBefore(text, at, lang);
  if (r) assert.equal(text.slice(r.start, r.end), r.text, 'the span is the text');
  return r?.text;
}

describe('names/roles roleBefore', () => {
  it('takes an Arabic title and its modifiers, without a conjunction clitic', () => {
    assert.equal(role('وقال وزير الخارجية الروسي سيرغي لافروف', 'سيرغي'), 'وزير الخارجية الروسي');
    assert.equal(role('التقى ووزير الدفاع الروسي سيرغي شويغو', 'سيرغي'), 'وزير الدفاع الروسي');
    assert.equal(role('ووزير الخارجية فلاديمير', 'فلاديمير'), 'وزير الخارجية');
    assert.equal(role('فالرئيس فلاديمير', 'فلاديمير'), 'الرئيس');
    assert.equal(role('وأكد أمين عام مجلس الأمن الروسي نيقولاي باتروشيف', 'نيقولاي'), 'أمين عام مجلس الأمن الروسي');
    assert.equal(role('قال المشير خليفة حفتر', 'خليفة'), 'المشير');
    assert.equal(role('الرئيس الروسي الأول فلاديمير', 'فلاديمير'), 'الرئيس الروسي الأول');
    // four modifiers: still a role (five: none, below)
    assert.equal(role('وزير الخارجية الروسي الأول العام فلاديمير', 'فلاديمير'), 'وزير الخارجية الروسي الأول العام');
  });

  it('stops at punctuation and reads through repeated spaces', () => {
    assert.equal(role('قال: الرئيس فلاديمير', 'فلاديمير'), 'الرئيس');
    assert.equal(role('الرئيس  فلاديمير', 'فلاديمير'), 'الرئيس');
    assert.equal(role('والرئيس، لافروف', 'لافروف'), undefined);
    assert.equal(role('«الرئيس الروسي» فلاديمير', 'فلاديمير'), undefined);
    assert.equal(role('الرئيس\nفلاديمير', 'فلاديمير'), undefined);
  });

  it('returns nothing without a title, at the start of the text, inside a word, or past four modifiers', () => {
    assert.equal(role('قال لافروف', 'لافروف'), undefined);
    assert.equal(role('لافروف', 'لافروف'), undefined);
    assert.equal(role('وزيرسيرغي', 'سيرغي'), undefined);
    assert.equal(role('سفير  ليبيا لدى موسكو  سيرغي', 'سيرغي'), undefined);
    assert.equal(role('الرئيس الروسي الأول العام الأسبق فلاديمير', 'فلاديمير'), undefined);
    assert.equal(role('وزير الخارجية الروسي الأول العام الليبي فلاديمير', 'فلاديمير'), undefined);
    assert.equal(role('وزير الخارجية الروسي الأول السابق فلاديمير', 'فلاديمير'), undefined);
  });

  it('reads English titles', () => {
    assert.equal(role('Foreign Minister Sergei Lavrov', 'Sergei', 'en'), 'Foreign Minister');
  });

  it('reads back to the nearest stop, comma, colon or quote within 80 characters, as the lastIndexOf of each would', () => {
    // (the role as read from the text after the place the nine lastIndexOf searches of the 80 characters before the name gave)
    const reference = (text: string, start: number, lang: 'ar' | 'en') => {
      const from = Math.max(0, start - 80);
      const tail = text.slice(from, start);
      const cut = Math.max(...['.', '\n', '؟', '!', '،', ',', ':', '«', '"'].map((c) => tail.lastIndexOf(c)));
      const base = from + cut + 1;
      return roleBefore(' '.repeat(base) + text.slice(base), start, lang);
    };
    const pieces = ['وزير', 'الخارجية', 'الروسي', 'سيرغي', 'Foreign', 'Minister', 'Sergei', ' ', ' ', '.', '\n', '\r', '؟', '!', '،', ',', ':', '«', '»', '"', '؛', 'x'];
    let seed = 3;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 16) % n);
    let roles = 0;
    let cuts = 0;
    for (let k = 0; k < 4000; k++) {
      let text = '';
      for (let i = rnd(40); i > 0; i--) text += pieces[rnd(pieces.length)];
      text += ' ';
      const lang = k % 2 ? 'ar' : 'en';
      const got = roleBefore(text + 'لافروف', text.length, lang);
      assert.deepEqual(got, reference(text + 'لافروف', text.length, lang), JSON.stringify(text));
      if (got) roles++;
      // The place itself, at every start (the reference above reads back with roleBase too, so it cannot see a
      // character roleBase stops at wrongly: ؛ » \r x and letters are in the pieces).
      for (let start = 0; start <= text.length; start++) {
        const from = Math.max(0, start - 80);
        const tail = text.slice(from, start);
        const want = from + 1 + Math.max(...['.', '\n', '؟', '!', '،', ',', ':', '«', '"'].map((c) => tail.lastIndexOf(c)));
        if (roleBase(text, start) !== want) assert.fail(`roleBase at ${start} of ${JSON.stringify(text)}: ${roleBase(text, start)}, want ${want}`);
        if (want !== from) cuts++;
      }
    }
    assert.ok(roles > 60, `${roles} roles`);
    assert.ok(cuts > 20000, `${cuts} places after a mark`);
  });
});
