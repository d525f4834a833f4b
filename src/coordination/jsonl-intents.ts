import { mkdir, open, readFile, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { WardenError, describeError } from '../errors';
import type { IntentStore, WriteIntent } from '../engine/ports';

/** Once no intent is open and the file is larger than this, it is emptied (closed intents are history no one needs). */
const COMPACT_BYTES = 64 * 1024;

/**
 * Write intents beside a JSONL audit file (`<audit file>.intents`): one line per intent recorded
 * (`{"intent":{…}}`) or closed (`{"closed":"<id>"}`), each flushed to disk before the call returns,
 * so an intent outlives a `kill -9` of the process that was about to write. The file is read afresh
 * on every `open`, so a process restarted after a crash finds what the dead one left.
 *
 * For one process at a time, like the JSONL audit store it accompanies: two processes appending are
 * safe, but emptying the file assumes no one else has an intent open.
 */
export class JsonlIntentStore implements IntentStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {
    if (typeof path !== 'string' || path.trim() === '') throw new WardenError('INVALID_CONFIG', 'the intent file path must be a non-empty string');
  }

  /** The intents file that goes with a JSONL audit file. */
  static besideAuditFile(auditFile: string): JsonlIntentStore {
    return new JsonlIntentStore(`${auditFile}.intents`);
  }

  record(intent: WriteIntent): Promise<void> {
    return this.exclusive(() => this.append({ intent }));
  }

  open(resourceId: string): Promise<WriteIntent[]> {
    const key = resourceId.toLowerCase();
    return this.exclusive(async () => [...(await this.read()).values()].filter((i) => i.resourceId.toLowerCase() === key));
  }

  list(): Promise<WriteIntent[]> {
    return this.exclusive(async () => [...(await this.read()).values()]);
  }

  close(intent: WriteIntent): Promise<void> {
    return this.exclusive(async () => {
      await this.append({ closed: intent.id });
      const { open: stillOpen, bytes } = await this.state();
      if (stillOpen.size === 0 && bytes > COMPACT_BYTES) {
        try {
          await truncate(this.path, 0);
        } catch (err) {
          throw new WardenError('COORDINATION_FAILED', `could not empty intent file ${this.path}: ${describeError(err)}`, { path: this.path }, { cause: err });
        }
      }
    });
  }

  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async append(line: { intent: WriteIntent } | { closed: string }): Promise<void> {
    try {
      await mkdir(dirname(this.path), { recursive: true });
      const handle = await open(this.path, 'a');
      try {
        // A leading newline: a line cut off by a crash must not swallow this one.
        await handle.appendFile(`\n${JSON.stringify(line)}\n`);
        await handle.datasync();
      } finally {
        await handle.close();
      }
    } catch (err) {
      throw new WardenError('COORDINATION_FAILED', `could not append to intent file ${this.path}: ${describeError(err)}`, { path: this.path }, { cause: err });
    }
  }

  private async read(): Promise<Map<string, WriteIntent>> {
    return (await this.state()).open;
  }

  /** Open intents in recording order. A cut-off last line (a crash mid-write) is no intent: it was never flushed, so nothing was sent. */
  private async state(): Promise<{ open: Map<string, WriteIntent>; bytes: number }> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { open: new Map(), bytes: 0 };
      throw new WardenError('COORDINATION_FAILED', `could not read intent file ${this.path}: ${describeError(err)}`, { path: this.path }, { cause: err });
    }
    const intents = new Map<string, WriteIntent>();
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        continue;
      }
      if (value === null || typeof value !== 'object') continue;
      const entry = value as { intent?: WriteIntent; closed?: unknown };
      if (typeof entry.closed === 'string') intents.delete(entry.closed);
      else if (entry.intent && typeof entry.intent.id === 'string' && typeof entry.intent.resourceId === 'string') {
        intents.delete(entry.intent.id);
        intents.set(entry.intent.id, entry.intent);
      }
    }
    return { open: intents, bytes: Buffer.byteLength(text) };
  }
}
