import type { Location, Range } from './facts.js';
import type { FallbackOptions } from '../findings/options.js';
import type { ResolvedFacts } from './resolve.js';

export type FallbackProblemKind = 'value-without-off-path' | 'unchecked-lookup' | 'missing-else';

export interface FallbackProblem {
  kind: FallbackProblemKind;
  reference: number;
  /** For an unchecked lookup: the field read; otherwise the decision's condition. */
  range: Range;
  /** Where to report it in a file-level listing (the key, for an unchecked lookup). */
  loc: Location;
}

/**
 * Places where a flag's off path yields nothing usable, shared by the require-flag-fallback rule
 * and the CI gate: a value that is the flag's own falsy value when off (`flag && create()`), a
 * lookup read without `?.` or a check, and (when asked) an `if` that falls through without else.
 */
export function fallbackProblems(facts: ResolvedFacts, options: FallbackOptions): FallbackProblem[] {
  const problems: FallbackProblem[] = [];
  for (const reference of facts.references) {
    if (reference.uncheckedLookup !== undefined) {
      problems.push({ kind: 'unchecked-lookup', reference: reference.id, range: reference.uncheckedLookup, loc: reference.loc });
    }
  }
  for (const decision of facts.decisions) {
    const valuePosition = decision.kind === 'logical' || (decision.kind === 'jsx' && !options.allowJsxShortCircuit);
    if (valuePosition && decision.offYieldsFlagValue && !decision.regions.some((region) => region.state === 'off')) {
      problems.push({ kind: 'value-without-off-path', reference: decision.reference, range: decision.conditionRange, loc: decision.loc });
    }
    if (options.requireElse && decision.kind === 'if' && decision.fallsThrough) {
      problems.push({ kind: 'missing-else', reference: decision.reference, range: decision.conditionRange, loc: decision.loc });
    }
  }
  return oncePerPosition(problems);
}

/** `a && on && create()` where `a` derives from `on`: two reads of one flag, one expression, one finding. */
function oncePerPosition(problems: FallbackProblem[]): FallbackProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const position = `${problem.kind}:${problem.range[0]}:${problem.range[1]}`;
    if (seen.has(position)) return false;
    seen.add(position);
    return true;
  });
}
