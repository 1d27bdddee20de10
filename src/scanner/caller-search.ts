import type { FileFacts } from '../detect/facts.js';
import type { ScannedImport } from '../detect/import-scan.js';
import type { ModuleGraph } from '../detect/module-graph.js';
import { CallerIndex, functionKey, type CallerFiles, type FunctionKey, type ImportFilter, type LeadsToDecision } from './cross-nesting.js';
import { CandidateExports } from './candidate-exports.js';

/** What a file may call through one import: some candidates, or (unknown) any of them. */
type Targets = readonly FunctionKey[] | 'any';

export interface CallerSearchOptions {
  /** Whether a file's facts are at hand (analysed, or in the cache): it is taken in at once. */
  known: (file: string) => boolean;
  factsOf: (file: string) => FileFacts | undefined;
  importsOf: (file: string) => readonly ScannedImport[] | undefined;
  /** The files that hold a region whose nestings are checked. */
  regionFiles: ReadonlySet<string>;
  /** Whether an import may lead to a flag decision (DecisionReach): the call follower went nowhere else. */
  leadsToDecision?: LeadsToDecision;
  /** The imports a file may hand on to its importers (scanPassedOnImports of its text); undefined when it cannot be read. */
  passedOnImports: (file: string) => readonly ScannedImport[] | undefined;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Which of the files that may call a candidate (callerFiles) to analyse, a round at a time, so that
 * a function imported all over a codebase (a `ConditionallyRender` component, a `useUiFlag` hook)
 * does not have every one of its importers parsed.
 *
 * A file that holds no candidate and no region is plain: no function of it can run only through a
 * region, so one call from it to a candidate makes that candidate escape every region
 * (CallerIndex.onlyThrough), whatever else calls it. Once each candidate a plain file can reach is
 * known to escape, analysing that file changes nothing, and it is left out. What a file can reach
 * is read from its imports: the candidate an imported function is, or any candidate when that
 * cannot be told (a namespace, an object of functions).
 *
 * Each round takes, for every candidate not known to escape, up to 1, 2, 4 … more of the plain
 * files that can reach it: a candidate called in its first importer is settled by one parse, and
 * one called nowhere outside the region costs a few rounds. Files that hold a candidate or a region
 * are all taken, as their calls count one by one. The index ends as the one built from every file
 * for what onlyThrough asks of it.
 */
export class CallerSearch {
  readonly index: CallerIndex;
  /** Candidates that a plain file calls. */
  private readonly escaping = new Set<FunctionKey>();
  private readonly candidateFiles: ReadonlySet<string>;
  private pending: { file: string; targets: Targets }[] = [];
  private first: string[] = [];
  private round = 0;
  private done = 0;
  private readonly total: number;
  /** Whether an import may bring in a candidate: it may lead to a decision, and land on a module that may export one. */
  private readonly bringsCandidate: ImportFilter;

  constructor(
    private readonly graph: ModuleGraph,
    private readonly candidates: ReadonlySet<FunctionKey>,
    { names, files }: CallerFiles,
    private readonly options: CallerSearchOptions,
  ) {
    this.candidateFiles = new Set([...candidates].map((key) => key.slice(0, key.lastIndexOf('#'))));
    const leadsToDecision = options.leadsToDecision ?? (() => true);
    const exportsCandidate = new CandidateExports({
      candidates,
      candidateFiles: this.candidateFiles,
      known: options.known,
      moduleOf: (file) => options.factsOf(file)?.module,
      passedOnImports: options.passedOnImports,
      resolveModule: (from, specifier) => graph.resolveModule(from, specifier),
    });
    this.bringsCandidate = (from, specifier, name) =>
      leadsToDecision(from, specifier, name) && exportsCandidate.mayExport(from, specifier, name);
    this.index = new CallerIndex(graph, candidates, names, this.bringsCandidate);
    this.total = files.size;
    for (const file of files) {
      if (options.known(file)) this.take([file]);
      else if (!this.plain(file)) this.first.push(file);
      else this.pending.push({ file, targets: this.targetsOf(file, names) });
    }
  }

  /** The files to analyse next (then `take` them); none when the index is complete. */
  next(): string[] {
    const batch = this.first;
    this.first = [];
    const limit = 2 ** this.round++;
    const taken = new Map<string, number>();
    const anyOpen = this.escaping.size < this.candidates.size;
    const rest: typeof this.pending = [];
    for (const item of this.pending) {
      const open = item.targets === 'any' ? (anyOpen ? ['*'] : []) : item.targets.filter((key) => !this.escaping.has(key));
      if (open.length === 0) {
        // Whatever it calls escapes already, and escaping is for good.
        this.options.onProgress?.(++this.done, this.total);
      } else if (open.some((key) => (taken.get(key) ?? 0) < limit)) {
        batch.push(item.file);
        for (const key of open) taken.set(key, (taken.get(key) ?? 0) + 1);
      } else {
        rest.push(item);
      }
    }
    this.pending = rest;
    return batch;
  }

  /** Takes in files whose facts are now known. */
  take(files: readonly string[]): void {
    for (const file of files) {
      const called = this.index.add(file, this.options.factsOf(file));
      if (this.plain(file)) for (const key of called) this.escaping.add(key);
      this.options.onProgress?.(++this.done, this.total);
    }
  }

  private plain(file: string): boolean {
    return !this.candidateFiles.has(file) && !this.options.regionFiles.has(file);
  }

  /** The candidates a file may call through its imports of the candidates' names (as CallerIndex counts calls). */
  private targetsOf(file: string, names: ReadonlySet<string>): Targets {
    const targets = new Set<FunctionKey>();
    for (const scanned of this.options.importsOf(file) ?? []) {
      for (const name of scanned.names) {
        if (name !== '*' && !names.has(name)) continue;
        // Every candidate lies where a decision can be reached (the follower goes nowhere else), and
        // comes out of a module that defines it or hands it on: nothing else is looked up (parsed).
        if (!this.bringsCandidate(file, scanned.specifier, name)) continue;
        if (name === '*') return 'any';
        // What a call of it, or of a member of it, reaches (calleeTarget): an export not found
        // leads nowhere down any path; a function is the one target (its members are none); an
        // object's members or a namespace's exports may be any candidate, for all that is told here.
        const found = this.graph.resolveExport(file, { source: scanned.specifier, name, path: [] });
        if (found === undefined || found.value.kind === 'string') continue;
        if (found.value.kind === 'object' || found.value.kind === 'imported') return 'any';
        const { functionId } = found.value;
        const key = functionId === undefined ? undefined : functionKey(found.file, functionId);
        if (key !== undefined && this.candidates.has(key)) targets.add(key);
      }
    }
    return [...targets];
  }
}
