/**
 * The worker-thread side of node/indexer.ts: loads the NER models once, then for each job reads the file, analyzes
 * it exactly as the server analyzes a workspace file (same options, same size limit, piecewise above the core's
 * threshold) and answers with its FileSummary. Started by main.ts when the server bundle runs as a worker. The thread
 * lowers its own OS priority first (see indexer.ts).
 *
 * Memory (archive bench, 10,000 files, two workers; peak RSS of the server process): 530-543 MB before the scan-only
 * bounds below and the 8 MB young generation (indexer.ts), 488-493 MB after, 468 and 479 MB once a loaded model no
 * longer keeps a string per feature (perceptron.ts FeatureText; 483-491 MB without it in the same conditions).
 * The Arabic model's read-only typed arrays (12.3 MB) were tried in SharedArrayBuffers taken by all workers: a
 * worker's live memory fell 131 -> 113 MB but the peak did not move (484 MB: each worker builds its own tables
 * first and the freed copy stays in its malloc arena), so it was not kept. Where a worker's memory went, after 3,000
 * files, before these changes: V8 heap ~82 MB live (models ~27: feature strings, lexicon maps; tagger caches ~25;
 * names memos ~11; code and runtime ~15)
 * and array buffers ~33 MB (model tables 13, the taggers' word-cache slabs ~17); V8 keeps ~1.5-1.8x the live heap
 * committed (old-space pages the caches leave part-empty), and the thread's malloc arena keeps ~30 MB beyond the live
 * array buffers. Measured and NOT helpful: a smaller Arabic word cache (16,000 forms: same peak, CPU +33%), a smaller
 * decoded-sentence cache, a 140 MB old-generation bound, --heap-growing-percent, a main-thread nursery that does not
 * grow (--semi-space-growth-factor=1). Names memos at 0.4x the bounds below: one emulated worker 255-258 -> 250-251 MB
 * for ~3% more CPU (not taken).
 * With an article open during the scan (BENCH_ARCHIVE_EDITOR=1: the main thread loads its own models and analyzes an
 * edit every 200 ms) the peak is 508-525 MB: the main thread's young generation grows to V8's 16 MB semi-spaces (new
 * space 32 MB committed, ~5 MB used at the end). Starting the server with `--max-semi-space-size=2` (it must be on the
 * command line: set at run time it changes nothing) gave 479 / 479 MB with the editor and 445-449 MB without, but it
 * made editing slower: diagnostics after an edit at 10.6k words, runs alternated with and without the flag, p50 15-18
 * against 13-14 ms, the slowest of 200 edits 71-85 against 46-58 ms (more scavenges promote an edit's short-lived
 * objects). Typing is what an editor does all day and the scan happens once, so the server runs with V8's default.
 * The Arabic model with skeleton + namePair features (sixth session) raised the peak from 477-479 to 481-491 MB: per
 * worker thread ~2 MB more live heap after the same 3,333 files (lexicon skeleton map 1.3 MB; the word cache's
 * WordInfos ~0.7 MB, as nc/ncc were added after the object literal and went to out-of-object property arrays); the
 * model tables are smaller. With nc/ncc in the literal: 475-484 MB (4 runs; 481-487 without, same day).
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
