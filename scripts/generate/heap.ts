/** Binary min-heap of values keyed by a number (a timestamp in seconds). */
export class MinHeap<T> {
  private readonly keys: number[] = [];
  private readonly values: T[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** Smallest key, or Infinity when empty. */
  peekKey(): number {
    return this.keys.length > 0 ? (this.keys[0] ?? Infinity) : Infinity;
  }

  push(key: number, value: T): void {
    const keys = this.keys;
    const values = this.values;
    let i = keys.length;
    keys.push(key);
    values.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentKey = keys[parent] ?? -Infinity;
      if (parentKey <= key) break;
      keys[i] = parentKey;
      values[i] = values[parent] as T;
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  pop(): T | undefined {
    const keys = this.keys;
    const values = this.values;
    if (keys.length === 0) return undefined;
    const top = values[0];
    const lastKey = keys.pop() ?? 0;
    const lastValue = values.pop() as T;
    const n = keys.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && (keys[right] ?? Infinity) < (keys[left] ?? Infinity) ? right : left;
        const childKey = keys[child] ?? Infinity;
        if (childKey >= lastKey) break;
        keys[i] = childKey;
        values[i] = values[child] as T;
        i = child;
      }
      keys[i] = lastKey;
      values[i] = lastValue;
    }
    return top;
  }
}
