/**
 * Shared between client and server: command ids, custom requests and setting names.
 * Palette commands are `articleLens.verbNoun`; internal ones `_articleLens.*`.
 */
export const Commands = {
  showReport: 'articleLens.showReport',
  setPublicationDate: 'articleLens.setPublicationDate',
  fixAllNameVariants: 'articleLens.fixAllNameVariants',
  exportEntities: 'articleLens.exportEntities',
  addToStylebook: 'articleLens.addToStylebook',
  checkWorkspace: 'articleLens.checkWorkspace',
  restartServer: 'articleLens.restartServer',
  showOutput: 'articleLens.showOutput',
} as const;

/** Custom requests (client -> server). */
export const Requests = {
  /** Params: { uri }. Result: ArticleSummary | null. */
  articleSummary: 'articleLens/articleSummary',
  /** Params: { uri }. Result: EntityReport | null (the report webview and 'Export Entities'). */
  entityReport: 'articleLens/entityReport',
  /** Params: { uri }. Result: FixAllResult | null: the edits of 'Fix All Name Variants' for the current version. */
  fixAll: 'articleLens/fixAll',
  /** Params: CheckWorkspaceParams (with a workDoneToken). Result: CheckWorkspaceResult. Diagnostics go to Problems. */
  checkWorkspace: 'articleLens/checkWorkspace',
} as const;

/** Custom notifications (client -> server). */
export const Notifications = {
  /** Params: { trusted }. The workspace trust changed (the style book and indexing follow it). */
  trust: 'articleLens/trust',
} as const;

/** `initializationOptions` the VS Code client sends (other editors send none: everything on). */
export interface InitializationOptions {
  /** VS Code workspace trust; untrusted: no style book, no workspace indexing. Default true. */
  trusted?: boolean;
  /** The client renders HTML in hover Markdown (VS Code with `markdown.supportHtml`): Arabic cards get an RTL wrapper. */
  htmlHover?: boolean;
}

export interface ReportMention {
  start: number;
  end: number;
  line: number;
  character: number;
  text: string;
}

export interface ReportEntity {
  id: string;
  type: 'person' | 'organization' | 'location' | 'date' | 'misc';
  name: string;
  spellings: string[];
  roles: string[];
  mentions: ReportMention[];
}

export interface ReportDate extends ReportMention {
  kind: string;
  /** yyyy-mm-dd when resolved. */
  iso?: string;
  /** The long date in the article's language. */
  label?: string;
  unresolved?: string;
}

export interface EntityReport {
  uri: string;
  version: number;
  language: 'ar' | 'en';
  headline?: string;
  publicationDate?: string;
  entities: ReportEntity[];
  /** Resolved and unresolved date expressions in document order. */
  dates: ReportDate[];
}

export interface FixAllResult {
  version: number;
  edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>;
}

export interface CheckWorkspaceParams {
  workDoneToken?: string | number;
}

export interface CheckWorkspaceResult {
  files: number;
  diagnostics: number;
  skipped: number;
  cancelled: boolean;
  /** Why nothing was checked (untrusted workspace, no folder). */
  reason?: string;
}

export interface ArticleSummaryParams {
  uri: string;
}

export interface ArticleSummary {
  uri: string;
  language: 'ar' | 'en';
  entityCount: number;
  diagnosticCount: number;
  publicationDate?: string;
}

/** The settings section the server reads (`articleLens.*`). */
export interface Settings {
  languages: string[];
  publicationDate: string;
  diagnostics: Record<string, string>;
  semanticHighlighting: boolean;
  inlayHints: boolean;
  stylebookPath: string;
  maxFileSizeKB: number;
  /** Background workspace indexing (workspace symbols, name.variant-across). */
  workspaceIndex: { enabled: boolean; include: string[]; exclude: string[]; maxFiles: number };
}

export const defaultSettings: Settings = {
  languages: ['article', 'plaintext', 'markdown'],
  publicationDate: '',
  diagnostics: {},
  semanticHighlighting: true,
  inlayHints: true,
  stylebookPath: '.article-lens/stylebook.json',
  maxFileSizeKB: 2048,
  workspaceIndex: {
    enabled: true,
    include: ['**/*.article', '**/*.news', '**/seeds/**/*.txt', '**/articles/**/*.{txt,md}'],
    exclude: ['**/node_modules/**', '**/.git/**', '**/dist/**'],
    maxFiles: 5000,
  },
};
