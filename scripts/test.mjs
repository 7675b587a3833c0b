// `npm test`: every test layer in order, each also runnable alone (npm run test:<layer>).
// Prints one summary line at the end: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

const layers = [
  { name: 'unit', glob: 'test/unit/**/*.test.ts' },
  { name: 'manifest', glob: 'test/manifest/**/*.test.ts' },
  { name: 'protocol', glob: 'test/protocol/**/*.test.ts' },
  { name: 'editors', glob: 'test/editors/**/*.test.ts', setup: 'scripts/setup-editors.mjs', timeout: '300000' },
];
const only = process.argv.slice(2);

function sh(cmd, args) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  return r.status ?? 1;
}

if (sh('node', ['scripts/build.mjs']) !== 0) process.exit(1);
if (sh('npx', ['tsc', '-p', '.', '--noEmit']) !== 0) process.exit(1);

let passed = 0;
let failed = 0;
const summary = [];
for (const layer of layers) {
  if (only.length && !only.includes(layer.name)) continue;
  const dir = layer.glob.split('/**')[0];
  const files = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.test.ts')) : [];
  if (files.length === 0) {
    summary.push(`${layer.name}: no tests yet`);
    continue;
  }
  if (layer.setup && fs.existsSync(layer.setup)) {
    if (sh('node', [layer.setup]) !== 0) {
      summary.push(`${layer.name}: setup failed`);
      failed++;
      continue;
    }
  }
  console.log(`\n=== ${layer.name} tests ===`);
  const args = ['mocha', layer.glob, '--reporter', 'spec'];
  if (layer.timeout) args.push('--timeout', layer.timeout);
  const r = spawnSync('npx', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(r.stdout ?? '');
  const p = Number(/(\d+) passing/.exec(r.stdout ?? '')?.[1] ?? 0);
  const f = Number(/(\d+) failing/.exec(r.stdout ?? '')?.[1] ?? 0);
  const pending = Number(/(\d+) pending/.exec(r.stdout ?? '')?.[1] ?? 0);
  passed += p;
  failed += f + (r.status !== 0 && f === 0 ? 1 : 0);
  summary.push(`${layer.name}: ${p} passed, ${f} failed${pending ? `, ${pending} pending` : ''}${r.status !== 0 && f === 0 ? ' (runner failed)' : ''}`);
}
console.log('\n' + summary.join('\n'));
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
