/** Positions (non-negative integers) taken out smallest first: a binary min-heap. */
export class PositionQueue {
  private readonly heap: number[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(position: number): void {
    const heap = this.heap;
    let index = heap.push(position) - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (heap[parent]! <= position) break;
      heap[index] = heap[parent]!;
      index = parent;
    }
    heap[index] = position;
  }

  /** The smallest position, removed; undefined when empty. */
  pop(): number | undefined {
    const heap = this.heap;
    const smallest = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || last === undefined) return smallest;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && heap[right]! < heap[left]! ? right : left;
      if (heap[child]! >= last) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = last;
    return smallest;
  }
}
