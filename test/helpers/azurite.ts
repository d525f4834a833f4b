/**
 * Starts Azurite's Table service from the npm package for one test file: loopback only, a free
 * port, in-memory persistence (nothing left on disk), no telemetry. The devstoreaccount1 key below
 * is Azurite's published well-known development key, not a secret.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const AZURITE_TABLE_MAIN = join(__dirname, '..', '..', 'node_modules', 'azurite', 'dist', 'src', 'table', 'main.js');
const ACCOUNT = 'devstoreaccount1';
const WELL_KNOWN_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface RunningAzurite {
  connectionString: string;
  /** http://127.0.0.1:<port>/devstoreaccount1 */
  tableEndpoint: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('could not find a free port'))));
    });
  });
}

function waitForListening(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => finish(new Error(`Azurite did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (/successfully (started|listens) on/i.test(output)) finish();
    };
    const onExit = (code: number | null): void => finish(new Error(`Azurite exited with code ${code} before listening:\n${output}`));
    function finish(error?: Error): void {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

export async function startAzurite(options: { timeoutMs?: number } = {}): Promise<RunningAzurite> {
  // A port found free can be taken before Azurite binds it; one retry covers that race.
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const child = spawn(process.execPath, [
      AZURITE_TABLE_MAIN, '--tableHost', '127.0.0.1', '--tablePort', String(port),
      '--inMemoryPersistence', '--disableTelemetry', '--skipApiVersionCheck', '--loose', '--silent',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await waitForListening(child, options.timeoutMs ?? 30_000);
    } catch (err) {
      await stopChild(child);
      if (attempt < 2) continue;
      throw err;
    }
    // Keep draining output so a chatty child never blocks on a full pipe.
    child.stdout?.resume();
    child.stderr?.resume();
    const tableEndpoint = `http://127.0.0.1:${port}/${ACCOUNT}`;
    return {
      tableEndpoint,
      connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${WELL_KNOWN_KEY};TableEndpoint=${tableEndpoint};`,
      stop: () => stopChild(child),
    };
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(forced);
}
