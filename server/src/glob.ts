/**
 * A small glob matcher for the workspace-index settings (`**`, `*`, `?`, `{a,b}`, `[...]`), matched against
 * workspace-relative paths with forward slashes. Pure; no dependency.
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let inBraces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      inBraces++;
      re += '(?:';
    } else if (c === '}' && inBraces) {
      inBraces--;
      re += ')';
    } else if (c === ',' && inBraces) re += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += '[' + glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else re += c.replace(/[.+^$()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'u');
}

export class GlobSet {
  private readonly include: RegExp[];
  private readonly exclude: RegExp[];
  constructor(include: readonly string[], exclude: readonly string[] = []) {
    this.include = include.map(globToRegExp);
    this.exclude = exclude.map(globToRegExp);
  }
  /** `rel`: a workspace-relative path with forward slashes. */
  matches(rel: string): boolean {
    return this.include.some((r) => r.test(rel)) && !this.exclude.some((r) => r.test(rel));
  }
  /** True when nothing under this directory can match (only exclusions are checked: `**` may match anything). */
  excludesDir(relDir: string): boolean {
    return this.exclude.some((r) => r.test(relDir + '/') || r.test(relDir + '/x'));
  }
}
