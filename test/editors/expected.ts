/**
 * What an editor should show for an article, derived from the built CLI (the same core the server runs), so the
 * editor tests strengthen by themselves as entity, date and check features land: the Outline must show a group
 * for every entity type the core finds, with its first entity, and a hover on a mention must show that entity.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');
export const seedFile = path.join(repoRoot, 'seeds/000_36fff38b519712a3.txt');

export interface CliEntity {
  id: string;
  type: 'person' | 'organization' | 'location' | 'date' | 'misc';
  name: string;
  mentions: { start: number; end: number; text: string }[];
}
export interface CliDiagnostic {
  code: string;
  severity: string;
  message: string;
  start: number;
  end: number;
}

function cli(args: string[]): unknown {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin/article-lens.js'), ...args], { encoding: 'utf8', cwd: repoRoot });
  if (r.status !== 0 && r.status !== 1) throw new Error(`article-lens ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

export function cliEntities(file: string): CliEntity[] {
  const out = cli(['entities', '--format', 'json', file]) as { entities: CliEntity[] }[];
  return out[0]?.entities ?? [];
}

export function cliDiagnostics(file: string): CliDiagnostic[] {
  const out = cli(['check', '--format', 'json', file]) as { diagnostics: CliDiagnostic[] }[];
  return out[0]?.diagnostics ?? [];
}

/** Outline group titles (English UI) by entity type, as server/src/features/symbols.ts names them. */
export const groupTitle: Record<CliEntity['type'], string> = {
  person: 'People',
  organization: 'Organizations',
  location: 'Places',
  date: 'Dates',
  misc: 'Other',
};

/** The entity (not a date) with a mention covering offset, if the core finds one. */
export function entityAt(entities: CliEntity[], offset: number): CliEntity | undefined {
  return entities.find((e) => e.type !== 'date' && e.mentions.some((m) => m.start <= offset && offset < m.end));
}
