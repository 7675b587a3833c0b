/**
 * `roleBefore` (names/roles.ts): the role or title written right before a name, as the name-role-conflict check reads
 * it. The Arabic walk reads the words before the name from the end (a head such as وزير/الرئيس/المشير after at most four
 * modifiers); these cases pin what it returns, including where it must return nothing. The expectations were produced
 * by the earlier implementation (every word of the 80 characters before the name collected first) and the current one
 * agrees on all of them.
 */
import * as assert from 'node:assert/strict';
import { roleBefore } from '../../server/src/core/names/roles';
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
});
