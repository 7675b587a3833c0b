/**
 * A pure cross-article index of names: for every article of the workspace, the spellings of its entities' name
 * parts. It answers two questions for the server (which feeds it from its background workspace scan):
 * - `acrossFindings(uri)`: `name.variant-across` (information) where this article spells a name unlike the
 *   workspace majority (counted in articles), with related locations in the other articles and a fix that rewrites
 *   every occurrence in this article to the majority spelling.
 * - `symbols(query)`: entities across articles (workspace symbols).
 *
 * Spellings are bucketed by a coarse phonetic key (transliteration classes, long vowels dropped) so a lookup
 * compares only against spellings that could be variants; each candidate is then confirmed by the matcher.
 * Memory: each article's name parts and entities are packed in typed arrays of ids of interned strings (spellings,
 * entity names), not one object each, and a bucket lists the articles using a spelling by number in a plain ascending
 * array, not a Set of URIs: for the first 3,000 files of the benchmark archive (143k parts, 81k entities, 125k
 * spelling-article pairs) the index took ~9 MB instead of ~24 MB (with a fifth field per part, the
 * entity's name, which nothing read and which is gone: 143k x 4 bytes less).
 * No I/O: the host adds, replaces and removes articles.
 */
import type { Article, EntityType, Finding, Language, TextEdit } from '../types';
import { bucketKey, foldName, mentionParts, tokenVariant, writtenSpelling, type MatchOptions } from './match';
import { NAME_TYPES } from './variants';

export const NAME_VARIANT_ACROSS = 'name.variant-across';

export interface WorkspaceSymbol {
  uri: string;
  name: string;
  type: EntityType;
  start: number;
  end: number;
}

/** A finding that also points into other articles (LSP relatedInformation with other URIs). */
export interface AcrossFinding extends Finding {
  relatedElsewhere: Array<{ uri: string; start: number; end: number; message: string }>;
}

/** One article, packed (see the header). */
interface ArticleEntry {
  uri: string;
  /** Never reused: the buckets list articles by number, in the order they were set. */
  no: number;
  language: Language;
  /** PART_FIELDS per name part: spelling id, start, end, type code. */
  parts: Int32Array;
  /** ENTITY_FIELDS per entity: name id, type code, first mention start, end. */
  entities: Int32Array;
}

const PART_FIELDS = 4;
const ENTITY_FIELDS = 4;

export { bucketKey } from './match';

export class WorkspaceNameIndex {
  private articles = new Map<string, ArticleEntry>();
  /** language + type + bucket -> spelling id -> numbers of the articles using it (ascending, no repeats). */
  private buckets = new Map<string, Map<number, number[]>>();
  private byNo = new Map<number, ArticleEntry>();
  private nextNo = 0;
  /**
   * Spellings and entity names, one id each (kept while the index lives: a workspace has a few thousand distinct ones,
   * and a deleted article's strings are usually another's).
   */
  private strings: string[] = [];
  private stringIds = new Map<string, number>();
  private types: EntityType[] = [];

  constructor(private readonly opts: MatchOptions = {}) {}

  get size(): number {
    return this.articles.size;
  }

  has(uri: string): boolean {
    return this.articles.has(uri);
  }

  private id(s: string): number {
    let i = this.stringIds.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, i);
    }
    return i;
  }

  private typeCode(t: EntityType): number {
    let i = this.types.indexOf(t);
    if (i < 0) i = this.types.push(t) - 1;
    return i;
  }

  /** Add or replace an article (its entities as analyzed). */
  set(uri: string, article: Pick<Article, 'language' | 'entities'>): void {
    this.delete(uri);
    const lang = article.language;
    const parts: number[] = [];
    const entities: number[] = [];
    for (const e of article.entities) {
      if (!NAME_TYPES.includes(e.type) || e.mentions.length === 0) continue;
      const name = this.id(e.name);
      const type = this.typeCode(e.type);
      entities.push(name, type, e.mentions[0].start, e.mentions[0].end);
      for (const m of e.mentions)
        for (const p of mentionParts(m, lang)) if (/\p{L}{2}/u.test(p.text)) parts.push(this.id(p.text), p.start, p.end, type);
    }
    const entry: ArticleEntry = { uri, no: this.nextNo++, language: lang, parts: Int32Array.from(parts), entities: Int32Array.from(entities) };
    this.articles.set(uri, entry);
    this.byNo.set(entry.no, entry);
    for (let i = 0; i < entry.parts.length; i += PART_FIELDS) {
      const text = entry.parts[i];
      const k = this.key(lang, this.types[entry.parts[i + 3]], this.strings[text]);
      let b = this.buckets.get(k);
      if (!b) this.buckets.set(k, (b = new Map()));
      const nos = b.get(text);
      // This article's number is the largest yet: appending keeps the list ascending.
      if (!nos) b.set(text, [entry.no]);
      else if (nos[nos.length - 1] !== entry.no) nos.push(entry.no);
    }
  }

  delete(uri: string): void {
    const old = this.articles.get(uri);
    if (!old) return;
    this.articles.delete(uri);
    this.byNo.delete(old.no);
    for (let i = 0; i < old.parts.length; i += PART_FIELDS) {
      const text = old.parts[i];
      const k = this.key(old.language, this.types[old.parts[i + 3]], this.strings[text]);
      const b = this.buckets.get(k);
      const nos = b?.get(text);
      const at = nos ? indexOf(nos, old.no) : -1;
      if (at >= 0) nos!.splice(at, 1);
      if (nos && nos.length === 0) b!.delete(text);
      if (b && b.size === 0) this.buckets.delete(k);
    }
  }

  private key(lang: Language, type: EntityType, text: string): string {
    return `${lang}\u0000${type}\u0000${bucketKey(text, lang)}`;
  }

  /**
   * `name.variant-across` for the article at `uri` (it must have been `set`): for each spelling this article
   * uses that other articles spell differently, when the other spelling is used by more articles (at least two).
   * One finding at the first occurrence of the spelling; its fix rewrites every occurrence in this article.
   */
  acrossFindings(uri: string): AcrossFinding[] {
    const entry = this.articles.get(uri);
    if (!entry) return [];
    const lang = entry.language;
    const out: AcrossFinding[] = [];
    // The offsets in entry.parts of each spelling's occurrences, by type and spelling id (in order of first use).
    const p = entry.parts;
    const bySpelling = new Map<string, number[]>();
    for (let i = 0; i < p.length; i += PART_FIELDS) {
      const k = `${p[i + 3]} ${p[i]}`;
      const l = bySpelling.get(k);
      if (l) l.push(i);
      else bySpelling.set(k, [i]);
    }
    for (const occ of bySpelling.values()) {
      const first = occ[0];
      const mineId = p[first];
      const mine = this.strings[mineId];
      const bucket = this.buckets.get(this.key(lang, this.types[p[first + 3]], mine));
      if (!bucket) continue;
      const myCount = bucket.get(mineId)?.length ?? 1;
      let best: { text: string; id: number; nos: number[] } | undefined;
      for (const [id, nos] of bucket) {
        if (id === mineId || nos.length < 2 || nos.length <= myCount || indexOf(nos, entry.no) >= 0) continue;
        const text = this.strings[id];
        if (!tokenVariant(mine, text, lang, this.opts)) continue;
        if (!best || nos.length > best.nos.length) best = { text, id, nos };
      }
      if (!best) continue;
      const elsewhere: AcrossFinding['relatedElsewhere'] = [];
      const others = best.nos.map((n) => this.byNo.get(n)!).sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
      for (const { uri: u, parts: q } of others.slice(0, 5)) {
        for (let i = 0; i < q.length; i += PART_FIELDS) {
          if (q[i] !== best.id) continue;
          elsewhere.push({ uri: u, start: q[i + 1], end: q[i + 2], message: `'${best.text}' in this article` });
          break;
        }
      }
      const edits: TextEdit[] = occ.map((i) => ({ start: p[i + 1], end: p[i + 2], newText: writtenSpelling(mine, p[i + 1], p[i + 2], best!.text) }));
      out.push({
        code: NAME_VARIANT_ACROSS,
        severity: 'information',
        start: p[first + 1],
        end: p[first + 2],
        message: `'${mine}' (${myCount} article${myCount === 1 ? '' : 's'}) is spelled '${best.text}' in ${best.nos.length} other articles of the workspace.`,
        related: [],
        relatedElsewhere: elsewhere,
        fixes: [{ title: `Use the workspace spelling '${best.text}' (${occ.length}× in this article)`, edits, preferred: true }],
        data: { spelling: mine, majority: best.text, articles: best.nos.length, folded: foldName(mine, lang) },
      });
    }
    return out.sort((a, b) => a.start - b.start);
  }

  /** Entities across articles whose canonical name contains the query (orthographic fold; empty query: all). */
  symbols(query: string, limit = 500): WorkspaceSymbol[] {
    const out: WorkspaceSymbol[] = [];
    for (const a of this.articles.values()) {
      const q = foldName(query, a.language);
      const es = a.entities;
      for (let i = 0; i < es.length; i += ENTITY_FIELDS) {
        const name = this.strings[es[i]];
        if (q && !foldName(name, a.language).includes(q)) continue;
        out.push({ uri: a.uri, name, type: this.types[es[i + 1]], start: es[i + 2], end: es[i + 3] });
        if (out.length >= limit) return out;
      }
    }
    return out;
  }
}

/** Where `n` is in the ascending list `nos`, or -1. */
function indexOf(nos: readonly number[], n: number): number {
  let lo = 0;
  let hi = nos.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (nos[mid] < n) lo = mid + 1;
    else if (nos[mid] > n) hi = mid - 1;
    else return mid;
  }
  return -1;
}
