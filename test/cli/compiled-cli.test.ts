import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The CLI as users run it: compiled to CommonJS by tsconfig.build.json, in a plain Node process.
 * vitest runs the TypeScript sources, so only this test sees what the compiled `import()` of a
 * command does, and which modules a command really loads.
 */
const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
// Inside the repo, so the compiled files resolve the project's node_modules.
const outDir = path.join(root, 'test-output', 'compiled-cli');

/** Runs the compiled `main` with `args`; prints exit code, output and the modules it loaded as JSON. */
async function compiledCli(args: string[]): Promise<{ code: number; stdout: string; loaded: string[] }> {
  const script = `
    const { main } = require(${JSON.stringify(path.join(outDir, 'src/cli/main.js'))});
    let stdout = '';
    const io = { stdout: (t) => { stdout += t; }, stderr: (t) => { stdout += t; }, readStdin: async () => '' };
    main(['node', 'transit-warden', ...${JSON.stringify(args)}], io).then((code) => {
      process.stdout.write(JSON.stringify({ code, stdout, loaded: Object.keys(require.cache) }));
    });`;
  const { stdout } = await run(process.execPath, ['-e', script], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as { code: number; stdout: string; loaded: string[] };
}

const loads = (loaded: string[], fragment: string): boolean => loaded.some((file) => file.split(path.sep).join('/').includes(fragment));

describe('the compiled CLI', () => {
  beforeAll(async () => {
    rmSync(outDir, { recursive: true, force: true });
    await run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: root });
  }, 180_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('lists the catalog without loading the SDK pipeline or the ARM emulator', async () => {
    const { code, stdout, loaded } = await compiledCli(['controls', '--format', 'json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { controls: unknown[] }).controls.length).toBeGreaterThan(20);
    expect(loads(loaded, 'node_modules/commander/')).toBe(true);
    expect(loads(loaded, '@azure/core-rest-pipeline')).toBe(false);
    expect(loads(loaded, '/src/sandbox/')).toBe(false);
  });

  it('loads a command module when the command runs (the sandbox, on the example estate)', async () => {
    const { code, stdout, loaded } = await compiledCli(['sandbox', '--estate', 'examples/estate.json', '--sweep', '--format', 'json']);
    expect(stdout).not.toMatch(/Cannot find module|ERR_/);
    expect(code).toBe(0); // dry-run: would-fix findings are reported, not an error
    expect(loads(loaded, '/src/sandbox/arm-sandbox.js')).toBe(true);
    const report = JSON.parse(stdout) as { records?: unknown[] };
    expect(report.records?.length ?? 0).toBeGreaterThan(0);
  });
});
