import type { Range } from './facts.js';

/**
 * For each item, the indexes of the containers whose range contains the item's range, ascending.
 *
 * Testing every container against every item costs their product, which a file of thousands of
 * flag checks (thousands of regions, thousands of calls) turns into minutes. One sweep in order of
 * start instead keeps only the containers open at the item's start; its cost is the pairs found
 * plus, per item, the containers open there (as many as the item is nested deep), plus sorting.
 */
export function containersOf(containers: readonly Range[], items: readonly Range[]): number[][] {
  const found: number[][] = items.map(() => []);
  const containerOrder = containers.map((_, index) => index).sort((a, b) => containers[a]![0] - containers[b]![0]);
  const itemOrder = items.map((_, index) => index).sort((a, b) => items[a]![0] - items[b]![0]);
  let open: number[] = [];
  let next = 0;
  for (const item of itemOrder) {
    const [start, end] = items[item]!;
    while (next < containerOrder.length && containers[containerOrder[next]!]![0] <= start) open.push(containerOrder[next++]!);
    // A container that ends before this item starts ends before every later item starts too.
    if (open.some((container) => containers[container]![1] < start)) open = open.filter((container) => containers[container]![1] >= start);
    const holding = found[item]!;
    for (const container of open) if (containers[container]![1] >= end) holding.push(container);
    holding.sort((a, b) => a - b);
  }
  return found;
}
