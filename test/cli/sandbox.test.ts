import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

const ESTATE = path.resolve(__dirname, '../../examples/estate.json');
const EVENTS = path.resolve(__dirname, '../../examples/events.json');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const readAudit = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
const byId = (estate: { id: string }[]) => new Map(estate.map((o) => [o.id.toLowerCase(), JSON.stringify(o)]));

/**
 * The objects of `out` the estate file does not list: the documents every app has that the sandbox
 * creates on load (a site's config/authsettingsV2, authentication off). Each must be such a default.
 */
function createdDefaults(estate: { id: string }[], out: { id: string; properties?: { httpSettings?: { requireHttps?: boolean } } }[]): string[] {
  const listed = new Set(estate.map((o) => o.id.toLowerCase()));
  const created = out.filter((o) => !listed.has(o.id.toLowerCase()));
  for (const o of created) {
    expect(o.id, 'a document the sandbox creates').toMatch(/\/config\/authsettingsV2$/);
    expect(o.properties?.httpSettings?.requireHttps, o.id).toBe(true);
  }
  return created.map((o) => o.id.toLowerCase());
}

function files() {
  const dir = mkdtempSync(path.join(tmpdir(), 'tw-sandbox-'));
  return { out: path.join(dir, 'out.json'), audit: path.join(dir, 'audit.jsonl') };
}

describe('transit-warden sandbox --events', () => {
  it('fixes exactly the resources the valid events name, once, and says why it skipped the rest', async () => {
    const { out, audit } = files();
    const result = await runCli(['sandbox', '--estate', ESTATE, '--events', EVENTS, '--mode', 'enforce', '--out', out, '--audit-file', audit]);
    expect(result.code).toBe(0);

    const before = byId(readJson(ESTATE));
    const after = byId(readJson(out));
    const created = new Set(createdDefaults(readJson(ESTATE), readJson(out)));
    const changed = [...after.keys()].filter((id) => !created.has(id) && after.get(id) !== before.get(id)).map((id) => id.split('/providers/')[1]);
    expect(changed.sort()).toEqual([
      'microsoft.cache/redis/contoso-sessions',
      'microsoft.storage/storageaccounts/contososhopdata',
      'microsoft.web/sites/contoso-shop',
      'microsoft.web/sites/contoso-shop/config/web',
    ]);

    const records = readAudit(audit);
    const fixes = records.filter((r) => r.outcome === 'fixed');
    expect(new Set(fixes.map((r) => `${r.resourceId}|${r.control}`)).size).toBe(fixes.length);
    expect(fixes.find((r) => r.control === 'appservice-min-tls')).toMatchObject({ trigger: 'event', actor: 'bob@contoso.com', eventId: 'a1f3c5e7-0001-4b2d-9e8f-000000000001' });
    // A service principal has no upn: the actor falls back to its name claim.
    expect(fixes.find((r) => r.control === 'redis-ssl-only')?.actor).toBe('deploy-pipeline');

    expect(result.stdout).toMatch(/duplicate\s+a1f3c5e7-0001/);
    expect(result.stdout).toMatch(/ignored\s+a1f3c5e7-0003.+appsettings/);
    expect(result.stdout).toMatch(/out of scope\s+a1f3c5e7-0004/);
    expect(result.stdout).toMatch(/rejected\s+a1f3c5e7-0006.+traversal/);
    expect(result.stdout).toMatch(/ignored\s+a1f3c5e7-0007.+deployment/);
    expect(result.stdout).toMatch(/ignored\s+a1f3c5e7-0008.+delete/);
  });

  it('writes nothing in dry-run and records would-fix for the same events', async () => {
    const { out, audit } = files();
    const result = await runCli(['sandbox', '--estate', ESTATE, '--events', EVENTS, '--out', out, '--audit-file', audit]);
    expect(result.code).toBe(0);
    const created = new Set(createdDefaults(readJson(ESTATE), readJson(out)));
    const listed = (readJson(out) as { id: string }[]).filter((o) => !created.has(o.id.toLowerCase()));
    expect(listed).toEqual(readJson(ESTATE).map((o: object) => expect.objectContaining(o)));
    expect(readAudit(audit).some((r) => r.outcome === 'would-fix')).toBe(true);
    expect(readAudit(audit).every((r) => r.outcome !== 'fixed')).toBe(true);
  });

  it('refuses to run without --sweep or --events', async () => {
    const result = await runCli(['sandbox', '--estate', ESTATE]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nothing to do/);
  });
});

describe('transit-warden sandbox --sweep', () => {
  it('fixes a realistic estate and leaves exempt, dry-run-tagged and report-only resources untouched', async () => {
    const { out, audit } = files();
    const result = await runCli(['sandbox', '--estate', ESTATE, '--sweep', '--mode', 'enforce', '--out', out, '--audit-file', audit]);
    expect(result.code).toBe(0);
    const after = readJson(out) as { id: string; properties: Record<string, unknown> }[];
    const find = (suffix: string) => after.find((o) => o.id.toLowerCase().endsWith(suffix.toLowerCase()));
    expect(find('/sites/contoso-pos-gateway/config/web')?.properties.minTlsVersion).toBe('1.0'); // resource-group exemption
    expect(find('/storageAccounts/contosologs')?.properties.minimumTlsVersion).toBe('TLS1_1'); // transit-warden-mode: dry-run
    expect(find('/sites/contoso-shop')?.properties.clientCertEnabled).toBe(false); // report-only control
    expect(find('/sites/contoso-shop/config/web')?.properties).toMatchObject({ minTlsVersion: '1.2', scmMinTlsVersion: '1.2', ftpsState: 'FtpsOnly' });
    expect(find('/storageAccounts/contososhopdata')?.properties).toMatchObject({ supportsHttpsTrafficOnly: true, minimumTlsVersion: 'TLS1_2' });
    expect(find('/Redis/contoso-sessions')?.properties).toMatchObject({ enableNonSslPort: false, minimumTlsVersion: '1.2' });
    const outcomes = readAudit(audit).map((r) => r.outcome);
    expect(outcomes).toEqual(expect.arrayContaining(['fixed', 'exempt', 'would-fix', 'noncompliant']));
    expect(outcomes).not.toContain('failed');
  });
});

describe('sandbox run with resources the sweep could not evaluate', () => {
  it('lists them and exits 1, though no record failed', async () => {
    const { ArmSandbox } = await import('../../src/sandbox/arm-sandbox');
    const { formatRun, sandboxExitCode } = await import('../../src/cli/sandbox-command');
    const sweep = { runId: 'sweep-x', rows: 1, candidates: 1, evaluated: 1, records: [], errors: [{ resourceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1', reason: 'ARM answered 503 ServiceUnavailable' }] };
    const run = { sandbox: new ArmSandbox(), records: [], sweep };
    expect(sandboxExitCode(run)).toBe(1);
    expect(sandboxExitCode({ records: [], sweep: { ...sweep, errors: [] } })).toBe(0);
    expect(formatRun(run, 'enforce')).toMatch(/NOT EVALUATED[\s\S]*storageAccounts\/st1[\s\S]*503/);
  });
});
