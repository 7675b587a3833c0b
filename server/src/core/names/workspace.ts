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
 * No I/O: the host adds, replaces and removes articles.
 */
import type { Article, EntityType, Finding, Language, TextEdit } from '../types';
import { bucketKey, foldName, mentionParts, tokenVariant, writtenSpelling, type MatchOptions } from './match';
import { NAME_TYPES } from './variants';

export const NAME_VARIANT_ACROSS = 'name.variant-across';

export interface IndexedNamePart {
  text: string;
  start: number;
  end: number;
  type: EntityType;
  /** Canonical name of the entity this part belongs to. */
  entity: string;
}

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

interface ArticleEntry {
  uri: string;
  language: Language;
  parts: IndexedNamePart[];
  entities: Array<{ name: string; type: EntityType; start: number; end: number }>;
}

export { bucketKey } from './match';

export class WorkspaceNameIndex {
  private articles = new Map<string, ArticleEntry>();
  /** language + type + bucket -> spelling -> uris. */
  private buckets = new Map<string, Map<string, Set<string>>>();

  constructor(private readonly opts: MatchOptions = {}) {}

  get size(): number {
    return this.articles.size;
  }

  has(uri: string): boolean {
    return this.articles.has(uri);
  }

  /** Add or replace an article (its entities as analyzed). */
  set(uri: string, article: Pick<Article, 'language' | 'entities'>): void {
    this.delete(uri);
    const lang = article.language;
    const parts: IndexedNamePart[] = [];
    const entities: ArticleEntry['entities'] = [];
    for (const e of article.entities) {
      if (!NAME_TYPES.includes(e.type) || e.mentions.length === 0) continue;
      entities.push({ name: e.name, type: e.type, start: e.mentions[0].start, end: e.mentions[0].end });
      for (const m of e.mentions)
        for (const p of mentionParts(m, lang))
          if (/\p{L}{2}/u.test(p.text)) parts.push({ text: p.text, start: p.start, end: p.end, type: e.type, entity: e.name });
    }
    const entry: ArticleEntry = { uri, language: lang, parts, entities };
    this.articles.set(uri, entry);
    for (const p of parts) {
      const k = this.key(lang, p.type, p.text);
      let b = this.buckets.get(k);
      if (!b) this.buckets.set(k, (b = new Map()));
      let uris = b.get(p.text);
      if (!uris) b.set(p.text, (uris = new Set()));
      uris.add(uri);
    }
  }

  delete(uri: string): void {
    const old = this.articles.get(uri);
    if (!old) return;
    this.articles.delete(uri);
    for (const p of old.parts) {
      const k = this.key(old.language, p.type, p.text);
      const b = this.buckets.get(k);
      const uris = b?.get(p.text);
      uris?.delete(uri);
      if (uris && uris.size === 0) b!.delete(p.text);
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
    const bySpelling = new Map<string, IndexedNamePart[]>();
    for (const p of entry.parts) {
      const l = bySpelling.get(`${p.type}\u0000${p.text}`);
      if (l) l.push(p);
      else bySpelling.set(`${p.type}\u0000${p.text}`, [p]);
    }
    for (const occ of bySpelling.values()) {
      const mine = occ[0];
      const bucket = this.buckets.get(this.key(lang, mine.type, mine.text));
      if (!bucket) continue;
      const myCount = bucket.get(mine.text)?.size ?? 1;
      let best: { text: string; uris: Set<string> } | undefined;
      for (const [text, uris] of bucket) {
        if (text === mine.text || uris.has(uri) || uris.size < 2 || uris.size <= myCount) continue;
        if (!tokenVariant(mine.text, text, lang, this.opts)) continue;
        if (!best || uris.size > best.uris.size) best = { text, uris };
      }
      if (!best) continue;
      const elsewhere: AcrossFinding['relatedElsewhere'] = [];
      for (const u of [...best.uris].sort().slice(0, 5)) {
        const p = this.articles.get(u)?.parts.find((x) => x.text === best!.text);
        if (p) elsewhere.push({ uri: u, start: p.start, end: p.end, message: `'${best.text}' in this article` });
      }
      const edits: TextEdit[] = occ.map((p) => ({ start: p.start, end: p.end, newText: writtenSpelling(p.text, p.start, p.end, best!.text) }));
      out.push({
        code: NAME_VARIANT_ACROSS,
        severity: 'information',
        start: mine.start,
        end: mine.end,
        message: `'${mine.text}' (${myCount} article${myCount === 1 ? '' : 's'}) is spelled '${best.text}' in ${best.uris.size} other articles of the workspace.`,
        related: [],
        relatedElsewhere: elsewhere,
        fixes: [{ title: `Use the workspace spelling '${best.text}' (${occ.length}× in this article)`, edits, preferred: true }],
        data: { spelling: mine.text, majority: best.text, articles: best.uris.size, folded: foldName(mine.text, lang) },
      });
    }
    return out.sort((a, b) => a.start - b.start);
  }

  /** Entities across articles whose canonical name contains the query (orthographic fold; empty query: all). */
  symbols(query: string, limit = 500): WorkspaceSymbol[] {
    const out: WorkspaceSymbol[] = [];
    for (const a of this.articles.values()) {
      const q = foldName(query, a.language);
      for (const e of a.entities) {
        if (q && !foldName(e.name, a.language).includes(q)) continue;
        out.push({ uri: a.uri, name: e.name, type: e.type, start: e.start, end: e.end });
        if (out.length >= limit) return out;
      }
    }
    return out;
  }
}
