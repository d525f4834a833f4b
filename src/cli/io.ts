import { createReadStream } from 'node:fs';
import { WardenError, describeError, isWardenError } from '../errors';

/** Where the CLI reads and writes; tests pass their own to capture output. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
}

/**
 * A writer for a standard stream that may be a pipe whose reader has gone (`check big.json | head -1`).
 * Writing then fails with EPIPE, emitted as an 'error' event that, unhandled, kills the process with
 * a stack trace. Like other CLI tools we end quietly instead: the rest of the output is dropped, and
 * the command still runs to its end, so a scan in enforce mode is not cut off between a write and
 * its audit record and the exit status is still the command's own (bin/ sets process.exitCode).
 * Any other stream error is rethrown, as an unhandled 'error' event would be. The listener is added
 * on the first write, so merely importing this module changes nothing.
 */
export function streamWriter(stream: NodeJS.WritableStream): (text: string) => void {
  let listening = false;
  let closed = false;
  return (text) => {
    if (!listening) {
      listening = true;
      stream.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE') throw err;
        closed = true;
      });
    }
    if (!closed) stream.write(text);
  };
}

const writeStdout = streamWriter(process.stdout);
const writeStderr = streamWriter(process.stderr);

export const processIo: CliIo = {
  stdout: writeStdout,
  stderr: writeStderr,
  readStdin: () => readBoundedText(process.stdin, 'standard input'),
};

/**
 * The most a JSON input may hold: V8 cannot make a string longer than 2^29 - 24 characters, so a
 * larger file could never be parsed; the bound makes that a clear error before it is all read.
 */
export const MAX_INPUT_BYTES = 500 * 1024 * 1024;

/**
 * Reads a stream as UTF-8 text, refusing more than MAX_INPUT_BYTES and, at the first NUL byte, input
 * that is binary (JSON text never holds a raw NUL): `check /dev/urandom` fails on its first chunk
 * instead of after reading a gigabyte.
 */
export async function readBoundedText(stream: AsyncIterable<Buffer | string>, source: string, limit = MAX_INPUT_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const piece of stream) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    total += chunk.length;
    if (total > limit) {
      throw new WardenError('INVALID_INPUT', `${source} is larger than the input limit of ${limit} bytes`, { limit });
    }
    if (chunk.includes(0)) throw new WardenError('INVALID_INPUT', `${source} holds binary data (a NUL byte), not JSON text`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads and parses a JSON file (`-` for stdin); every failure is an INVALID_INPUT naming the file. */
export async function readJsonInput(file: string | undefined, io: CliIo, what: string): Promise<unknown> {
  return (await readJsonDocument(file, io, what)).value;
}

/** readJsonInput, keeping the text as read (for line numbers). */
export async function readJsonDocument(file: string | undefined, io: CliIo, what: string): Promise<{ value: unknown; text: string }> {
  const source = !file || file === '-' ? 'standard input' : file;
  let text: string;
  try {
    text = !file || file === '-' ? await io.readStdin() : await readBoundedText(createReadStream(file), file);
  } catch (err) {
    if (isWardenError(err)) throw err;
    throw new WardenError('INVALID_INPUT', `cannot read ${what} from ${source}: ${describeError(err)}`);
  }
  // Windows tools (PowerShell's Out-File, Notepad) start UTF-8 files with a byte-order mark, which
  // readFile keeps as U+FEFF and JSON.parse rejects; it is not content, so drop it.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  if (text.trim() === '') throw new WardenError('INVALID_INPUT', `${what} in ${source} is empty`);
  try {
    return { value: JSON.parse(text) as unknown, text };
  } catch (err) {
    throw new WardenError('INVALID_INPUT', `${what} in ${source} is not valid JSON: ${describeError(err)}`);
  }
}
