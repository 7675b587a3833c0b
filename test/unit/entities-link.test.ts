/**
 * The entity linker on spans constructed in the test (the taggers are tested with their own models elsewhere):
 * linking, propagation with clitics and diacritics, roles, keeping distinct entities distinct, bad input.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { linkEntities, proseRegions } from '../../server/src/core/entities';
import { foldKey } from '../../server/src/core/entities/tokens';
import { foldArabic, foldLatin } from '../../server/src/core/names/match';
import type { NerTagger, NerType, TaggedSpan } from '../../server/src/core/resources';
import { parseStructure } from '../../server/src/core/structure';
import type { Entity, Language } from '../../server/src/core/types';

const SEED = fs.readFileSync(path.resolve(__dirname, '../../seeds/000_36fff38b519712a3.txt'), 'utf8');

/** Spans at the first occurrence of each form only: everything else is the linker's work. */
function firstOccurrences(text: string, forms: Array<[string, NerType]>): TaggedSpan[] {
  return forms.map(([f, type]) => {
    const i = text.indexOf(f);
    assert.ok(i >= 0, `test setup: '${f}' not in the text`);
    return { start: i, end: i + f.length, type, text: f };
  });
}

function link(text: string, forms: Array<[string, NerType]>): Entity[] {
  return linkEntities({ text, regions: proseRegions(parseStructure(text)), spans: firstOccurrences(text, forms) }).entities;
}

function byName(entities: Entity[], name: string): Entity {
  const e = entities.find((x) => x.name === name);
  assert.ok(e, `no entity '${name}' in: ${entities.map((x) => x.id).join(', ')}`);
  return e;
}

/** Every place where `word` stands as a word of the text, with an Arabic clitic prefix or not. */
function occurrences(text: string, word: string): number[] {
  const out: number[] = [];
  const re = new RegExp(`(?<![\\p{L}\\p{M}])(?:[وف]?[بلك]?)(${word})(?![\\p{L}\\p{M}])`, 'gu');
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index + m[0].length - m[1].length);
  return out;
}

const SEED_FORMS: Array<[string, NerType]> = [
  ['سيرغي لافروف', 'person'], ['خليفة حفتر', 'person'], ['سيرغي شويغو', 'person'], ['ميخائيل بوغدانوف', 'person'],
  ['إيفان مولوتكوف', 'person'], ['نيقولاي باتروشيف', 'person'], ['عقيلة صالح عيسى', 'person'],
  ['ليبيا', 'location'], ['موسكو', 'location'], ['روسيا', 'location'], ['طرابلس', 'location'],
  ['وزارة الخارجية الروسية', 'organization'], ['مجلس الأمن الدولي', 'organization'], ['مجلس الأمن الروسي', 'organization'],
  ['مجلس النواب الليبي', 'organization'], ['الأمم المتحدة', 'organization'], ['لجيش الليبي', 'organization'],
  ['إزفيستيا', 'misc'],
];

describe('entities: linking on the Arabic seed (constructed spans, first occurrence only)', () => {
  const entities = link(SEED, SEED_FORMS);

  it('finds every later mention of a person, clitic forms included, as one entity', () => {
    for (const [full, surname] of [['سيرغي لافروف', 'لافروف'], ['خليفة حفتر', 'حفتر'], ['ميخائيل بوغدانوف', 'بوغدانوف'], ['سيرغي شويغو', 'شويغو']]) {
      const e = byName(entities, full);
      assert.equal(e.type, 'person');
      const starts = new Set(e.mentions.map((m) => m.start));
      const expected = occurrences(SEED, surname);
      assert.ok(expected.length >= 2, surname);
      for (const s of expected) {
        assert.ok([...starts].some((x) => x <= s && e.mentions.some((m) => m.start === x && m.end >= s + surname.length)), `${surname} at ${s} not a mention of ${full}`);
      }
      assert.equal(entities.filter((x) => x.mentions.some((m) => m.text.endsWith(surname))).length, 1, `${surname} split over entities`);
    }
    // 'وبوغدانوف' and 'بموسكو': the clitic is not part of the mention.
    const bog = byName(entities, 'ميخائيل بوغدانوف').mentions.find((m) => SEED.slice(m.start - 1, m.start) === 'و');
    assert.ok(bog, 'وبوغدانوف found');
    assert.equal(bog.text, 'بوغدانوف');
    const moscow = byName(entities, 'موسكو');
    assert.ok(moscow.mentions.some((m) => SEED.slice(m.start - 1, m.end) === 'بموسكو'));
    assert.ok(moscow.mentions.every((m) => m.text === 'موسكو'));
    assert.equal(moscow.mentions.length, occurrences(SEED, 'موسكو').length);
  });

  it('reads roles: titles before the name, title-comma-name, appositions, and the possessive deputy', () => {
    const roles = (n: string) => byName(entities, n).roles.map((r) => r.text);
    assert.deepEqual(roles('سيرغي لافروف'), ['وزير الخارجية الروسي']);
    assert.deepEqual(roles('خليفة حفتر'), ['القائد العام للجيش الليبي', 'المشير']);
    assert.deepEqual(roles('سيرغي شويغو'), ['وزير الدفاع الروسي']);
    assert.deepEqual(roles('ميخائيل بوغدانوف'), ['نائب وزير الخارجية الروسي']);
    assert.deepEqual(roles('إيفان مولوتكوف'), ['السفير الروسي لدى طرابلس']);
    assert.deepEqual(roles('نيقولاي باتروشيف'), ['أمين عام مجلس الأمن الروسي']);
    assert.deepEqual(roles('عقيلة صالح عيسى'), ['رئيس مجلس النواب الليبي']);
    // Role spans point at the text (the deputy's at 'نائبه', without its و).
    for (const e of entities) for (const r of e.roles) if (!r.text.startsWith('نائب ')) assert.equal(SEED.slice(r.start, r.end), r.text);
    const dep = byName(entities, 'ميخائيل بوغدانوف').roles[0];
    assert.equal(SEED.slice(dep.start, dep.end), 'نائبه');
  });

  it('keeps the two security councils and the two Sergeis apart', () => {
    assert.notEqual(byName(entities, 'مجلس الأمن الدولي').id, byName(entities, 'مجلس الأمن الروسي').id);
    assert.notEqual(byName(entities, 'سيرغي لافروف').id, byName(entities, 'سيرغي شويغو').id);
    const persons = entities.filter((e) => e.type === 'person').map((e) => e.name).sort();
    assert.deepEqual(persons, ['إيفان مولوتكوف', 'خليفة حفتر', 'سيرغي شويغو', 'سيرغي لافروف', 'عقيلة صالح عيسى', 'ميخائيل بوغدانوف', 'نيقولاي باتروشيف'].sort());
  });

  it('names a clitic-excluded organization with its article, types the newspaper as an organization, ids are type:name', () => {
    const army = byName(entities, 'الجيش الليبي');
    // Its mention is written with the article too; the range stays on 'لجيش الليبي' (after the preposition ل).
    assert.equal(army.mentions[0].text, 'الجيش الليبي');
    assert.equal(SEED.slice(army.mentions[0].start, army.mentions[0].end), 'لجيش الليبي');
    const izv = byName(entities, 'إزفيستيا');
    assert.equal(izv.type, 'organization');
    for (const e of entities) assert.equal(e.id, `${e.type}:${e.name}`);
    for (const e of entities) for (let i = 1; i < e.mentions.length; i++) assert.ok(e.mentions[i - 1].start < e.mentions[i].start);
  });
});

describe('entities: linking on the English seed (constructed spans, first occurrence only)', () => {
  const text = fs.readFileSync(path.resolve(__dirname, '../../seeds/001_lavrov_haftar_en.txt'), 'utf8');
  const forms: Array<[string, NerType, number?]> = [
    ['Sergei Lavrov', 'person'], ['Khalifa Haftar', 'person'], ['Sergei Shoigu', 'person'], ['Mikhail Bogdanov', 'person'],
    ['Ivan Molotkov', 'person'], ['Nikolai Patrushev', 'person'], ['Aguila Saleh Issa', 'person'],
    ['Libya', 'location'], ['Moscow', 'location'], ['Russia', 'location'], ['Tripoli', 'location'],
    ['Russian Foreign Ministry', 'organization'], ['U.N. Security Council', 'organization'], ['House of Representatives', 'organization'],
    ['United Nations', 'organization'],
    // The later 'Foreign Ministry' and "Russia's Security Council" (only 'Security Council' tagged).
    ['Foreign Ministry', 'organization', text.indexOf('In a statement')], ['Security Council', 'organization', text.indexOf("Russia's Security")],
  ];
  const spans: TaggedSpan[] = forms.map(([f, type, from]) => {
    const i = text.indexOf(f, from ?? 0);
    assert.ok(i >= 0, f);
    return { start: i, end: i + f.length, type, text: f };
  });
  const entities = linkEntities({ text, regions: proseRegions(parseStructure(text)), spans }).entities;

  it('every person is one entity with all its mentions (Mr., possessives) and its role', () => {
    const expected: Array<[string, string, string[]]> = [
      ['Sergei Lavrov', 'Lavrov', ['Russian Foreign Minister']],
      ['Khalifa Haftar', 'Haftar', ['Field Marshal', 'commander of the Libyan army']],
      ['Sergei Shoigu', 'Shoigu', ['Defence Minister']],
      ['Mikhail Bogdanov', 'Bogdanov', ['Deputy Foreign Minister']],
      ['Ivan Molotkov', 'Molotkov', ['Russian ambassador in Tripoli']],
      ['Nikolai Patrushev', 'Patrushev', ["Secretary of Russia's Security Council"]],
      ['Aguila Saleh Issa', 'Issa', ["speaker of Libya's House of Representatives"]],
    ];
    for (const [name, surname, roles] of expected) {
      const e = byName(entities, name);
      const n = text.split(new RegExp(`\\b${surname}\\b`)).length - 1;
      assert.equal(e.mentions.length, n, `${name}: ${e.mentions.map((m) => m.text).join('|')}`);
      assert.deepEqual(e.roles.map((r) => r.text), roles, name);
    }
    assert.equal(entities.filter((e) => e.type === 'person').length, expected.length);
  });

  it("places and organizations; the U.N. Security Council and Russia's Security Council stay apart", () => {
    assert.equal(byName(entities, 'Moscow').mentions.length, text.split(/\bMoscow\b|\bMOSCOW\b/).length - 1);
    assert.equal(byName(entities, 'Libya').mentions.length, text.split(/\bLibya\b/).length - 1);
    assert.equal(byName(entities, 'Russian Foreign Ministry').mentions.length, 3);
    assert.notEqual(byName(entities, 'U.N. Security Council').id, byName(entities, 'Security Council').id);
    assert.equal(byName(entities, 'Izvestia').type, 'organization');
  });
});

describe('entities: linking rules on small texts', () => {
  it('matches diacritized mentions to undiacritized names and back', () => {
    const text = 'خبر\nقال الرَّئِيسُ الرُّوسِيُّ فلاديمير بوتين إن بوتِينَ سيزور القاهرة. وأكد وَبُوتِين ذلك.';
    const es = link(text, [['فلاديمير بوتين', 'person']]);
    const e = byName(es, 'فلاديمير بوتين');
    assert.deepEqual(e.mentions.map((m) => m.text), ['فلاديمير بوتين', 'بوتِينَ', 'بُوتِين']);
    assert.deepEqual(e.roles.map((r) => r.text), ['الرَّئِيسُ الرُّوسِيُّ']);
  });

  it('links a surname only when one full name fits; a shared first name alone stays apart', () => {
    const text = 'خبر\nالتقى سيرغي لافروف مع سيرغي شويغو. وقال لافروف إن سيرغي حاضر.';
    const spans: Array<[string, NerType]> = [['سيرغي لافروف', 'person'], ['سيرغي شويغو', 'person']];
    const t = firstOccurrences(text, spans);
    const i = text.lastIndexOf('سيرغي');
    t.push({ start: i, end: i + 5, type: 'person', text: 'سيرغي' });
    const es = linkEntities({ text, regions: proseRegions(parseStructure(text)), spans: t }).entities;
    assert.equal(byName(es, 'سيرغي لافروف').mentions.length, 2);
    assert.equal(byName(es, 'سيرغي شويغو').mentions.length, 1);
    assert.equal(byName(es, 'سيرغي').mentions.length, 1);
  });

  it('merges spelling variants through the names matcher (نيكولاي / نيقولاي)', () => {
    const text = 'خبر\nالتقى نيكولاي باتروشيف الوفد. ثم قال نيقولاي باتروشيف إن باتروشيف راض.';
    const t: TaggedSpan[] = [];
    for (const f of ['نيكولاي باتروشيف', 'نيقولاي باتروشيف']) {
      const i = text.indexOf(f);
      t.push({ start: i, end: i + f.length, type: 'person', text: f });
    }
    const es = linkEntities({ text, regions: proseRegions(parseStructure(text)), spans: t }).entities;
    assert.equal(es.length, 1);
    assert.equal(es[0].mentions.length, 3);
    // A surname spelled as a variant joins the one full name it varies ('شويجو' -> 'سيرغي شويغو').
    const t2 = 'خبر\nالتقى سيرغي شويغو الوفد. وقال شويجو إن الزيارة مهمة.';
    const spans2: TaggedSpan[] = ['سيرغي شويغو', 'شويجو'].map((f) => ({ start: t2.indexOf(f), end: t2.indexOf(f) + f.length, type: 'person', text: f }));
    const es2 = linkEntities({ text: t2, regions: proseRegions(parseStructure(t2)), spans: spans2 }).entities;
    assert.deepEqual(es2.map((e) => `${e.name} ${e.mentions.map((m) => m.text).join('|')}`), ['سيرغي شويغو سيرغي شويغو|شويجو']);
  });

  it('does not give a person the title of the subject before it (nationality conflict)', () => {
    const text = 'خبر\nاستقبل قائد الجيش الليبي خليفة حفتر الوفد. وخاطب الوزير الروسي حفتر قائلا إن الزيارة مهمة.';
    const es = link(text, [['خليفة حفتر', 'person']]);
    assert.deepEqual(byName(es, 'خليفة حفتر').roles.map((r) => r.text), ['قائد الجيش الليبي']);
    assert.equal(byName(es, 'خليفة حفتر').mentions.length, 2);
  });

  it('reads common Arabic title patterns', () => {
    const cases: Array<[string, string, string[]]> = [
      ['قال المبعوث الأممي إلى ليبيا غسان سلامة إن الحوار مستمر.', 'غسان سلامة', ['المبعوث الأممي إلى ليبيا']],
      ['وقالت المتحدثة باسم الخارجية الروسية ماريا زاخاروفا إن موسكو ترحب.', 'ماريا زاخاروفا', ['المتحدثة باسم الخارجية الروسية']],
      ['ودعا الأمين العام للأمم المتحدة أنطونيو غوتيريش إلى الهدوء.', 'أنطونيو غوتيريش', ['الأمين العام للأمم المتحدة']],
      ['وأكد اللواء أحمد المسماري، المتحدث باسم الجيش الليبي، أن القوات تقدمت.', 'أحمد المسماري', ['اللواء', 'المتحدث باسم الجيش الليبي']],
      ['والتقى رئيس الوزراء الليبي فايز السراج في طرابلس الوفد.', 'فايز السراج', ['رئيس الوزراء الليبي']],
      ['ذهب إلى ليبيا وزير الخارجية الإيطالي أنجلينو ألفانو أمس.', 'أنجلينو ألفانو', ['وزير الخارجية الإيطالي']],
      ['وأعلن في بيان السيد كريم بدران أنه راض.', 'كريم بدران', []],
      ['وقال وزير الدفاع السوداني الفريق عبدالرحيم محمد حسين إن الوضع هادئ.', 'عبدالرحيم محمد حسين', ['وزير الدفاع السوداني', 'الفريق']],
      ['وحضر رئيس المجلس التنفيذي وسمو الشيخ مكتوم بن محمد الحفل.', 'مكتوم بن محمد', ['الشيخ']],
      ['واستقبل حسني مبارك رئيس الجمهورية، فايزة أبوالنجا في القاهرة.', 'فايزة أبوالنجا', []],
      ['وقال لاعب فريق الجزيرة عبدالله صالح إن الفوز مهم.', 'عبدالله صالح', []],
    ];
    for (const [body, name, roles] of cases) {
      const text = `خبر\n${body}`;
      const forms: Array<[string, NerType]> = [[name, 'person']];
      if (text.includes('حسني مبارك')) forms.push(['حسني مبارك', 'person']);
      for (const place of ['ليبيا', 'طرابلس', 'موسكو']) if (text.includes(place)) forms.push([place, 'location']);
      for (const org of ['الأمم المتحدة', 'الجيش الليبي', 'الخارجية الروسية']) if (text.includes(org)) forms.push([org, 'organization']);
      const es = link(text, forms);
      assert.deepEqual(byName(es, name).roles.map((r) => r.text), roles, body);
    }
  });

  it('English: a title before a comma only when it opens its clause', () => {
    const t1 = "Title\nRussia's ambassador in Tripoli, Ivan Molotkov, said talks went well.";
    assert.deepEqual(byName(link(t1, [['Ivan Molotkov', 'person'], ['Tripoli', 'location']]), 'Ivan Molotkov').roles.map((r) => r.text), ["Russia's ambassador in Tripoli"]);
    const t2 = 'Title\nAfter meeting the president, Ivan Molotkov said talks went well.';
    assert.deepEqual(byName(link(t2, [['Ivan Molotkov', 'person']]), 'Ivan Molotkov').roles, []);
  });

  it('does not take a title across a preposition, a complementizer or another person', () => {
    const text = 'خبر\nقال رئيس الوزراء إن سامي الحلو سيسافر. والتقى وزير الخارجية مع كريم بدران.';
    const es = link(text, [['سامي الحلو', 'person'], ['كريم بدران', 'person']]);
    assert.deepEqual(byName(es, 'سامي الحلو').roles, []);
    assert.deepEqual(byName(es, 'كريم بدران').roles, []);
  });

  it('English: titles, possessives, Mr., appositions, his deputy, two security councils', () => {
    const text = [
      'Lavrov meets Haftar',
      "Russian Foreign Minister Sergei Lavrov met Field Marshal Khalifa Haftar in Moscow on Tuesday. Lavrov's deputy was there.",
      'Mr. Haftar thanked Lavrov and his deputy Mikhail Bogdanov. Aguila Saleh Issa, the speaker of the Libyan parliament, is expected.',
      "The U.N. Security Council imposed the embargo; Russia's Security Council met too. Bogdanov said nothing.",
    ].join('\n');
    const es = link(text, [
      ['Sergei Lavrov', 'person'], ['Khalifa Haftar', 'person'], ['Moscow', 'location'], ['Mikhail Bogdanov', 'person'],
      ['Aguila Saleh Issa', 'person'], ['U.N. Security Council', 'organization'],
    ]);
    const lavrov = byName(es, 'Sergei Lavrov');
    assert.deepEqual(lavrov.mentions.map((m) => m.text), ['Lavrov', 'Sergei Lavrov', 'Lavrov', 'Lavrov']);
    assert.deepEqual(lavrov.roles.map((r) => r.text), ['Russian Foreign Minister']);
    const haftar = byName(es, 'Khalifa Haftar');
    assert.deepEqual(haftar.mentions.map((m) => m.text), ['Haftar', 'Khalifa Haftar', 'Haftar']);
    assert.deepEqual(haftar.roles.map((r) => r.text), ['Field Marshal']);
    assert.deepEqual(byName(es, 'Mikhail Bogdanov').roles.map((r) => r.text), ['deputy Russian Foreign Minister']);
    assert.equal(byName(es, 'Mikhail Bogdanov').mentions.length, 2);
    assert.deepEqual(byName(es, 'Aguila Saleh Issa').roles.map((r) => r.text), ['speaker of the Libyan parliament']);
    // 'Security Council' alone after "Russia's" is not the U.N. council: it was not tagged, and is not propagated
    // (the pattern is the whole 'U.N. Security Council').
    const un = byName(es, 'U.N. Security Council');
    assert.equal(un.mentions.length, 1);
  });

  it('repairs common tagger slips: title inside a person span, a name cut in two, a surname typed as a place, a nationality as a place', () => {
    const text = 'خبر\nقال وزير الخارجية الروسي سيرغي لافروف إن الجانب الروسي يدعم الحل. وأكد لافروف ذلك. والتقى ميخائيل بوغدانوف الوفد.';
    const span = (f: string, type: NerType, from = 0): TaggedSpan => {
      const i = text.indexOf(f, from);
      return { start: i, end: i + f.length, type, text: f };
    };
    const spans = [
      span('وزير الخارجية الروسي سيرغي لافروف', 'person'),
      span('لافروف', 'location', text.indexOf('وأكد')),
      span('الروسي', 'location', text.indexOf('الجانب')),
      span('ميخائيل', 'person'),
      span('بوغدانوف', 'person'),
    ];
    const es = linkEntities({ text, regions: proseRegions(parseStructure(text)), spans }).entities;
    assert.deepEqual(es.map((e) => `${e.id} ${e.mentions.length}`), ['person:سيرغي لافروف 2', 'person:ميخائيل بوغدانوف 1']);
    assert.deepEqual(es[0].roles.map((r) => r.text), ['وزير الخارجية الروسي']);
  });

  it('repairs Arabic spans with the other mentions: first name after a title, organization adjective, trailing adverb, lone nationality', () => {
    const text = 'خبر\nاستقبل المشير خليفة حفتر أمين عام مجلس الأمن الروسي. وقال مصدر دبلوماسي روسي إن حفتر سيزور ليبيا قريبا، ثم يعود إلى ليبيا.';
    const span = (f: string, type: NerType, from = 0): TaggedSpan => {
      const i = text.indexOf(f, from);
      return { start: i, end: i + f.length, type, text: f };
    };
    const spans = [span('حفتر', 'person'), span('مجلس الأمن', 'organization'), span('روسي', 'person', text.indexOf('دبلوماسي')), span('ليبيا قريبا', 'location'), span('ليبيا', 'location', text.indexOf('يعود'))];
    const es = linkEntities({ text, regions: proseRegions(parseStructure(text)), spans }).entities;
    assert.deepEqual(es.map((e) => `${e.id} ${e.mentions.map((m) => m.text).join('|')}`), [
      'person:خليفة حفتر خليفة حفتر|حفتر',
      'organization:مجلس الأمن الروسي مجلس الأمن الروسي',
      'location:ليبيا ليبيا|ليبيا',
    ]);
    assert.deepEqual(es[0].roles.map((r) => r.text), ['المشير']);
  });

  it('finds institutions and titled names the tagger missed, and not descriptions or verbs', () => {
    const text = 'خبر\nوأعلنت وزارة الخارجية الروسية أن أمين عام مجلس الأمن الروسي نيقولاي باتروشيف. وقال القائد العام للجيش الليبي إن وزير الدفاع الروسي صباح أمس، ثم وزير الدفاع الروسي يقوم بزيارة. ووصل وزير الخارجية الروسي إلى المدينة.';
    const i = text.indexOf('مجلس الأمن الروسي');
    const es = linkEntities({ text, regions: proseRegions(parseStructure(text)), spans: [{ start: i, end: i + 'مجلس الأمن الروسي'.length, type: 'organization', text: 'مجلس الأمن الروسي' }] }).entities;
    assert.deepEqual(es.map((e) => `${e.id} ${e.mentions.map((m) => m.text).join('|')}`), [
      'organization:وزارة الخارجية الروسية وزارة الخارجية الروسية',
      'organization:مجلس الأمن الروسي مجلس الأمن الروسي',
      'person:نيقولاي باتروشيف نيقولاي باتروشيف',
      'organization:الجيش الليبي الجيش الليبي',
    ]);
    assert.deepEqual(es[2].roles.map((r) => r.text), ['أمين عام مجلس الأمن الروسي']);
    // The same name typed as two places by the tagger is still the person after the title.
    const spans2: TaggedSpan[] = [{ start: i, end: i + 'مجلس الأمن الروسي'.length, type: 'organization', text: '' }];
    for (const w of ['نيقولاي', 'باتروشيف']) spans2.push({ start: text.indexOf(w), end: text.indexOf(w) + w.length, type: 'location', text: w });
    const es2 = linkEntities({ text, regions: proseRegions(parseStructure(text)), spans: spans2 }).entities;
    assert.deepEqual(es2.filter((e) => e.type !== 'organization').map((e) => e.id), ['person:نيقولاي باتروشيف']);
  });

  it('links an English acronym to the one organization whose initials it spells', () => {
    const text = 'Title\nThe United Nations imposed an embargo. The UN said the embargo stays.';
    const es = link(text, [['United Nations', 'organization'], ['UN', 'organization']]);
    assert.equal(es.length, 1);
    assert.equal(es[0].name, 'United Nations');
    assert.equal(es[0].mentions.length, 2);
  });

  it('bad input: empty, punctuation only, no Arabic, digits, Latin names in Arabic text', () => {
    for (const text of ['', '...،،؛!!', '١٢٣ ٤٥٦', 'just some lower case words', 'قال Sergei Lavrov إن Lavrov سيحضر']) {
      const r = linkEntities({ text, regions: proseRegions(parseStructure(text)), spans: [] });
      assert.deepEqual(r.entities, []);
    }
    const text = 'خبر\nقال Sergei Lavrov إن Lavrov سيحضر إلى موسكو.';
    const es = link(text, [['Sergei Lavrov', 'person'], ['موسكو', 'location']]);
    assert.equal(byName(es, 'Sergei Lavrov').mentions.length, 2);
  });

  it('a 5 MB paragraph links in bounded time', function () {
    this.timeout(20000);
    const sentence = 'وقال وزير الخارجية الروسي سيرغي لافروف إن موسكو تدعم ليبيا، وأكد لافروف ونائبه ميخائيل بوغدانوف ذلك لحفتر ولصحيفة «إزفيستيا» في بموسكو. ';
    const text = 'خبر\n' + sentence.repeat(Math.ceil((5 * 1024 * 1024) / sentence.length));
    const t0 = Date.now();
    const es = link(text, [['سيرغي لافروف', 'person'], ['موسكو', 'location'], ['حفتر', 'person'], ['ميخائيل بوغدانوف', 'person']]);
    const ms = Date.now() - t0;
    const n = Math.ceil((5 * 1024 * 1024) / sentence.length);
    assert.equal(byName(es, 'سيرغي لافروف').mentions.length, 2 * n);
    assert.equal(byName(es, 'موسكو').mentions.length, 2 * n);
    assert.equal(byName(es, 'إزفيستيا').mentions.length, n);
    assert.deepEqual(byName(es, 'ميخائيل بوغدانوف').roles.map((r) => r.text), ['نائب وزير الخارجية الروسي']);
    assert.ok(ms < 15000, `${ms} ms`);
  });
});

describe('entities: the token key is the names matcher fold', () => {
  it('foldKey(word) equals foldArabic / foldLatin for every word of the seed and a diacritized sample', () => {
    const words = (SEED + ' الرَّئِيسُ وَلافروفـ إِزْفِيسْتِيَا آمال مؤتمر رئيسة مستشفى Qaddafi Gaddāfī Lavrov’s José').match(/[\p{L}\p{M}\p{N}]+/gu)!;
    for (const w of words) {
      const lang: Language = /\p{Script=Latin}/u.test(w) ? 'en' : 'ar';
      assert.equal(foldKey(w), lang === 'ar' ? foldArabic(w) : foldLatin(w), w);
    }
  });
});

describe("entities: 'لله' (ل + الله: the article's alif and lam both elided)", () => {
  const text = 'عنوان\n\nقال الشيخ إن الحمد لله، وإن رحمة الله واسعة. وتوكلوا على الله ولله الأمر.\n';
  const lillah = text.indexOf('لله،');

  it("a tagger span after the preposition reads 'الله' (not 'اله') and joins the other mentions of the name", () => {
    const spans: TaggedSpan[] = [
      { start: lillah + 1, end: lillah + 3, type: 'misc', text: 'له' },
      { start: text.indexOf('الله '), end: text.indexOf('الله ') + 4, type: 'misc', text: 'الله' },
    ];
    const entities = linkEntities({ text, regions: proseRegions(parseStructure(text)), spans }).entities;
    assert.deepEqual(entities.map((e) => e.name), ['الله']);
    const ms = entities[0].mentions;
    // 'لله،', 'الله واسعة', 'الله ولله', 'ولله الأمر' (the last two by propagation, one through the 'لل' reading).
    assert.deepEqual(ms.map((m) => m.text), ['الله', 'الله', 'الله', 'الله']);
    assert.deepEqual(ms.map((m) => text.slice(m.start, m.end)), ['له', 'الله', 'الله', 'له']);
    assert.equal(ms[0].start, lillah + 1);
  });

  it("a propagated 'لله' reads 'الله' over the letters after the preposition", () => {
    const entities = link(text, [['الله', 'misc']]);
    const e = byName(entities, 'الله');
    const m = e.mentions.find((x) => x.start === lillah + 1);
    assert.ok(m, e.mentions.map((x) => `${x.start}:${x.text}`).join(', '));
    assert.equal(m.text, 'الله');
    assert.equal(text.slice(m.start, m.end), 'له');
  });
});

describe('entities: analyze runs the tagger of each paragraph language', () => {
  /** A tagger that tags given forms wherever they occur in its slice, and records what it was asked to tag. */
  class ListTagger implements NerTagger {
    calls: Array<[number, number]> = [];
    constructor(readonly language: Language, private forms: Array<[string, NerType]>) {}
    tag(text: string, from = 0, to = text.length): TaggedSpan[] {
      this.calls.push([from, to]);
      const out: TaggedSpan[] = [];
      for (const [f, type] of this.forms) {
        for (let i = text.indexOf(f, from); i >= 0 && i + f.length <= to; i = text.indexOf(f, i + 1)) out.push({ start: i, end: i + f.length, type, text: f });
      }
      return out;
    }
  }
  it('an Arabic article with an English paragraph: each tagged by its own tagger, linked together', () => {
    const text = 'لافروف يستقبل حفتر\nاستقبل سيرغي لافروف المشير خليفة حفتر في موسكو.\nSergei Lavrov met Khalifa Haftar in Moscow.';
    const ar = new ListTagger('ar', [['سيرغي لافروف', 'person'], ['خليفة حفتر', 'person'], ['موسكو', 'location']]);
    const en = new ListTagger('en', [['Sergei Lavrov', 'person'], ['Khalifa Haftar', 'person'], ['Moscow', 'location']]);
    const a = analyze(text, {}, { ner: { ar, en } });
    assert.equal(a.language, 'ar');
    assert.equal(ar.calls.length, 2); // headline + Arabic paragraph
    assert.equal(en.calls.length, 1);
    assert.equal(text.slice(...en.calls[0]), 'Sergei Lavrov met Khalifa Haftar in Moscow.');
    const names = a.entities.map((e) => e.id);
    for (const id of ['person:سيرغي لافروف', 'person:خليفة حفتر', 'location:موسكو', 'person:Sergei Lavrov', 'location:Moscow']) assert.ok(names.includes(id), id);
    assert.equal(a.entities.find((e) => e.id === 'person:سيرغي لافروف')!.mentions.length, 2); // headline 'لافروف' too
    assert.deepEqual(a.entities.find((e) => e.id === 'person:خليفة حفتر')!.roles.map((r) => r.text), ['المشير']);
  });
  it('without taggers there are no entities', () => {
    assert.deepEqual(analyze('لافروف يستقبل حفتر\nنص.').entities, []);
  });
});

describe('entities: invariants on random input (fast-check)', () => {
  it('never throws; mentions are in bounds, match the text, do not overlap; ids are unique; roles point into the text', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fc = require('fast-check') as typeof import('fast-check');
    const pieces = ['سيرغي', 'لافروف', 'ولافروف', 'بموسكو', 'موسكو', 'وزير', 'الخارجية', 'الروسي', 'المشير', 'نائبه', '،', '.', ' ', '\n', 'الرَّئِيسُ',
      'Lavrov', "Lavrov's", 'Mr.', 'Foreign', 'Minister', 'U.N.', ',', 'the', '«', '»', 'صحيفة', 'ـ', '١٢', 'وزارة', 'مجلس', 'الأمن', 'الليبي'];
    const types: NerType[] = ['person', 'location', 'organization', 'misc'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(400), fc.nat(40), fc.constantFrom(...types)), { maxLength: 12 }),
        (parts, raw) => {
          const text = parts.join(' ');
          const spans: TaggedSpan[] = raw.map(([s, len, type]) => ({ start: Math.min(s, text.length), end: Math.min(s + len, text.length), type, text: '' }));
          const { entities } = linkEntities({ text, regions: proseRegions(parseStructure(text)), spans });
          const ids = new Set<string>();
          const taken: Array<[number, number]> = [];
          for (const e of entities) {
            assert.ok(!ids.has(e.id), e.id);
            ids.add(e.id);
            for (const m of e.mentions) {
              assert.ok(m.start >= 0 && m.end <= text.length && m.start < m.end);
              assert.equal(m.text, text.slice(m.start, m.end));
              for (const [s, t] of taken) assert.ok(m.end <= s || m.start >= t, 'overlapping mentions');
              taken.push([m.start, m.end]);
            }
            for (const r of e.roles) assert.ok(r.start >= 0 && r.end <= text.length && r.start < r.end);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
