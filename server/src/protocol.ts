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
} as const;

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
}

export const defaultSettings: Settings = {
  languages: ['article', 'plaintext', 'markdown'],
  publicationDate: '',
  diagnostics: {},
  semanticHighlighting: true,
  inlayHints: true,
  stylebookPath: '.article-lens/stylebook.json',
  maxFileSizeKB: 2048,
};
