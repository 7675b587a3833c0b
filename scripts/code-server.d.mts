// Types of scripts/code-server.mjs for the TypeScript tests that import it.
import type { ChildProcess } from 'node:child_process';

export const quietSettings: Record<string, unknown>;
export function freePort(): Promise<number>;
export function extensionFolderName(): string;
export interface StartOptions {
  workDir: string;
  folder: string;
  port?: number;
  settings?: Record<string, unknown>;
  extraArgs?: string[];
  linkExtension?: boolean;
  env?: Record<string, string>;
  onOutput?: (line: string) => void;
}
export interface CodeServer {
  url: string;
  port: number;
  dirs: { home: string; userData: string; extensions: string };
  proc: ChildProcess;
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}
export function startCodeServer(o: StartOptions): Promise<CodeServer>;
export function installVsix(workDir: string, vsix: string): Promise<string>;
