/**
 * Roles and titles of people, read from the words around their mentions.
 *
 * - Arabic titles are head-first: the title runs from its head noun (a trigger: وزير، رئيس، السفير، المشير…) to
 *   the name, across its complements and adjectives ('وزير الخارجية الروسي سيرغي لافروف'), and across the title
 *   prepositions لدى/باسم ('السفير الروسي لدى طرابلس، إيفان مولوتكوف' — a comma may stand between title and name).
 *   Reading leftwards stops at punctuation, a verb of saying or complementizer, a preposition, or another person.
 *   Two titles in a row are two roles ('القائد العام للجيش الليبي المشير خليفة حفتر' -> 'القائد العام للجيش الليبي',
 *   'المشير'); a trigger in construct state (no article) before another is one compound title ('نائب وزير الخارجية').
 * - English titles are head-last: the run of capitalized words and title words before the name that contains a
 *   trigger ('Russian Foreign Minister Sergei Lavrov', "Russia's ambassador to Libya, Ivan Molotkov", 'Field Marshal').
 * - Appositions after a comma that start with a trigger: 'عقيلة صالح عيسى، رئيس مجلس النواب الليبي،',
 *   'Aguila Saleh Issa, the speaker of …,'. They must end at punctuation within a few words.
 * - The possessive deputy ('ونائبه ميخائيل بوغدانوف', 'his deputy Mikhail Bogdanov') is resolved to the nearest
 *   person before it in the paragraph: 'نائب' + that person's first role ('نائب وزير الخارجية الروسي').
 * - An Arabic title whose nationality contradicts the person's known roles is not taken: in 'وخاطب الوزير الروسي
 *   حفتر' the Russian minister is the subject, not Haftar's title (Haftar is already 'القائد العام للجيش الليبي').
 *
 * Roles are kept once per spelling (folded), in document order.
 */
import type { Entity, Role } from '../types';
import {
  AR_HARD_STOPS, AR_HONORIFICS, AR_SOFT_STOPS, AR_TITLE_PREPS, AR_TRIGGERS, EN_CAP_STOPS, EN_HARD_STOPS, EN_HONORIFICS,
  EN_TITLE_WORDS, EN_TRIGGERS, arNationality, formHonorific, formTrigger,
} from './lexicon';
import type { WorkMention } from './link';
import { Sep, type Token, foldKey, offsetAfterLetters } from './tokens';

export interface RoleScan {
  text: string;
  tokens: readonly Token[];
  mentions: ReadonlyArray<WorkMention & { entity: number }>;
  entities: Entity[];
}

interface Found {
  roles: Role[];
  /** Token index of a possessive deputy ('نائبه', 'his deputy') standing before the name. */
  deputy?: number;
}

const MAX_TITLE_WORDS = 9;
const MAX_APPOSITION_WORDS = 9;
const EN_CONNECTORS = new Set(['of', 'to', 'for', 'in', 's']);
const EN_ARTICLES = new Set(['the', 'a', 'an']);
const AR_PLACE_PREPS = new Set(['الي', 'في']);

const stripMarks = (s: string) => s.replace(/[\u064B-\u065F\u0670\u0640]/g, '');

function isApostropheS(text: string, t: Token): boolean {
  return t.latin && t.key === 's' && t.start > 0 && /['’]/.test(text[t.start - 1]);
}

/**
 * In 'Nikolai Patrushev, the Secretary of Russia's Security Council, Molotkov said' the words between the commas
 * are Patrushev's apposition, not a title of the name after them: a title before a comma must not follow
 * another person's name and a comma (in Arabic, nor a name right before it).
 */
function appositionOfOther(tokens: readonly Token[], first: number, personTok: Int32Array): boolean {
  let p = first;
  if (p > 0 && tokens[p].sep === Sep.Space && EN_ARTICLES.has(tokens[p - 1].key)) p--;
  // 'حسني مبارك رئيس الجمهورية، فايزة أبوالنجا': an Arabic title right after a name is that name's apposition too.
  return p > 0 && (tokens[p].sep === Sep.Comma || !tokens[p].latin) && personTok[p - 1] >= 0 && tokens[p - 1].region === tokens[p].region;
}

function arRole(text: string, tokens: readonly Token[], a: number, b: number): Role {
  const st = formTrigger(tokens[a].form);
  const word = text.slice(tokens[a].start, tokens[a].end);
  const start = tokens[a].start + (st && st.strip ? offsetAfterLetters(word, st.strip) : 0);
  let roleText = text.slice(start, tokens[b].end).replace(/\s+/g, ' ');
  if (st?.restoreAl) roleText = 'ا' + roleText;
  return { start, end: tokens[b].end, text: roleText };
}

function arPreNominal(s: RoleScan, m: WorkMention, personTok: Int32Array, nameTok: Uint8Array): Found {
  const { text, tokens } = s;
  const none: Found = { roles: [] };
  if (m.start > tokens[m.t0].start) return none; // a clitic on the name: nothing in front belongs to it
  let j = m.t0 - 1;
  let sepAfter = tokens[m.t0].sep;
  if (j < 0 || tokens[j].region !== tokens[m.t0].region) return none;
  if (sepAfter === Sep.Space && formHonorific(tokens[j].form)) {
    sepAfter = tokens[j].sep;
    j--;
    if (j < 0 || tokens[j].region !== tokens[m.t0].region) return none;
  }
  if (sepAfter !== Sep.Space && sepAfter !== Sep.Comma) return none;
  if (sepAfter === Sep.Space && /^[وف]?نا[ئي]ب(?:ه|ها)$/.test(stripMarks(text.slice(tokens[j].start, tokens[j].end)))) {
    return { roles: [], deputy: j };
  }
  let farthest = -1;
  // 'إلى/في' + a place or organization may stand inside a title ('المبعوث الأممي إلى ليبيا غسان سلامة'), but only
  // if a trigger stands further left; otherwise the title is what was found before the preposition.
  let pending = -2;
  for (let k = j, steps = 0; k >= 0 && steps < MAX_TITLE_WORDS; k--, steps++) {
    const t = tokens[k];
    if (t.latin || personTok[k] >= 0 || t.region !== tokens[j].region) break;
    if (AR_HARD_STOPS.has(t.key)) break;
    // An adverb in -an ('خلفا لكوفي أنان') ends the title; a place name in -a ('سفير روسيا') does not.
    if (!nameTok[k] && t.key.length > 3 && t.key.endsWith('ا') && !t.key.startsWith('ال')) break;
    // 'و' + title or honorific starts another person's title ('رئيس المجلس التنفيذي وسمو الشيخ'): a title
    // coordinated with و starts here ('ووزير الخارجية' -> 'وزير الخارجية'); an honorific is left out.
    if (/^[وف]/.test(t.key) && (formTrigger(t.form)?.strip ?? 0) > 0) {
      farthest = k;
      if (pending !== -2) pending = -3;
      break;
    }
    if (/^[وف]/.test(t.key) && (formHonorific(t.form)?.strip ?? 0) > 0) break;
    if (!AR_TITLE_PREPS.has(t.key) && AR_SOFT_STOPS.has(t.key)) {
      if (pending === -2 && AR_PLACE_PREPS.has(t.key) && k + 1 <= j && nameTok[k + 1] > 0) pending = farthest;
      else break;
    } else if (formTrigger(t.form) || (t.key === 'الفريق' && (k === j || (k === j - 1 && tokens[j].key === 'اول')))) {
      // ('الفريق', the rank, only right before the name: elsewhere it is 'the team'.)
      farthest = k;
      if (pending !== -2) pending = -3;
    }
    if (t.sep !== Sep.Space) break;
  }
  if (pending >= -1) farthest = pending;
  if (farthest < 0) return none;
  if (sepAfter === Sep.Comma && appositionOfOther(tokens, farthest, personTok)) return none;
  // Split at a trigger that does not continue a construct ('نائب وزير' is one title; 'الليبي المشير' two).
  const cuts = [farthest];
  for (let i = farthest + 1; i <= j; i++) {
    if ((formTrigger(tokens[i].form) || tokens[i].key === 'الفريق') && !AR_TRIGGERS.has(tokens[i - 1].key)) cuts.push(i);
  }
  const roles: Role[] = [];
  for (let c = 0; c < cuts.length; c++) roles.push(arRole(text, tokens, cuts[c], (cuts[c + 1] ?? j + 1) - 1));
  return { roles };
}

function enPreNominal(s: RoleScan, m: WorkMention, personTok: Int32Array): Found {
  const { text, tokens } = s;
  const none: Found = { roles: [] };
  let j = m.t0 - 1;
  let sepAfter = tokens[m.t0].sep;
  if (j < 0 || tokens[j].region !== tokens[m.t0].region) return none;
  if (sepAfter === Sep.Space && EN_HONORIFICS.has(tokens[j].key)) {
    sepAfter = tokens[j].sep;
    j--;
    if (j < 0 || tokens[j].region !== tokens[m.t0].region) return none;
  }
  if (sepAfter !== Sep.Space && sepAfter !== Sep.Comma) return none;
  let first = -1;
  let trigger = false;
  for (let k = j, steps = 0; k >= 0 && steps < MAX_TITLE_WORDS; k--, steps++) {
    const t = tokens[k];
    if (!t.latin || personTok[k] >= 0 || t.region !== tokens[j].region) break;
    const ok = (t.cap && !EN_CAP_STOPS.has(t.key)) || (!t.cap && (EN_TRIGGERS.has(t.key) || EN_TITLE_WORDS.has(t.key))) || isApostropheS(text, t);
    if (!ok) break;
    first = k;
    if (EN_TRIGGERS.has(t.key)) trigger = true;
    if (t.sep !== Sep.Space) break;
  }
  if (first < 0 || !trigger) return none;
  if (sepAfter === Sep.Comma) {
    // 'Russia's ambassador in Tripoli, Ivan Molotkov': a title before a comma must be a proper title (a capitalized
    // word in it) opening its clause — not 'After meeting the president, Lavrov said'.
    const chain = tokens.slice(first, j + 1);
    const opens = tokens[first].sep >= Sep.Comma || (first > 0 && EN_ARTICLES.has(tokens[first - 1].key) && tokens[first - 1].sep >= Sep.Comma);
    if (chain.length < 2 || !chain.some((t) => t.cap) || !opens || appositionOfOther(tokens, first, personTok)) return none;
  }
  while (first < j && (EN_CONNECTORS.has(tokens[first].key) || isApostropheS(text, tokens[first]))) first++;
  if (first === j && tokens[j].key === 'deputy' && j > 0 && /^(his|her)$/.test(tokens[j - 1].key) && tokens[j].sep === Sep.Space) {
    return { roles: [], deputy: j };
  }
  if (!EN_TRIGGERS.has(tokens[j].key) && !tokens.slice(first, j + 1).some((t) => EN_TRIGGERS.has(t.key))) return none;
  return { roles: [{ start: tokens[first].start, end: tokens[j].end, text: text.slice(tokens[first].start, tokens[j].end).replace(/\s+/g, ' ') }] };
}

function appositive(s: RoleScan, m: WorkMention, personTok: Int32Array): Role | undefined {
  const { text, tokens } = s;
  let n = m.t1;
  if (n >= tokens.length || tokens[n].sep !== Sep.Comma || tokens[n].region !== tokens[m.t1 - 1].region) return undefined;
  const region = tokens[n].region;
  if (!m.latin) {
    const st = formTrigger(tokens[n].form);
    if (!st || st.strip !== 0) return undefined;
    let e = n;
    let ended = false;
    while (!ended) {
      const u = tokens[e + 1];
      if (!u || u.sep !== Sep.Space || u.region !== region || AR_HARD_STOPS.has(u.key) || (AR_SOFT_STOPS.has(u.key) && !AR_TITLE_PREPS.has(u.key))) {
        ended = true;
        break;
      }
      if (personTok[e + 1] >= 0 || e + 1 - n >= MAX_APPOSITION_WORDS) return undefined;
      e++;
    }
    return arRole(text, tokens, n, e);
  }
  if (EN_ARTICLES.has(tokens[n].key)) {
    n++;
    if (n >= tokens.length || tokens[n].sep !== Sep.Space) return undefined;
  }
  let e = n - 1;
  let trigger = false;
  for (;;) {
    const u = tokens[e + 1];
    if (!u || (e + 1 > n && u.sep !== Sep.Space) || u.region !== region || !u.latin || EN_HARD_STOPS.has(u.key)) break;
    if (personTok[e + 1] >= 0 || e + 1 - n >= MAX_APPOSITION_WORDS) return undefined;
    if (EN_TRIGGERS.has(u.key) && e + 1 - n < 5) trigger = true;
    e++;
  }
  if (!trigger || e < n) return undefined;
  return { start: tokens[n].start, end: tokens[e].end, text: text.slice(tokens[n].start, tokens[e].end).replace(/\s+/g, ' ') };
}

function nationalities(role: string): Set<string> {
  const out = new Set<string>();
  for (const w of role.split(/\s+/)) {
    const n = arNationality(foldKey(w));
    if (n) out.add(n);
  }
  return out;
}

/** Folded spellings of the roles each entity already has (one analysis). */
type Seen = Map<Entity, Set<string>>;

function addRole(seen: Seen, e: Entity, r: Role, latin: boolean): void {
  const k = foldKey(r.text.replace(/\s+/g, ''));
  let known = seen.get(e);
  if (!known) seen.set(e, (known = new Set()));
  if (known.has(k)) return;
  if (!latin && e.roles.length) {
    const mine = nationalities(r.text);
    if (mine.size) {
      const known = new Set(e.roles.flatMap((x) => [...nationalities(x.text)]));
      if (known.size && ![...mine].some((n) => known.has(n))) return;
    }
  }
  known.add(k);
  e.roles.push(r);
}

/** Fills `entities[*].roles` from the words around the person mentions. */
export function extractRoles(s: RoleScan): void {
  const { tokens, mentions, entities, text } = s;
  const personTok = new Int32Array(tokens.length).fill(-1);
  const persons = mentions.filter((m) => m.entity >= 0 && entities[m.entity].type === 'person').sort((a, b) => a.start - b.start);
  for (const m of persons) for (let i = m.t0; i < m.t1; i++) personTok[i] = m.entity;
  const nameTok = new Uint8Array(tokens.length);
  for (const m of mentions) if (m.entity >= 0 && entities[m.entity].type !== 'person') for (let i = m.t0; i < m.t1; i++) nameTok[i] = 1;
  const seen: Seen = new Map();
  const deputies: Array<{ m: (typeof persons)[number]; at: number; tok: number }> = [];
  for (let pi = 0; pi < persons.length; pi++) {
    const m = persons[pi];
    const e = entities[m.entity];
    const pre = m.latin ? enPreNominal(s, m, personTok) : arPreNominal(s, m, personTok, nameTok);
    if (pre.deputy !== undefined) deputies.push({ m, at: pi, tok: pre.deputy });
    // Nearest title first: it decides when a farther one contradicts it.
    for (let i = pre.roles.length - 1; i >= 0; i--) addRole(seen, e, pre.roles[i], m.latin);
    const app = appositive(s, m, personTok);
    if (app) addRole(seen, e, app, m.latin);
  }
  for (const e of entities) e.roles.sort((a, b) => a.start - b.start);
  for (const { m, at, tok } of deputies) {
    const t = tokens[tok];
    let possessor: Entity | undefined;
    for (let i = at - 1; i >= 0; i--) {
      const p = persons[i];
      if (tokens[p.t0].region !== t.region) break;
      if (p.entity !== m.entity && p.end <= t.start) {
        possessor = entities[p.entity];
        break;
      }
    }
    if (!possessor) continue;
    const base = possessor.roles[0];
    const e = entities[m.entity];
    if (m.latin) {
      addRole(seen, e, { start: t.start, end: t.end, text: base ? `deputy ${base.text}` : `deputy to ${possessor.name}` }, true);
    } else {
      const word = text.slice(t.start, t.end);
      const strip = /^[وف]/.test(t.key) ? 1 : 0;
      const start = t.start + (strip ? offsetAfterLetters(word, strip) : 0);
      addRole(seen, e, { start, end: t.end, text: `نائب ${base ? base.text : possessor.name}` }, false);
    }
    e.roles.sort((a, b) => a.start - b.start);
  }
}
