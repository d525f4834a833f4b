/**
 * Canonical JSON for sealing audit records: object keys sorted, no whitespace, `undefined` members
 * left out (as JSON.stringify leaves them out). Every store hands a record back with its keys in
 * its own order (the table store rebuilds it column by column), so a seal over plain
 * JSON.stringify output would break on a faithful round trip; over this form it breaks only when a
 * value changes.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    // JSON.stringify gives undefined for undefined and functions; inside arrays JSON writes null.
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined || typeof member === 'function') continue;
    members.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
  }
  return `{${members.join(',')}}`;
}
