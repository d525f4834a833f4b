/**
 * The distinct values of a list as ARM compares them (without case), sorted by that comparison,
 * each in the first spelling seen. Generated files use it so a catalog that spells one action or
 * type two ways yields one entry, and the output does not change with catalog order.
 */
export function distinctIgnoringCase(values: Iterable<string>): string[] {
  const byKey = new Map<string, string>();
  for (const value of values) {
    const key = value.toLowerCase();
    if (!byKey.has(key)) byKey.set(key, value);
  }
  // Compared by code unit, not locale: the generated files must be the same on every machine.
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
}
