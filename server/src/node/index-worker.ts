/**
 * The worker-thread side of node/indexer.ts: loads the NER models once, then for each job reads the file, analyzes
 * it exactly as the server analyzes a workspace file (same options, same size limit, piecewise above the core's
 * threshold) and answers with its FileSummary. Started by main.ts when the server bundle runs as a worker. The thread
 * lowers its own OS priority first (see indexer.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { analyzeBounded } from '../core/chunked';
import { articleOptions, indexFile } from '../features/summary';
import { type IndexJob, type IndexOutcome, WORKER_NICE } from './indexer';
import { nodeHost } from './host';
import { loadNerModels } from './models';
import { setWordFormBudget } from '../core/entities/tokens';
import { setNameMemoBudget } from '../core/names/variants';

export function runIndexWorker(): void {
  const port = parentPort;
  if (!port) return;
  lowerPriority();
  scanWorkerBudgets();
  const resources = { ner: loadNerModels().ner };
  // Live memory = V8 heap + array buffers (the taggers keep caches in typed arrays) right after a full (major)
  // collection: between collections the heap also holds garbage, which says nothing about what the caches keep.
  let live = 0;
  const gcs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if ((e as { detail?: { kind?: number } }).detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
      const h = getHeapStatistics();
      live = h.used_heap_size + h.external_memory;
    }
  });
  gcs.observe({ entryTypes: ['gc'] });
  const host = nodeHost();
  port.on('message', (m: { id: number; job: IndexJob }) => {
    let outcome: IndexOutcome;
    try {
      outcome = indexJob(m.job);
    } catch (e) {
      outcome = { skipped: `analysis failed: ${e instanceof Error ? e.message : String(e)}` };
    }
    // The live memory lets the pool replace a worker whose caches have grown too much.
    port.postMessage({ id: m.id, outcome, heap: live });
  });

  function indexJob(job: IndexJob): IndexOutcome {
    const s = job.settings;
    const book = job.folder && s.stylebookPath ? host.stylebook(job.folder, s.stylebookPath)?.stylebook : undefined;
    return indexFile(host, job.uri, s, (text) => analyzeBounded(text, articleOptions(job.uri, s, book), resources), job.withDiagnostics, job.locale);
  }
}

/** This thread's nice value raised to WORKER_NICE (Linux: nice is per thread; its id from /proc/thread-self). */
function lowerPriority(): void {
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (tid > 0) os.setPriority(tid, WORKER_NICE);
  } catch {
    // not Linux, or not allowed: the worker keeps the process's priority
  }
}

/**
 * The cache bounds of a workspace-scan worker: it sees each article once, so the linker's word-form table and the
 * names memos, sized for the editor (which sees the same words again), are mostly words that will not come back.
 * Measured on the archive bench (10,000 files, two workers; peak RSS of the server process, CPU under a machine load
 * of ~7 from other work, so CPU figures are +-10%):
 * - word forms 16,000 and names memos at a fifth of the editor's (readings 20,000 ...): live heap 122 -> 116 MB
 *   against the editor's bounds, but no lower peak (535-545 MB either way).
 * - the bounds below (word forms 4,000, names memos at a twentieth: readings 5,000 ...), with the 8 MB young
 *   generation (indexer.ts): peak 524 -> 488 and 493 MB (young generation alone: 530-543 -> 524 MB), worker CPU
 *   38.3 -> 34.4 s (no cost beyond the noise); one emulated worker over 5,000 files: 284 -> 266 MB (memos at a
 *   tenth: 276 MB). The memos are exact: smaller ones change no result.
 */
export function scanWorkerBudgets(): void {
  setWordFormBudget(4000);
  setNameMemoBudget({ readings: 5000, parts: 2500, shapes: 2500, pairs: 2500, spellings: 1000, answers: 500 });
}
