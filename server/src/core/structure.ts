/**
 * The article's structure: front matter, headline (first non-empty line), dateline, paragraphs, quotations.
 * Pure and linear in the length of the text.
 */
import type { Dateline, Headline, Paragraph, Quotation, Span, Structure } from './types';

interface Line extends Span {
  text: string;
}

/** Lines of the text with their offsets (the line break excluded; CRLF, LF and CR all end a line). */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  if (text.indexOf('\r') < 0) {
    // Only \n ends a line (most texts): found by indexOf, not read character by character.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
      lines.push({ start, end: i, text: text.slice(start, i) });
      start = i + 1;
    }
    lines.push({ start, end: text.length, text: text.slice(start) });
    return lines;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push({ start, end: i, text: text.slice(start, i) });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lines.push({ start, end: text.length, text: text.slice(start) });
  return lines;
}

const BLANK = /^[\s\u200e\u200f\ufeff]*$/;

function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && /[\s\u200e\u200f\ufeff]/.test(text[start])) start++;
  while (end > start && /[\s\u200e\u200f\ufeff]/.test(text[end - 1])) end--;
  return { start, end };
}

function parseFrontMatter(text: string, lines: Line[]): { fm?: Structure['frontMatter']; next: number } {
  const first = lines[0]?.text.replace(/^\ufeff/, '');
  if (first !== '---') return { next: 0 };
  for (let i = 1; i < Math.min(lines.length, 200); i++) {
    if (lines[i].text === '---' || lines[i].text === '...') {
      const fields: Record<string, string> = {};
      for (let j = 1; j < i; j++) {
        const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(lines[j].text);
        if (m) fields[m[1].toLowerCase()] = m[2].trim().replace(/^["']|["']$/g, '');
      }
      return { fm: { start: 0, end: lines[i].end, fields }, next: i + 1 };
    }
  }
  return { next: 0 };
}

/**
 * Datelines: 'موسكو: …', 'موسكو - …', 'MOSCOW, Nov 30 (Reuters) - …', 'LONDON — …'.
 * Only the start of the first body paragraph is looked at. The date inside is read by the dates module.
 */
const AR_DATELINE = /^([\u0621-\u064A\u0660-\u0669]+(?: [\u0621-\u064A]+){0,2})(?:\s*[،,]\s*([^:\n\-–—]{1,40}?))?\s*(?::|\s[-–—]\s)/u;
const EN_DATELINE = /^([A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,2})(?:,\s*([^\n\-–—(]{1,40}?))?\s*(\([^)\n]{1,40}\)\s*)?(?:[-–—]{1,2}|:)\s/u;

function parseDateline(text: string, para: Span): Dateline | undefined {
  const s = text.slice(para.start, Math.min(para.end, para.start + 120));
  let m = EN_DATELINE.exec(s);
  if (!m) {
    m = AR_DATELINE.exec(s);
    // An Arabic paragraph that opens with a verb of saying ('قال', 'وأكد') before a colon is not a dateline.
    if (m && /^(?:و|ف)?(?:قال|أكد|اكد|أضاف|اضاف|أوضح|تابع|أردف)/.test(m[1])) m = null;
  }
  if (!m) return undefined;
  const placeText = m[1];
  const dl: Dateline = {
    start: para.start,
    end: para.start + m[0].trimEnd().length,
    text: m[0].trimEnd(),
    place: { start: para.start, end: para.start + placeText.length, text: placeText },
  };
  return dl;
}

/** The quotation marks: opening, closing (« » “ ” " " ‹ ›). */
const QUOTE_MARKS: ReadonlyArray<readonly [string, string]> = [['\u00ab', '\u00bb'], ['\u201c', '\u201d'], ['"', '"'], ['\u2039', '\u203a']];

/**
 * Quotations of one paragraph: an opening mark and the first closing mark after it in the paragraph. The opening
 * marks are found by indexOf, one search per kind, and `next` remembers the next place of each opening kind (under
 * its code negated) and of each closing kind (under its code), shared by paragraphs in text order: positions only
 * grow, so each kind's search goes over the text about once, and an unclosed mark does not make every later opening
 * mark search the rest of the text. (Was one pass over the paragraph's characters: the same marks, in order.)
 */
function findQuotations(text: string, para: Span, out: Quotation[], next: Map<number, number>): void {
  let i = para.start;
  while (i < para.end) {
    // The nearest opening mark at or after i.
    let at = -1;
    let closing = '';
    for (const [open, close] of QUOTE_MARKS) {
      const key = -open.charCodeAt(0);
      let p = next.get(key);
      if (p === undefined || (p < i && p !== -1)) {
        p = text.indexOf(open, i);
        next.set(key, p);
      }
      if (p >= 0 && (at < 0 || p < at)) {
        at = p;
        closing = close;
      }
    }
    if (at < 0 || at >= para.end) return;
    i = at;
    const close = closing.charCodeAt(0);
    let j = next.get(close);
    if (j === undefined || (j <= i && j !== -1)) {
      j = text.indexOf(closing, i + 1);
      next.set(close, j);
    }
    if (j > i && j < para.end) {
      out.push({ start: i, end: j + 1, open: text[i] });
      i = j + 1;
      continue;
    }
    i++;
  }
}

export function parseStructure(text: string): Structure {
  const lines = splitLines(text);
  const { fm, next } = parseFrontMatter(text, lines);
  const structure: Structure = { paragraphs: [], quotations: [] };
  if (fm) structure.frontMatter = fm;
  let i = next;
  while (i < lines.length && BLANK.test(lines[i].text)) i++;
  if (i < lines.length) {
    const l = lines[i];
    const sp = trimSpan(text, l.start, l.end);
    // A Markdown heading marker is not part of the headline.
    const hm = /^#{1,6}\s+/.exec(text.slice(sp.start, sp.end));
    if (hm) sp.start += hm[0].length;
    const headline: Headline = { ...sp, text: text.slice(sp.start, sp.end) };
    structure.headline = headline;
    i++;
  }
  // Paragraphs: blank-line separated blocks when the body has blank lines between text, else one per line.
  const body = lines.slice(i);
  const nonBlank = body.filter((l) => !BLANK.test(l.text));
  const blockMode = nonBlank.length > 1 && body.some((l, k) => k > 0 && BLANK.test(l.text) && k < body.length - 1 && !BLANK.test(body[k - 1].text))
    && body.some((l, k) => k > 0 && !BLANK.test(l.text) && !BLANK.test(body[k - 1].text));
  let index = 0;
  const push = (s: number, e: number) => {
    const sp = trimSpan(text, s, e);
    if (sp.end > sp.start) structure.paragraphs.push({ ...sp, index: ++index });
  };
  if (blockMode) {
    let blockStart = -1;
    let blockEnd = -1;
    for (const l of body) {
      if (BLANK.test(l.text)) {
        if (blockStart >= 0) push(blockStart, blockEnd);
        blockStart = -1;
      } else {
        if (blockStart < 0) blockStart = l.start;
        blockEnd = l.end;
      }
    }
    if (blockStart >= 0) push(blockStart, blockEnd);
  } else {
    for (const l of nonBlank) push(l.start, l.end);
  }
  if (structure.paragraphs.length > 0) {
    const dl = parseDateline(text, structure.paragraphs[0]);
    if (dl) structure.dateline = dl;
  }
  // (the next place of each opening and closing kind of mark, shared by the paragraphs: see findQuotations)
  const marks = new Map<number, number>();
  for (const p of structure.paragraphs) findQuotations(text, p, structure.quotations, marks);
  if (structure.headline) findQuotations(text, structure.headline, structure.quotations, new Map());
  structure.quotations.sort((a, b) => a.start - b.start);
  return structure;
}
