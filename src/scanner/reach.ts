/**
 * Reachability over a graph the caller describes node by node (`holds`, `next`), asked one node at a
 * time and remembered: a depth-first walk stops at the first node that holds, and marks the nodes on
 * the way to it; a walk that finds none settles every node it saw, as all they lead to was seen.
 * Cycles are walked once. The scanner asks it of modules (DecisionReach) and of modules' exports
 * (CandidateExports), as its call follower and caller search go.
 */
export class Reach {
  private readonly reaches = new Map<string, boolean>();

  constructor(
    private readonly holds: (node: string) => boolean,
    private readonly next: (node: string) => Iterable<string>,
    known?: { yes: readonly string[]; no: readonly string[] },
  ) {
    for (const node of known?.yes ?? []) this.reaches.set(node, true);
    for (const node of known?.no ?? []) this.reaches.set(node, false);
  }

  /** Every answer so far, by answer. */
  answers(): { yes: string[]; no: string[] } {
    const answers = { yes: [] as string[], no: [] as string[] };
    for (const [node, reaches] of this.reaches) (reaches ? answers.yes : answers.no).push(node);
    return answers;
  }

  /** Whether a node that holds can be reached from `node` (itself included). */
  mayReach(node: string): boolean {
    const known = this.reaches.get(node);
    if (known !== undefined) return known;
    // Each node seen, with the one that led to it.
    const from = new Map<string, string | undefined>([[node, undefined]]);
    const stack = [node];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (this.reaches.get(current) === true || this.holds(current)) {
        // The nodes on the way here reach it too.
        for (let on: string | undefined = current; on !== undefined; on = from.get(on)) this.reaches.set(on, true);
        return true;
      }
      for (const target of this.next(current)) {
        if (from.has(target) || this.reaches.get(target) === false) continue;
        from.set(target, current);
        stack.push(target);
      }
    }
    for (const seen of from.keys()) this.reaches.set(seen, false);
    return false;
  }
}
