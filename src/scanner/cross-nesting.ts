import { contains } from '../detect/ast.js';
import type { FlagDecision, RegionCall } from '../detect/facts.js';
import type { ModuleGraph } from '../detect/module-graph.js';
import type { ResolvedFacts, ResolvedReference } from '../detect/resolve.js';

const MAX_DEPTH = 8;

/** A decision found by following calls, with the functions passed on the way. */
interface Reached {
  file: string;
  decision: FlagDecision;
  reference: ResolvedReference;
  through: string[];
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
  ) {}

  /** The function a region call reaches: in the same file, or exported by another module. */
  private target(file: string, callee: RegionCall['callee']): { file: string; functionId: number } | undefined {
    if (callee.kind === 'local') return { file, functionId: callee.functionId };
    const found = this.graph.resolveExport(file, callee);
    // A function that forwards a parameter (or is a wrapper) is still a function whose body may decide.
    const functionId = found?.value.kind === 'function' || found?.value.kind === 'wrapper' ? found.value.functionId : undefined;
    return functionId === undefined ? undefined : { file: found!.file, functionId };
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
      const id = `${current.file}#${current.functionId}`;
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
        if (decision !== undefined && reference !== undefined) reached.push({ file: current.file, decision, reference, through });
      }
      for (const call of fn.calls) {
        const next = this.target(current.file, call);
        if (next !== undefined) stack.push({ ...next, through, depth: current.depth + 1 });
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
