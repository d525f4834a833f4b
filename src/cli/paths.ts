import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { WardenError } from '../errors';

/** A file a command is given, by the option that named it (`--out`, `--estate`, …). */
export interface FileOption {
  option: string;
  file: string | undefined;
}

/** The absolute path with symlinks resolved; for a file not written yet, its directory's. */
function resolveFile(file: string): string {
  const absolute = path.resolve(file);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return path.join(realpathSync(path.dirname(absolute)), path.basename(absolute));
    } catch {
      return absolute;
    }
  }
}

function sameFile(a: string, b: string): boolean {
  const ra = resolveFile(a);
  const rb = resolveFile(b);
  if (ra === rb) return true;
  // Hard links and case-insensitive file systems name one file two ways: compare the files themselves.
  try {
    const sa = statSync(ra);
    const sb = statSync(rb);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

const given = (options: readonly FileOption[]) =>
  options.filter((o): o is { option: string; file: string } => o.file !== undefined && o.file !== '' && o.file !== '-');

/**
 * Refuses, before anything is read or written, an output that is also one of the command's other
 * files: `audit --audit-file x --html x` would replace the audit log with HTML, `sandbox --estate e
 * --audit-file e` would append JSONL to the estate. `-` (standard input) is not a file and never collides.
 */
export function refuseOverwrites(outputs: readonly FileOption[], inputs: readonly FileOption[]): void {
  const outs = given(outputs);
  const all = [...outs, ...given(inputs)];
  for (const out of outs) {
    for (const other of all) {
      if (other === out || !sameFile(out.file, other.file)) continue;
      throw new WardenError('INVALID_INPUT', `${out.option} ${out.file} is the same file as ${other.option} ${other.file}; writing it would overwrite or corrupt that file, so name another one`);
    }
  }
}

/**
 * An output written at the end of a run (`--out`, `--html`) must have a directory to land in, and must
 * not be a directory itself. Checked up front: found only at the end, the run would already have
 * appended its audit records (and, for undo, written to ARM) before failing with a bare ENOENT.
 */
export function requireOutputDirectory(output: FileOption): void {
  for (const { option, file } of given([output])) {
    const absolute = path.resolve(file);
    if (isDirectory(absolute)) throw new WardenError('INVALID_INPUT', `${option} ${file} is a directory; name a file`);
    const directory = path.dirname(absolute);
    if (!isDirectory(directory)) throw new WardenError('INVALID_INPUT', `${option} ${file}: the directory ${directory} does not exist`);
  }
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
