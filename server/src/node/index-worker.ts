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
 * Smaller bounds save memory for little CPU (3,000 archive-like articles, one worker's share: live heap 122 -> 116 MB,
 * the same CPU within noise; word forms found 93% -> 78% of the time, word readings 95% either way). On the full
 * archive bench (two workers) the largest live memory went 133-137 -> 128-133 MB but the process's peak RSS did not
 * move (535-545 MB either way, A/B in the same conditions): a worker's V8 heap grows toward its bound (indexer.ts)
 * whatever its live size, so these bounds alone do not lower the peak.
 */
export function scanWorkerBudgets(): void {
  setWordFormBudget(16000);
  setNameMemoBudget({ readings: 20000, parts: 10000, shapes: 10000, pairs: 10000, spellings: 4000, answers: 500 });
}
