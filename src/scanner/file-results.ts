import type { FileFacts } from '../detect/facts.js';
import type { ScannedImport } from '../detect/import-scan.js';
import type { PrefilterVerdict } from '../detect/module-texts.js';
import type { AnalysisResult } from './analyze-source.js';
import { FactsStore } from './facts-store.js';
import type { InventorySkipped } from './inventory.js';
import { processFile, type FileOutcome, type FileTask } from './process-file.js';
import type { ScanContext } from './scan-context.js';
import type { FileStamp } from './stamp.js';

/** A file to read (with its stamp just before), or what the cache already knows of it without reading it. */
export interface FileWork {
  task: FileTask;
  stamp: FileStamp | null;
  known: FileOutcome | undefined;
}

/**
 * What the phases of a scan learnt of each file, and the one place they learn it: from its text
 * (read in the first pass, or later when the module graph needs another module), or from the cache.
 * Facts are held deflated (FactsStore); of a file that names no accessor only its imports are held.
 */
export class FileResults {
  private readonly store = new FactsStore();
  /** Files that name no accessor, with their imports that reach project code (one may be a wrapper). */
  readonly unmatched = new Map<string, ScannedImport[]>();
  /** Files whose references go in the inventory. */
  readonly analysed = new Set<string>();
  /** Files not scanned, and why. */
  readonly skipped: InventorySkipped[] = [];
  private readonly skippedPrefilters = new Map<string, PrefilterVerdict>();
  /**
   * The content hash of the files the cache vouched for by their stamp (not read at all), and how
   * many files it vouched for (skipped ones have no hash).
   */
  private readonly unreadHashes = new Map<string, string>();
  vouched = 0;
  /** Files read beyond the first pass (modules the graph looked into): the widening pass depends on them. */
  readonly reads = new Set<string>();
  /** Which modules an earlier scan found to lead to a flag decision, when its widening record still holds (DecisionReach). */
  decisionReach: { yes: readonly string[]; no: readonly string[] } = { yes: [], no: [] };

  constructor(private readonly context: ScanContext) {}

  /** A file of the first pass: unchanged since the cache, its stamp vouches for what its text showed. */
  firstPassWork(file: string): FileWork {
    const { cache } = this.context;
    const stamp = cache.stamp(file);
    const verdict = cache.verdictByStamp(this.context.relative(file), stamp);
    if (verdict === undefined) return { task: this.taskFor(file), stamp, known: undefined };
    this.vouched++;
    // Test-ness is part of the cache's key (the `tests` globs), so the entry's holds.
    const task = { file, test: verdict.test };
    if (verdict.kind === 'skipped') {
      return {
        task,
        stamp,
        known: { kind: 'skipped', reason: verdict.reason, ...(verdict.prefilter === undefined ? {} : { prefilter: verdict.prefilter }) },
      };
    }
    this.unreadHashes.set(file, verdict.hash);
    return {
      task,
      stamp,
      known:
        verdict.kind === 'unmatched'
          ? { kind: 'unmatched', hash: verdict.hash, imports: verdict.imports }
          : { kind: 'cached', hash: verdict.hash },
    };
  }

  /** A file that imports a wrapper: analysed, unless the cache has the facts of the content its stamp vouched for. */
  widenedWork(file: string): FileWork {
    const task = this.taskFor(file, true);
    const hash = this.unreadHashes.get(file);
    return { task, stamp: null, known: hash !== undefined && task.cachedHash === hash ? { kind: 'cached', hash } : undefined };
  }

  private taskFor(file: string, force = false): FileTask {
    const test = this.context.isTestFile(file);
    const cachedHash = this.context.cache.hashOf(this.context.relative(file), test);
    return { file, test, ...(cachedHash === undefined ? {} : { cachedHash }), ...(force ? { force } : {}) };
  }

  /** Takes in what a pass learnt of a file (from its text, or from the cache when `known`), and tells the cache. */
  take({ task, stamp }: FileWork, outcome: FileOutcome, known: boolean): void {
    const { file, test } = task;
    const { cache } = this.context;
    const relative = this.context.relative(file);
    if (outcome.kind === 'skipped') {
      this.skipped.push({ file: relative, reason: outcome.reason });
      if (outcome.prefilter !== undefined) this.skippedPrefilters.set(file, outcome.prefilter);
      if (!known && outcome.unreadable !== true)
        cache.keepVerdict(relative, '', test, stamp, {
          kind: 'skipped',
          reason: outcome.reason,
          ...(outcome.prefilter === undefined ? {} : { prefilter: outcome.prefilter }),
        });
      return;
    }
    if (outcome.kind === 'unmatched') {
      this.unmatched.set(file, outcome.imports);
      if (!known) cache.keepVerdict(relative, outcome.hash, test, stamp, { kind: 'unmatched', imports: outcome.imports });
      return;
    }
    this.analysed.add(file);
    this.unmatched.delete(file);
    const result = outcome.kind === 'cached' ? cache.factsOf(relative, outcome.hash, test)! : outcome.result;
    const held = this.store.set(file, result)!;
    if (known) return;
    cache.keepFacts(relative, outcome.hash, test, held);
    // A file analysed because it imports a wrapper still names no accessor.
    if (task.force !== true) cache.keepVerdict(relative, outcome.hash, test, stamp, { kind: 'matched' });
  }

  /** Whether the file's facts are known (or known to be unobtainable). */
  has(file: string): boolean {
    return this.store.has(file);
  }

  /** The analysis of a file already taken in; undefined when none was, null when it cannot be analysed. */
  resultOf(file: string): AnalysisResult | null | undefined {
    return this.store.get(file);
  }

  /** What the text of a skipped file shows other modules, when it was decoded. */
  skippedPrefilter(file: string): PrefilterVerdict | undefined {
    return this.skippedPrefilters.get(file);
  }

  /**
   * The facts of any file, the modules the graph needs (constants, wrappers) included: analysed
   * here once, through the same per-file step as the first pass (processFile), unless the cache
   * has them.
   */
  factsOf(file: string): FileFacts | undefined {
    if (!this.store.has(file)) {
      const task = this.graphTask(file);
      if (task !== undefined)
        this.takeForGraph(task, processFile(task, { index: this.context.index(), inProject: this.context.inProject }));
    }
    const result = this.store.get(file);
    return result?.kind === 'facts' ? result.facts : undefined;
  }

  /**
   * What analysing a file for the graph takes (factsOf), or undefined when nothing does: its facts
   * are known already, here or (for the content its stamp vouched for) in the cache.
   */
  graphTask(file: string): FileTask | undefined {
    if (this.store.has(file)) return undefined;
    const { cache } = this.context;
    const relative = this.context.relative(file);
    const test = this.context.isTestFile(file);
    const unreadHash = this.unreadHashes.get(file);
    const known = unreadHash === undefined ? undefined : cache.factsOf(relative, unreadHash, test);
    if (known !== undefined) {
      this.store.set(file, known);
      return undefined;
    }
    const cachedHash = cache.hashOf(relative, test);
    return { file, test, force: true, ...(cachedHash === undefined ? {} : { cachedHash }) };
  }

  /** Takes in a file analysed for the graph: its facts are kept (and cached), but it adds nothing to the inventory. */
  takeForGraph({ file, test }: FileTask, outcome: FileOutcome): void {
    const { cache } = this.context;
    const relative = this.context.relative(file);
    this.reads.add(file);
    if (outcome.kind === 'skipped' || outcome.kind === 'unmatched') {
      this.store.set(file, null);
      return;
    }
    const result = outcome.kind === 'cached' ? cache.factsOf(relative, outcome.hash, test)! : outcome.result;
    cache.keepFacts(relative, outcome.hash, test, this.store.set(file, result)!);
  }
}
