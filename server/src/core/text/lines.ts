/** Offset <-> (line, character) conversion, UTF-16 columns as in LSP. Built once per text. */
export interface Position {
  line: number;
  character: number;
}

/** UTF-16 offset of every line start (the first is 0); a line ends at \n, \r or \r\n. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The position of `offset` given the line starts alone (the text itself need not be kept). */
export function positionIn(starts: readonly number[], offset: number): Position {
  offset = Math.max(0, offset);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    this.starts = lineStarts(text);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    return positionIn(this.starts, Math.min(offset, this.text.length));
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.text.length;
    let lineEnd = next;
    if (pos.line + 1 < this.starts.length) {
      // Do not step into the line break (\n, \r or \r\n).
      if (this.text.charCodeAt(lineEnd - 1) === 10) lineEnd--;
      if (lineEnd > start && this.text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    }
    return Math.min(start + Math.max(0, pos.character), lineEnd);
  }
}
