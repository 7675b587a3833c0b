export const repoRoot: string;
export const suiteOut: string;
export function buildSuite(): Promise<string>;
