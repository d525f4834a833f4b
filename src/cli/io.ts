import { readFile } from 'node:fs/promises';
import { WardenError, describeError } from '../errors';

/** Where the CLI reads and writes; tests pass their own to capture output. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  },
};

/** Reads and parses a JSON file (`-` for stdin); every failure is an INVALID_INPUT naming the file. */
export async function readJsonInput(file: string | undefined, io: CliIo, what: string): Promise<unknown> {
  const source = !file || file === '-' ? 'standard input' : file;
  let text: string;
  try {
    text = !file || file === '-' ? await io.readStdin() : await readFile(file, 'utf8');
  } catch (err) {
    throw new WardenError('INVALID_INPUT', `cannot read ${what} from ${source}: ${describeError(err)}`);
  }
  if (text.trim() === '') throw new WardenError('INVALID_INPUT', `${what} in ${source} is empty`);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new WardenError('INVALID_INPUT', `${what} in ${source} is not valid JSON: ${describeError(err)}`);
  }
}
