import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKER_NODE_ARGUMENTS } from '../../src/deploy/worker-arguments';

const ROOT = join(__dirname, '../..');

describe('Node flags of the deployed worker', () => {
  it('are what infra/app.bicep sets for the Functions worker', () => {
    const app = readFileSync(join(ROOT, 'infra/app.bicep'), 'utf8');
    const setting = /name:\s*'languageWorkers__node__arguments'\s*value:\s*'([^']*)'/.exec(app);
    expect(setting?.[1]).toBe(WORKER_NODE_ARGUMENTS);
  });

  it('are what npm run bench runs with, so its figures describe the deployment', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.bench.split(/\s+/)).toContain(WORKER_NODE_ARGUMENTS);
  });

  it('are only V8 heap sizing flags, nothing that changes behaviour', () => {
    for (const flag of WORKER_NODE_ARGUMENTS.split(/\s+/)) expect(flag).toMatch(/^--max-(semi|old)-space-size=\d+$/);
  });
});
