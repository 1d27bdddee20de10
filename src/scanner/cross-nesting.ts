import { contains } from '../detect/ast.js';
import type { FileFacts, FlagDecision, Range, RegionCall } from '../detect/facts.js';
import type { ScannedImport } from '../detect/import-scan.js';
import type { ModuleGraph } from '../detect/module-graph.js';
import type { ResolvedFacts, ResolvedReference } from '../detect/resolve.js';

const MAX_DEPTH = 8;

/** Whether an import (of the export `name`, `*` for any) is worth looking into: the others are left unread. */
export type ImportFilter = (fromFile: string, specifier: string, name: string) => boolean;

/** The ImportFilter of the call follower: importing `specifier` from `fromFile` may lead to a flag decision (DecisionReach). */
export type LeadsToDecision = ImportFilter;

/** A function of the program: `file#id`. */
export type FunctionKey = string;

export function functionKey(file: string, functionId: number): FunctionKey {
  return `${file}#${functionId}`;
}

/** The export an imported name asks its module for: itself, or for a namespace's member (`ns.x`) the member (`*`: any). */
export function exportAskedFor(imported: { name: string; path: readonly string[] }): string {
  return imported.name === '*' ? (imported.path[0] ?? '*') : imported.name;
}

/**
 * The function a call or a rendered component runs: in the same file, or exported by another
 * module. With `follows`, only through imports it lets through: the call follower's lets through
 * those that may lead to a flag decision (nothing behind the others holds one nor calls a function
 * that does), the caller search's those that may bring in one of its candidates.
 */
export function calleeTarget(
  graph: ModuleGraph,
  file: string,
  callee: RegionCall['callee'],
  follows?: ImportFilter,
): { file: string; functionId: number } | undefined {
  if (callee.kind === 'local') return { file, functionId: callee.functionId };
  if (follows?.(file, callee.source, exportAskedFor(callee)) === false) return undefined;
  const found = graph.resolveExport(file, callee);
  // A function that forwards a parameter (or is a wrapper) is still a function whose body may decide.
  const functionId = found?.value.kind === 'function' || found?.value.kind === 'wrapper' ? found.value.functionId : undefined;
  return functionId === undefined ? undefined : { file: found!.file, functionId };
}

/** A decision found by following calls, with the functions passed on the way. */
interface Reached {
  file: string;
  decision: FlagDecision;
  reference: ResolvedReference;
  through: string[];
  /** The function that makes the decision. */
  inFunction: FunctionKey;
}

/** A file's decisions by id (a reference's id is its index). */
interface ById {
  decisions: Map<number, FlagDecision>;
}

/** Follows calls into functions (in this file and others) to the flag decisions they make. */
export class CallFollower {
  /** Per file's resolved facts, indexed once: every function visited in it looks its decisions up. */
  private readonly byId = new WeakMap<ResolvedFacts, ById>();
  /** What each function reaches: many region calls call the same function. */
  private readonly reachedFrom = new Map<string, Reached[]>();

  constructor(
    private readonly graph: ModuleGraph,
    private readonly resolvedOf: (file: string) => ResolvedFacts | undefined,
    private readonly label: (file: string, name: string, fromFile: string) => string,
    /** Whether an import may lead to a flag decision; calls through one that cannot are not followed. */
    private readonly leadsToDecision?: LeadsToDecision,
  ) {}

  /** The function a call runs, when following it may lead to a decision (leaving the others out changes nothing reached). */
  private target(file: string, callee: RegionCall['callee']): { file: string; functionId: number } | undefined {
    return calleeTarget(this.graph, file, callee, this.leadsToDecision);
  }

  reach(file: string, callee: RegionCall['callee']): readonly Reached[] {
    const start = this.target(file, callee);
    if (start === undefined) return [];
    const startId = `${file}\u0000${start.file}#${start.functionId}`;
    let reached = this.reachedFrom.get(startId);
    if (reached === undefined) {
      reached = this.reachFrom(file, start);
      this.reachedFrom.set(startId, reached);
    }
    return reached;
  }

  private reachFrom(file: string, start: { file: string; functionId: number }): Reached[] {
    const reached: Reached[] = [];
    const visited = new Set<string>();
    const stack: { file: string; functionId: number; through: string[]; depth: number }[] = [{ ...start, through: [], depth: 0 }];
    while (stack.length > 0) {
      const current = stack.pop()!;
      const id = functionKey(current.file, current.functionId);
      if (visited.has(id) || current.depth > MAX_DEPTH) continue;
      visited.add(id);
      const resolved = this.resolvedOf(current.file);
      const fn = resolved?.facts.functions[current.functionId];
      if (resolved === undefined || fn === undefined) continue;
      const through = [...current.through, this.label(current.file, fn.name, file)];
      const { decisions } = this.indexOf(resolved);
      for (const decisionId of fn.decisions) {
        const decision = decisions.get(decisionId);
        const reference = decision === undefined ? undefined : resolved.references[decision.reference];
        if (decision !== undefined && reference !== undefined)
          reached.push({ file: current.file, decision, reference, through, inFunction: id });
      }
      for (const call of fn.calls) {
        const next = this.target(current.file, call);
        if (next !== undefined) stack.push({ ...next, through, depth: current.depth + 1 });
      }
    }
    return reached;
  }

  /** Every function a set of calls reaches, as far as calls are followed: the only ones that can run inside a region. */
  reachable(file: string, callees: readonly RegionCall['callee'][]): Set<FunctionKey> {
    const reached = new Set<FunctionKey>();
    const stack: { file: string; functionId: number; depth: number }[] = [];
    for (const callee of callees) {
      const start = this.target(file, callee);
      if (start !== undefined) stack.push({ ...start, depth: 0 });
    }
    while (stack.length > 0) {
      const current = stack.pop()!;
      const id = functionKey(current.file, current.functionId);
      if (reached.has(id) || current.depth > MAX_DEPTH) continue;
      reached.add(id);
      const fn = this.resolvedOf(current.file)?.facts.functions[current.functionId];
      for (const call of fn?.calls ?? []) {
        const next = this.target(current.file, call);
        if (next !== undefined) stack.push({ ...next, depth: current.depth + 1 });
      }
    }
    return reached;
  }

  private indexOf(resolved: ResolvedFacts): ById {
    let index = this.byId.get(resolved);
    if (index === undefined) {
      index = {
        decisions: new Map(resolved.decisions.map((decision) => [decision.id, decision])),
      };
      this.byId.set(resolved, index);
    }
    return index;
  }
}

export function keyOf(reference: ResolvedReference): string {
  return reference.key.kind === 'static' ? reference.key.key : reference.key.text;
}

/** True when the inner decision is lexically inside one of the outer's regions (found without calls). */
export function lexicallyInside(outer: FlagDecision, inner: FlagDecision): boolean {
  return outer.regions.some((region) => contains(region.range, inner.siteRange));
}

/** A region of a flag decision, with the calls made in it. */
export interface CallingRegion {
  file: string;
  range: Range;
  calls: readonly RegionCall['callee'][];
  /** Every function those calls reach (CallFollower.reachable). */
  reachable: ReadonlySet<FunctionKey>;
}

/** Where callers of some functions may be: the names they are exported as, and the files that may call them. */
export interface CallerFiles {
  names: ReadonlySet<string>;
  files: ReadonlySet<string>;
}

/**
 * The files whose functions may call the candidates: the analysed ones, and the others that import
 * one of the names the candidates are exported as (or a whole namespace). Nearly every module
 * imports some default export, so a default import counts only when it comes from a candidate's
 * module, or from one that may pass one on as its default (it imports a default, a namespace or
 * one of the names, or is analysed): a component's callers are then the files that import it.
 */
export function callerFiles(
  candidates: ReadonlySet<FunctionKey>,
  analysed: ReadonlySet<string>,
  factsOf: (file: string) => FileFacts | undefined,
  unanalysed: { files: Iterable<string>; importsOf: (file: string) => readonly ScannedImport[] | undefined },
  resolveModule: (fromFile: string, specifier: string) => string | undefined,
): CallerFiles {
  const names = new Set<string>();
  const candidateFiles = new Set<string>();
  for (const key of candidates) {
    const split = key.lastIndexOf('#');
    candidateFiles.add(key.slice(0, split));
    const fn = factsOf(key.slice(0, split))?.functions[Number(key.slice(split + 1))];
    for (const name of fn?.exportedAs ?? []) names.add(name);
  }
  // Once per module: many files import the same default, and a partial scan reads imports from disk.
  const handsOn = new Map<string, boolean>();
  const passesDefaultOn = (target: string | undefined): boolean => {
    if (target === undefined) return false;
    let verdict = handsOn.get(target);
    if (verdict === undefined) {
      verdict =
        candidateFiles.has(target) ||
        analysed.has(target) ||
        (unanalysed.importsOf(target) ?? []).some((scanned) =>
          scanned.names.some((name) => name === 'default' || name === '*' || names.has(name)),
        );
      handsOn.set(target, verdict);
    }
    return verdict;
  };
  const mayCall = (file: string, scanned: ScannedImport) =>
    scanned.names.some(
      (name) => name === '*' || (names.has(name) && (name !== 'default' || passesDefaultOn(resolveModule(file, scanned.specifier)))),
    );
  const files = new Set(analysed);
  for (const file of unanalysed.files) {
    if (files.has(file)) continue;
    if ((unanalysed.importsOf(file) ?? []).some((scanned) => mayCall(file, scanned))) files.add(file);
  }
  return { names, files };
}

/**
 * Who calls the functions that flag regions reach, so that a flag check in shared code (a sign-in
 * modal rendered from every page) is not called nested in every flag whose region renders it. Known
 * callers are the calls (and rendered components) in the functions of the files taken in (`add`):
 * the analysed files, and those CallerSearch picks of the files that import one of those functions.
 */
export class CallerIndex {
  /** Callers of each function, with how many calls each makes. */
  private readonly callers = new Map<FunctionKey, Map<FunctionKey, number>>();
  private readonly ranges = new Map<FunctionKey, { file: string; range: Range }>();

  constructor(
    private readonly graph: ModuleGraph,
    private readonly candidates: ReadonlySet<FunctionKey>,
    private readonly names: ReadonlySet<string>,
    /** Whether an import may bring in a candidate (CallerSearch): the rest are not looked up. */
    private readonly bringsCandidate?: ImportFilter,
  ) {}

  /** Takes in the calls a file's functions make; returns the candidates they call. */
  add(file: string, facts: FileFacts | undefined): Set<FunctionKey> {
    const called = new Set<FunctionKey>();
    for (const fn of facts?.functions ?? []) {
      const caller = functionKey(file, fn.id);
      for (const callee of fn.calls) {
        if (callee.kind === 'imported' && !this.names.has(callee.name) && callee.name !== '*') continue;
        const target = calleeTarget(this.graph, file, callee, this.bringsCandidate);
        const key = target === undefined ? undefined : functionKey(target.file, target.functionId);
        if (key === undefined || !this.candidates.has(key)) continue;
        const counts = this.callers.get(key) ?? new Map<FunctionKey, number>();
        counts.set(caller, (counts.get(caller) ?? 0) + 1);
        this.callers.set(key, counts);
        called.add(key);
        // Only callers of a candidate are asked where they are written (escapes).
        this.ranges.set(caller, { file, range: fn.range });
      }
    }
    return called;
  }

  /**
   * The functions of `region.reachable` that run only through the region: every known call of
   * them is made in the region, or in a function that itself runs only through it. A greatest
   * fixpoint, so that functions calling each other inside the region stay in.
   */
  onlyThrough(region: CallingRegion): Set<FunctionKey> {
    const inRegion = new Map<FunctionKey, number>();
    for (const callee of region.calls) {
      const target = calleeTarget(this.graph, region.file, callee);
      if (target === undefined) continue;
      const key = functionKey(target.file, target.functionId);
      inRegion.set(key, (inRegion.get(key) ?? 0) + 1);
    }
    const only = new Set(region.reachable);
    for (let changed = true; changed;) {
      changed = false;
      for (const key of only) {
        if (this.escapes(key, region, inRegion, only)) {
          only.delete(key);
          changed = true;
        }
      }
    }
    return only;
  }

  /** Whether a function has a known call from outside the region (and outside functions that run only in it). */
  private escapes(
    key: FunctionKey,
    region: CallingRegion,
    inRegion: ReadonlyMap<FunctionKey, number>,
    only: ReadonlySet<FunctionKey>,
  ): boolean {
    for (const [caller, count] of this.callers.get(key) ?? []) {
      const written = this.ranges.get(caller);
      if (written?.file === region.file && contains(written.range, region.range)) {
        // The function that holds the region: its calls of `key` beyond the region's are made elsewhere in it.
        if (count > (inRegion.get(key) ?? 0)) return true;
      } else if (written?.file === region.file && contains(region.range, written.range)) {
        continue;
      } else if (!only.has(caller)) {
        return true;
      }
    }
    return false;
  }
}
