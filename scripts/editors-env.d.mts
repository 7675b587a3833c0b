// Types of scripts/editors-env.mjs for the TypeScript tests that import it.
export const repoRoot: string;
export const cacheDir: string;
export const NODE24_PACKAGE: string;
export const CODE_SERVER_VERSION: string;
export const node24Dir: string;
export const node24Home: string;
export const node24Bin: string;
export const codeServerDir: string;
export const codeServerHome: string;
export const codeServerBin: string;
export const chromiumBin: string;
export function withNode24Path(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
