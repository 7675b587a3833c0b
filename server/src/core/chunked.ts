/**
 * Analysis of a very large text piece by piece, so that a caller (the language server, the CLI) can yield between
 * pieces, report progress, abandon a run that is no longer wanted, and keep memory bounded by the size of one piece.
 *
 * - `cutPieces` cuts a text into pieces of at most `maxChars` UTF-16 units, preferring, within the last half of
 *   each window, a paragraph break, then a line break, then a sentence end followed by white space, then any white
 *   space; a text with none of these (one enormous "word") is cut at `maxChars`, moved back one unit when that would
 *   split a surrogate pair. Pieces cover the text exactly, in order.
 * - `ChunkedAnalysis` runs `analyze` on one piece per `step()` and merges the pieces into one Article with offsets
 *   into the whole text: the headline, dateline, front matter and publication date come from the first piece;
 *   later pieces are analyzed behind a one-character placeholder headline (so their first line is not taken for a
 *   headline) with the first piece's publication date, and nothing found in the placeholder is kept. Entities with
 *   the same id in several pieces become one entity (mentions and roles merged in order); a paragraph cut in two by
 *   a piece boundary inside a line is joined again.
 * - What compares distant parts of the article sees one piece at a time: `name.variant` and other within-article
 *   consistency findings are per piece, and `name.first-mention` is kept only for an entity's first piece. Texts
 *   small enough to be one piece give exactly `analyze`'s answer.
 * - Re-analysis of an edited text (the server): `PieceAnalyzers` keeps one `Analyzer` per piece position across
 *   versions, so a piece whose text (and options) did not change returns its previous Article at once, and the
 *   changed piece is re-analyzed incrementally. Pieces are cut relative to their start, so an edit inside one piece
 *   leaves the later pieces' texts as they were (unless it moves that piece's cut); the merged Article is exactly
 *   the one a fresh run gives, since an Analyzer returns what `analyze` returns.
 */
import { Analyzer, analyze, type AnalyzeOptions } from './analyze';
import type { Resources } from './resources';
import type { Article, DateMention, Entity, Finding, Paragraph, Quotation } from './types';

export interface Piece {
  start: number;
  end: number;
}

/**
 * Pieces a default server or CLI run uses: 32k UTF-16 units (~5k words). Measured on a 20 MB single-line text:
 * ~24 ms CPU a piece (p50 57 ms wall on a loaded 2-core machine); 100k-unit pieces took ~106 ms CPU, p50 163 ms.
 */
export const DEFAULT_PIECE_CHARS = 32_000;

const SENTENCE_END = /[.!?؟۔。…]/;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x2028 || c === 0x2029 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000;
}

/** Where to end a piece that starts at `start` (exclusive end), for a text longer than `start + maxChars`. */
function cutAt(text: string, start: number, maxChars: number): number {
  const hi = start + maxChars;
  const lo = start + Math.max(1, maxChars >> 1);
  // 1. a paragraph break (blank line), 2. a line break
  const para = text.lastIndexOf('\n\n', hi - 2);
  if (para >= lo) return para + 2;
  const line = text.lastIndexOf('\n', hi - 1);
  if (line >= lo) return line + 1;
  // 3. a sentence end followed by white space, 4. any white space
  let space = -1;
  for (let i = hi - 1; i >= lo; i--) {
    const c = text.charCodeAt(i);
    if (!isSpace(c)) continue;
    if (space < 0) space = i + 1;
    if (i > 0 && SENTENCE_END.test(text[i - 1])) return i + 1;
  }
  if (space >= 0) return space;
  // 5. anywhere, but never between the two halves of a surrogate pair
  let cut = hi;
  const before = text.charCodeAt(cut - 1);
  if (before >= 0xd800 && before <= 0xdbff && cut - 1 > start) cut--;
  return cut;
}

export function cutPieces(text: string, maxChars: number = DEFAULT_PIECE_CHARS): Piece[] {
  if (!(maxChars >= 2)) throw new RangeError('maxChars must be at least 2');
  const pieces: Piece[] = [];
  let start = 0;
  while (text.length - start > maxChars) {
    const end = cutAt(text, start, maxChars);
    pieces.push({ start, end });
    start = end;
  }
  pieces.push({ start, end: text.length });
  return pieces;
}

/**
 * Texts longer than this many UTF-16 units (~50k words) are analyzed piece by piece by the server (yielding between
 * pieces) and the CLI; shorter ones whole, by `analyze`.
 */
export const PIECEWISE_ABOVE = 300_000;

/** The placeholder headline put before every piece but the first. */
const HEAD = '\u2026\n';

const FIRST_MENTION = 'name.first-mention';

/**
 * One `Analyzer` per piece position, kept across the versions of one document (see the module comment). Bounded: as
 * many Analyzers as the last run had pieces.
 */
export class PieceAnalyzers {
  private readonly byPiece: Analyzer[] = [];

  /** The Analyzer of piece `k` of a run of `count` pieces (those beyond `count` are dropped). */
  at(k: number, count: number): Analyzer {
    if (this.byPiece.length > count) this.byPiece.length = count;
    return (this.byPiece[k] ??= new Analyzer());
  }
}

export class ChunkedAnalysis {
  readonly pieces: Piece[];
  private next = 0;
  private readonly entities = new Map<string, Entity>();
  private readonly entityOrder: Entity[] = [];
  private readonly dates: DateMention[] = [];
  private readonly diagnostics: Finding[] = [];
  private readonly paragraphs: Paragraph[] = [];
  private readonly quotations: Quotation[] = [];
  private first?: Article;
  private snapshot?: Article;

  constructor(
    readonly text: string,
    private readonly options: AnalyzeOptions = {},
    private readonly resources: Resources = {},
    maxChars: number = DEFAULT_PIECE_CHARS,
    /** Re-analysis of an edited document: the previous version's pieces are reused (same result). */
    private readonly analyzers?: PieceAnalyzers,
  ) {
    this.pieces = cutPieces(text, maxChars);
  }

  private analyzePiece(k: number, text: string, options: AnalyzeOptions): Article {
    return this.analyzers ? this.analyzers.at(k, this.pieces.length).analyze(text, options, this.resources) : analyze(text, options, this.resources);
  }

  /** Pieces analyzed so far. */
  get done(): number {
    return this.next;
  }

  get finished(): boolean {
    return this.next >= this.pieces.length;
  }

  /** Analyze the next piece; returns true when every piece is done. */
  step(): boolean {
    if (this.finished) return true;
    const k = this.next;
    const p = this.pieces[k];
    const slice = this.text.slice(p.start, p.end);
    if (k === 0) {
      const a = this.analyzePiece(k, slice, this.options);
      this.first = a;
      this.add(a, 0, 0, true);
    } else {
      const pub = this.first?.publicationDate?.value;
      const a = this.analyzePiece(k, HEAD + slice, { ...this.options, ...(pub ? { publicationDate: pub } : {}) });
      this.add(a, p.start - HEAD.length, HEAD.length, false);
    }
    this.next++;
    this.snapshot = undefined;
    return this.finished;
  }

  /** Every remaining piece at once. */
  run(): Article {
    while (!this.step());
    return this.result();
  }

  /**
   * The Article of the pieces done so far (offsets into the whole text). Between steps the same object is returned;
   * a step makes a new one.
   */
  result(): Article {
    if (this.snapshot) return this.snapshot;
    const first = this.first;
    const paragraphs = this.paragraphs.map((p, i) => ({ ...p, index: i + 1 }));
    const article: Article = {
      text: this.text,
      language: first?.language ?? 'en',
      structure: {
        ...(first?.structure.headline ? { headline: first.structure.headline } : {}),
        ...(first?.structure.dateline ? { dateline: first.structure.dateline } : {}),
        ...(first?.structure.frontMatter ? { frontMatter: first.structure.frontMatter } : {}),
        paragraphs,
        quotations: this.quotations.slice(),
      },
      entities: this.entityOrder.slice(),
      dates: this.dates.slice(),
      ...(first?.publicationDate ? { publicationDate: first.publicationDate } : {}),
      diagnostics: this.diagnostics.slice(),
    };
    return (this.snapshot = article);
  }

  /** Merge one piece's Article: offsets shifted by `shift`; anything starting before `skip` (the placeholder) dropped. */
  private add(a: Article, shift: number, skip: number, isFirst: boolean): void {
    const keep = (s: { start: number }) => s.start >= skip;
    const mv = <T extends { start: number; end: number }>(s: T): T => ({ ...s, start: s.start + shift, end: s.end + shift });
    // Paragraphs: join the two halves of a paragraph cut inside a line.
    const paras = a.structure.paragraphs.filter(keep).map(mv);
    const prev = this.paragraphs[this.paragraphs.length - 1];
    if (prev && paras.length && !/[\n\r]/.test(this.text.slice(prev.end, paras[0].start))) {
      prev.end = paras[0].end;
      paras.shift();
    }
    this.paragraphs.push(...paras);
    this.quotations.push(...a.structure.quotations.filter(keep).map(mv));
    this.dates.push(...a.dates.filter(keep).map(mv));
    const seenBefore = new Set<string>();
    for (const e of a.entities) {
      const mentions = e.mentions.filter(keep).map(mv);
      if (mentions.length === 0) continue;
      const roles = e.roles.filter(keep).map(mv);
      const have = this.entities.get(e.id);
      if (have) {
        seenBefore.add(e.id);
        have.mentions.push(...mentions);
        have.roles.push(...roles);
      } else {
        const merged: Entity = { ...e, mentions, roles };
        this.entities.set(e.id, merged);
        this.entityOrder.push(merged);
      }
    }
    for (const f of a.diagnostics) {
      if (!keep(f)) continue;
      if (!isFirst && f.code === FIRST_MENTION) {
        const id = (f.data as { entity?: string } | undefined)?.entity;
        if (id && seenBefore.has(id)) continue;
      }
      this.diagnostics.push({
        ...f,
        start: f.start + shift,
        end: f.end + shift,
        related: f.related.map(mv),
        fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map(mv) })),
      });
    }
  }
}

/** Analyze `text` piece by piece in one go (no yielding): same merge as `ChunkedAnalysis`. */
export function analyzeChunked(text: string, options: AnalyzeOptions = {}, resources: Resources = {}, maxChars: number = DEFAULT_PIECE_CHARS): Article {
  return new ChunkedAnalysis(text, options, resources, maxChars).run();
}

/** `analyze` for texts up to PIECEWISE_ABOVE units, `analyzeChunked` above (what the CLI uses for every file). */
export function analyzeBounded(text: string, options: AnalyzeOptions = {}, resources: Resources = {}): Article {
  return text.length > PIECEWISE_ABOVE ? analyzeChunked(text, options, resources) : analyze(text, options, resources);
}
