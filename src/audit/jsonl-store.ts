import { createReadStream } from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { cloneJson } from '../core/json';
import { WardenError, describeError } from '../errors';
import { ChainHeads, sealRecord, type AuditKey } from './integrity';
import { applyQuery } from './query';
import type { AuditRecord } from './record';
import type { AppendResult, AuditQuery, AuditStore, SealingOptions } from './store';
import type { IntegrityFinding, StoredLog } from './verify';
import { describeRepair, readRecord, type ReadRecord } from './well-formed';

export interface JsonlAuditStoreOptions extends SealingOptions {
  /**
   * Flush each appended batch to disk before `append` resolves (default true): an audit record the
   * engine reported as written must survive a crash of the host right after the fix.
   */
  fsync?: boolean;
}

const NEWLINE = 0x0a;

/**
 * The embedded audit store: one JSON object per line, appended, never rewritten. It is the default when
 * no table is configured (local runs, the CLI, the sandbox).
 *
 * - Appends from one process are serialized, and each batch is a single write in append mode, so
 *   lines never interleave.
 * - The file is read incrementally: only bytes added since the last read are parsed, so `has`, the
 *   guards' queries and appends by another process (e.g. the CLI next to a local host) stay cheap
 *   and visible.
 * - A crash can leave a partially written last line. It is skipped and reported in `warnings`; every
 *   earlier line is kept, and the next append starts on a fresh line so it cannot glue onto it.
 * - Duplicate detection is exact within one process. Two processes appending the same id at the same
 *   instant could both write it; readers then keep the first line and report the second.
 * - Each record is sealed into its resource's chain from the heads this process has read. Two
 *   processes appending to one resource at the same instant can both take the same position: a
 *   fork, which `audit verify` reports as such (both records verify), never as tampering. The
 *   Function App's Table store has no forks (it claims each position with an insert).
 */
export class JsonlAuditStore implements AuditStore {
  readonly path: string;
  /** Problems found while reading the file (damaged or duplicate lines). Never thrown: the log stays readable. */
  readonly warnings: string[] = [];

  private readonly fsync: boolean;
  private readonly key: AuditKey | undefined;
  private readonly heads = new ChainHeads();
  /** Records by id, in file order (the first line wins for an id seen twice). */
  private readonly records = new Map<string, AuditRecord>();
  /** Bytes of the file consumed so far (always just after a newline or a complete record). */
  private offset = 0;
  private lineNumber = 0;
  private readonly reported = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(path: string, options: JsonlAuditStoreOptions = {}) {
    if (typeof path !== 'string' || path.trim() === '') throw new WardenError('INVALID_CONFIG', 'the audit file path must be a non-empty string');
    this.path = path;
    this.fsync = options.fsync ?? true;
    this.key = options.key;
  }

  append(records: AuditRecord[]): Promise<AppendResult> {
    return this.exclusive(async () => {
      await this.refresh();
      const result: AppendResult = { inserted: [], duplicates: [] };
      const batch = new Set<string>();
      const lines: string[] = [];
      // The heads move when the lines are read back (refresh), so a failed write leaves none behind.
      const heads = this.heads.child();
      for (const record of records) {
        if (typeof record.id !== 'string' || record.id === '') {
          throw new WardenError('INVALID_INPUT', 'an audit record needs a non-empty string id');
        }
        if (this.records.has(record.id) || batch.has(record.id)) {
          result.duplicates.push(record);
          continue;
        }
        batch.add(record.id);
        const sealed = sealRecord(record, heads.next(record.resourceId), this.key);
        heads.observe(sealed);
        lines.push(JSON.stringify(sealed));
        result.inserted.push(sealed);
      }
      if (lines.length > 0) await this.write(lines);
      return result;
    });
  }

  has(id: string): Promise<boolean> {
    return this.exclusive(async () => {
      await this.refresh();
      return this.records.has(id);
    });
  }

  get(id: string): Promise<AuditRecord | undefined> {
    return this.exclusive(async () => {
      await this.refresh();
      const record = this.records.get(id);
      return record === undefined ? undefined : cloneJson(record);
    });
  }

  query(query: AuditQuery): Promise<AuditRecord[]> {
    return this.exclusive(async () => {
      await this.refresh();
      return applyQuery(this.records.values(), query).map((record) => cloneJson(record));
    });
  }

  /** Runs one operation at a time, so reads never see a half-applied append from this process. */
  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(lines: string[]): Promise<void> {
    let handle: FileHandle | undefined;
    try {
      await mkdir(dirname(this.path), { recursive: true });
      handle = await open(this.path, 'a+');
      const { size } = await handle.stat();
      // A crash may have left the file without a final newline: start on a fresh line.
      let separator = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== NEWLINE) separator = '\n';
      }
      // appendFile writes until every byte is down or throws (ENOSPC, EFBIG); a bare write may
      // stop short and report success, leaving records cut off that `append` said were stored.
      await handle.appendFile(`${separator}${lines.join('\n')}\n`);
      if (this.fsync) await handle.datasync();
    } catch (err) {
      throw new WardenError('AUDIT_STORE_FAILED', `could not append to audit file ${this.path}: ${describeError(err)}`, { path: this.path }, { cause: err });
    } finally {
      await handle?.close();
    }
  }

  /** Parse whatever was appended since the last read. */
  private async refresh(): Promise<void> {
    let handle: FileHandle;
    try {
      handle = await open(this.path, 'r');
    } catch (err) {
      if (isNotFound(err)) return;
      throw new WardenError('AUDIT_STORE_FAILED', `could not read audit file ${this.path}: ${describeError(err)}`, { path: this.path }, { cause: err });
    }
    try {
      const { size } = await handle.stat();
      if (size < this.offset) {
        // Someone truncated or replaced an append-only file: start over and say so.
        this.warn(`${this.path} shrank from ${this.offset} to ${size} bytes (truncated or replaced); re-reading it from the start`);
        this.records.clear();
        this.heads.clear();
        this.offset = 0;
        this.lineNumber = 0;
      }
      if (size === this.offset) return;
      const chunk = await readRange(handle, this.offset, size - this.offset);
      const end = chunk.lastIndexOf(NEWLINE) + 1;
      // A UTF-8 byte-order mark (Windows editors add one) is not content: without this the first
      // record's line starts with U+FEFF, fails JSON.parse and is dropped.
      const bom = this.offset === 0 && startsWithBom(chunk) ? BOM.length : 0;
      for (const line of chunk.subarray(Math.min(bom, end), end).toString('utf8').split('\n').slice(0, -1)) {
        this.lineNumber += 1;
        this.accept(line, `line ${this.lineNumber}`);
      }
      this.offset += end;
      const tail = chunk.subarray(Math.max(bom, end));
      if (tail.length === 0) return;
      const record = parseRecord(tail.toString('utf8'));
      if (record !== undefined) {
        // A complete record whose newline never made it to disk: keep it.
        this.lineNumber += 1;
        this.keep(record, `line ${this.lineNumber}`);
        this.offset += chunk.length - end;
      } else {
        this.warn(`${this.path}: ignoring an unterminated last line (${tail.length} bytes at byte ${this.offset}): a partially written record, or one another process is still writing`);
      }
    } catch (err) {
      throw new WardenError('AUDIT_STORE_FAILED', `could not read audit file ${this.path}: ${describeError(err)}`, { path: this.path }, { cause: err });
    } finally {
      await handle.close();
    }
  }

  private accept(line: string, where: string): void {
    if (line.trim() === '') return;
    const record = parseRecord(line);
    if (record === undefined) {
      this.warn(`${this.path} ${where}: not a JSON audit record (${line.length} characters), skipped`);
      return;
    }
    this.keep(record, where);
  }

  private keep({ record, repaired }: ReadRecord, where: string): void {
    if (this.records.has(record.id)) {
      this.warn(`${this.path} ${where}: record ${record.id} appears again, kept the first`);
      return;
    }
    if (repaired.length > 0) this.warn(`${this.path} ${where}: ${describeRepair(record.id, repaired)}`);
    this.records.set(record.id, record);
    this.heads.observe(record);
  }

  /**
   * Every line of the file read afresh, for `audit verify`: repeated ids are kept (the verifier
   * compares them) and each line that is not a record is a `damaged` finding. Streams the file, so
   * its size is not bounded by the longest string Node can hold.
   */
  scan(): Promise<StoredLog> {
    return this.exclusive(async () => {
      const records: AuditRecord[] = [];
      const findings: IntegrityFinding[] = [];
      let stream;
      try {
        stream = createReadStream(this.path, { encoding: 'utf8' });
        let lineNumber = 0;
        for await (const raw of createInterface({ input: stream, crlfDelay: Infinity })) {
          lineNumber += 1;
          const line = lineNumber === 1 && raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
          if (line.trim() === '') continue;
          // A repaired record (a field of the wrong type) cannot match its seal, so verify names it.
          const read = parseRecord(line);
          if (read) records.push(read.record);
          else findings.push({ kind: 'damaged', detail: `${this.path} line ${lineNumber}: not a JSON audit record (${line.length} characters)` });
        }
      } catch (err) {
        if (isNotFound(err)) return { records, findings };
        throw new WardenError('AUDIT_STORE_FAILED', `could not read audit file ${this.path}: ${describeError(err)}`, { path: this.path }, { cause: err });
      } finally {
        stream?.destroy();
      }
      return { records, findings };
    });
  }

  private warn(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.warnings.push(message);
  }
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function startsWithBom(chunk: Buffer): boolean {
  return chunk.length >= BOM.length && chunk.subarray(0, BOM.length).equals(BOM);
}

async function readRange(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/** A line is a record when it is a JSON object with the fields every reader relies on (see readRecord). */
function parseRecord(line: string): ReadRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  return readRecord(value);
}

function isNotFound(err: unknown): boolean {
  return err instanceof Error && (err as NodeJS.ErrnoException).code === 'ENOENT';
}
