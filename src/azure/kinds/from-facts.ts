import { writableProperties, type WriteFact } from '../../kinds/facts';

/**
 * The wire → SDK-model names an adapter's toSdkModel accepts, read off the write's spec facts: every
 * writable property under `properties`, renamed where the SDK's flattened model spells it otherwise
 * (`renames`, wire name → SDK name). The adapter then refuses exactly what the request model lacks.
 */
export function sdkWritable(write: WriteFact, renames: Readonly<Record<string, string>> = {}): Readonly<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const name of writableProperties(write)) names[name] = renames[name] ?? name;
  return Object.freeze(names);
}
