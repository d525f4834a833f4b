import type { WriteFact } from '../../kinds/facts';

/**
 * The wire → SDK-model names an adapter's toSdkModel accepts, read off the write's spec facts: every
 * writable scalar property directly under `properties`, renamed where the SDK's flattened model
 * spells it otherwise (`renames`, wire name → SDK name). Objects and arrays are left out: the SDK
 * serialises their fields under its own names (Redis' `maxmemory-policy` is `maxmemoryPolicy`), so a
 * wire-shaped object would lose fields silently; refusing it is the honest answer until a control
 * needs one.
 */
export function sdkWritable(write: WriteFact, renames: Readonly<Record<string, string>> = {}): Readonly<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const [path, fact] of Object.entries(write.writable)) {
    const [root, name, deeper] = path.split('.');
    if (root !== 'properties' || name === undefined || deeper !== undefined || fact === 'object' || fact === 'array') continue;
    names[name] = renames[name] ?? name;
  }
  return Object.freeze(names);
}
