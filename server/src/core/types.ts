/**
 * The Article model: what the pure core computes for one text, read by every feature
 * (server, CLI, tests, benchmarks). No `vscode` or LSP imports anywhere under `core/`.
 *
 * Offsets are UTF-16 code units (JavaScript string indices) into the text as given; `end` is exclusive.
 */

export interface Span {
  start: number;
  end: number;
}

export type Language = 'ar' | 'en';
export type EntityType = 'person' | 'organization' | 'location' | 'date' | 'misc';
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A Gregorian calendar day; month is 1..12. */
export interface DateValue {
  year: number;
  month: number;
  day: number;
}

/** One mention of an entity. The span excludes attached clitics (و، ب، ل، ال…): `ولافروف` -> `لافروف`. */
export interface Mention extends Span {
  text: string;
}

/** A role or title the article gives an entity ('وزير الخارجية الروسي', 'Foreign Minister'). */
export interface Role extends Span {
  text: string;
}

export interface Entity {
  /** Stable within one analysis: type + canonical name. */
  id: string;
  type: EntityType;
  /** Canonical name: the fullest form seen. */
  name: string;
  /** In document order. */
  mentions: Mention[];
  /** Roles in document order (may be empty). */
  roles: Role[];
}

export type DateKind = 'absolute' | 'hijri' | 'weekday' | 'relative' | 'month' | 'year';

/** A date expression found in the text, resolved to a day where possible. */
export interface DateMention extends Span {
  text: string;
  kind: DateKind;
  /** The Gregorian day this expression denotes, when it can be resolved. */
  value?: DateValue;
  /** Weekday named in the expression itself, 0 = Sunday … 6 = Saturday. */
  weekday?: number;
  /** Why `value` is missing (e.g. no publication date for a relative expression). */
  unresolved?: string;
}

export interface TextEdit extends Span {
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor should offer first ("preferred" in LSP terms). */
  preferred?: boolean;
}

export interface RelatedInfo extends Span {
  message: string;
}

/**
 * A finding of a check. `code` is stable and part of the CLI contract (`name.variant`, `date.weekday-mismatch`).
 * `fixes` are computed with the finding, so code actions never need a cache.
 */
export interface Finding extends Span {
  code: string;
  severity: Severity;
  message: string;
  related: RelatedInfo[];
  fixes: Fix[];
  /** Extra data a feature may need (e.g. the entity id). Must be JSON-serializable. */
  data?: unknown;
}

export interface Headline extends Span {
  text: string;
}

export interface Dateline extends Span {
  text: string;
  /** The place named by the dateline, if any ('موسكو', 'MOSCOW'). */
  place?: Span & { text: string };
  /** The date given by the dateline, if any. */
  date?: DateValue;
}

export interface Paragraph extends Span {
  /** 1-based index in the body (headline excluded). */
  index: number;
}

export interface Quotation extends Span {
  /** The opening mark: « " “ */
  open: string;
}

export interface Structure {
  headline?: Headline;
  dateline?: Dateline;
  /** YAML front matter, if the article starts with one. */
  frontMatter?: Span & { fields: Record<string, string> };
  paragraphs: Paragraph[];
  quotations: Quotation[];
}

export type PublicationDateSource = 'option' | 'front-matter' | 'dateline' | 'file-name';

export interface PublicationDate {
  value: DateValue;
  source: PublicationDateSource;
  span?: Span;
}

export interface Article {
  text: string;
  language: Language;
  structure: Structure;
  entities: Entity[];
  dates: DateMention[];
  publicationDate?: PublicationDate;
  diagnostics: Finding[];
}
