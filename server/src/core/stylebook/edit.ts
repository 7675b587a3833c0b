/**
 * Editing a style book file's text: 'Add Spelling to Style Book' (from a selection or a name.variant quick fix).
 * Pure: text in, text out; the host writes the file. YAML keeps its comments and layout (yaml Document API);
 * JSON is re-serialized with two-space indentation (JSON has no comments to keep).
 */
import { isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { guessLanguage } from './model';
import { jsonSyntaxError } from './parse';

export interface AddSpelling {
  preferred: string;
  /** A variant to record under `preferred` (optional: adding only a preferred spelling is allowed). */
  variant?: string;
  language?: 'ar' | 'en';
  note?: string;
}

export type EditResult = { text: string } | { error: string };

/** Add a preferred spelling (and a variant of it) to a style book's text; an empty text starts a new book. */
export function addToStylebook(text: string, format: 'json' | 'yaml', add: AddSpelling): EditResult {
  const preferred = add.preferred.normalize('NFC').trim();
  const variant = add.variant?.normalize('NFC').trim();
  if (!preferred) return { error: 'The preferred spelling is empty.' };
  if (variant === preferred) return { error: 'The variant is the preferred spelling.' };
  if (format === 'json') {
    let obj: { names?: Array<Record<string, unknown>> } & Record<string, unknown> = { names: [] };
    if (text.trim()) {
      const err = jsonSyntaxError(text);
      if (err) return { error: `The style book is not valid JSON (${err.message}); fix it first.` };
      const parsed = JSON.parse(text) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { error: 'The style book is not a JSON object.' };
      obj = parsed as typeof obj;
      if (obj.names === undefined) obj.names = [];
      if (!Array.isArray(obj.names)) return { error: '"names" is not a list.' };
    }
    const names = obj.names!;
    let entry = names.find((e) => e && typeof e === 'object' && e.preferred === preferred);
    if (!entry) {
      entry = { preferred, variants: [] as string[], ...(add.language ? { language: add.language } : {}), ...(add.note ? { note: add.note } : {}) };
      names.push(entry);
    }
    if (variant) {
      const vs = Array.isArray(entry.variants) ? (entry.variants as unknown[]) : (entry.variants = []);
      if (!vs.includes(variant)) vs.push(variant);
    }
    return { text: JSON.stringify(obj, null, 2) + '\n' };
  }
  const doc = parseDocument(text.trim() ? text : 'names: []\n');
  if (doc.errors.length) return { error: `The style book is not valid YAML (${doc.errors[0].message.split('\n')[0]}); fix it first.` };
  if (!isMap(doc.contents)) return { error: 'The style book is not a YAML mapping.' };
  let names = doc.get('names', true) as YAMLSeq | undefined;
  if (names === undefined || (names as unknown) === null) {
    doc.set('names', doc.createNode([]));
    names = doc.get('names', true) as YAMLSeq;
  }
  if (!isSeq(names)) return { error: '"names" is not a list.' };
  let entry = names.items.find((e) => isMap(e) && (e as YAMLMap).get('preferred') === preferred) as YAMLMap | undefined;
  if (!entry) {
    const lang = add.language ?? (guessLanguage(preferred) === guessLanguage(variant ?? preferred) ? undefined : guessLanguage(preferred));
    names.add(doc.createNode({ preferred, variants: [], ...(lang ? { language: lang } : {}), ...(add.note ? { note: add.note } : {}) }));
    entry = names.items[names.items.length - 1] as YAMLMap;
  }
  if (variant) {
    let vs = entry.get('variants', true) as unknown as YAMLSeq | undefined;
    if (!vs || !isSeq(vs)) {
      entry.set('variants', doc.createNode([]));
      vs = entry.get('variants', true) as unknown as YAMLSeq;
    }
    if (!vs.items.some((x) => String((x as { value?: unknown }).value ?? x) === variant)) vs.add(variant);
  }
  return { text: doc.toString() };
}
