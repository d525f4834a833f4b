import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { streamWriter } from '../../src/cli/io';
import { storageAccount, type Overrides } from '../fixtures/arm';

const root = path.resolve(__dirname, '../..');

/** A stream whose reader has gone: every write fails with EPIPE, as a pipe into a finished `head` does. */
function closedPipe() {
  const written: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      written.push(chunk.toString());
      callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE', errno: -32, syscall: 'write' }));
    },
  });
  return { stream, written };
}

describe('streamWriter', () => {
  it('ends quietly on EPIPE: no unhandled error event, and later output is dropped', async () => {
    const { stream, written } = closedPipe();
    const write = streamWriter(stream);
    write('first');
    await new Promise((resolve) => setImmediate(resolve));
    expect(stream.listenerCount('error')).toBe(1);
    expect(() => write('second')).not.toThrow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toEqual(['first']);
  });

  it('adds no listener until something is written', () => {
    const { stream } = closedPipe();
    streamWriter(stream);
    expect(stream.listenerCount('error')).toBe(0);
  });
});

/**
 * The CLI in a real process, run as bin/transit-warden.js runs it (main(process.argv), exit status
 * from process.exitCode), with standard output piped into a reader that stops after the first chunk.
 */
function checkIntoClosedPipe(file: string): Promise<{ code: number | null; stderr: string; received: number }> {
  const script = `require(${JSON.stringify(path.join(root, 'src/cli/main.ts'))}).main(process.argv).then((code) => { process.exitCode = code; }, (err) => { console.error(err.message); process.exitCode = 2; });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script, 'transit-warden', 'check', file, '--format', 'json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let received = 0;
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  child.stdout.once('data', (chunk: Buffer) => {
    received = chunk.length;
    child.stdout.destroy();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, received }));
  });
}

describe('transit-warden check | head', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tw-epipe-'));
  // Megabytes of JSON results: far more than a pipe buffers, so the child is still writing when the reader goes.
  const estate = (properties: Overrides) => {
    const file = path.join(dir, `estate-${Object.keys(properties).length}.json`);
    writeFileSync(file, JSON.stringify(Array.from({ length: 3000 }, (_, i) => storageAccount(properties, { name: `st${String(i).padStart(5, '0')}` }))));
    return file;
  };

  it.each([
    ['all compliant', {}, 0],
    ['noncompliant', { minimumTlsVersion: 'TLS1_0' }, 1],
  ] as const)('ends without a stack trace when the reader closes the pipe, exit status still the command\'s (%s)', async (_, properties, status) => {
    const result = await checkIntoClosedPipe(estate(properties));
    expect(result.received).toBeGreaterThan(0);
    expect(result.stderr).not.toMatch(/EPIPE|Unhandled|at /);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(status);
  }, 60_000);
});
