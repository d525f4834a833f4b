/**
 * Array helpers that stay safe at any size. `target.push(...items)` and `Math.max(...values)` pass
 * every element as a call argument, and V8 overflows its stack somewhere past ~100,000 of them
 * ("Maximum call stack size exceeded"): a 100,000-resource `check` or a 140,000-record `audit`
 * died that way. These loop instead.
 */

/** Appends every item of `items` to `target` (in place) and returns `target`. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of `values`, or `empty` when there are none. */
export function maxOf(values: Iterable<number>, empty = 0): number {
  let max: number | undefined;
  for (const value of values) if (max === undefined || value > max) max = value;
  return max ?? empty;
}
