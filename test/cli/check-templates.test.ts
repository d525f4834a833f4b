import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/controls';
import { storageAccount } from '../fixtures/arm';
import { runCli } from '../helpers/cli';

const TEMPLATES = path.resolve(__dirname, '../fixtures/templates');
const template = (name: string): string => path.join(TEMPLATES, name);
// The SARIF 2.1.0 schema as Microsoft's sarif-js-sdk ships it (@microsoft/jest-sarif, a dev dependency).
const SARIF_SCHEMA = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
const validateSarif = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(SARIF_SCHEMA);

interface SarifResult { ruleId: string; level: string; message: { text: string }; suppressions?: { justification: string }[]; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }

describe('transit-warden check on deployment templates', () => {
  it('detects a template from its shape: unknown for values only a deployment knows, exit 1 for the fails it can prove', async () => {
    const result = await runCli(['check', template('web-app.json'), '--format', 'json']);
    expect(result.code).toBe(1);
    const { results } = JSON.parse(result.stdout) as { results: { control: string; status: string; template: { path: string } }[] };
    expect(results.find((r) => r.control === 'appservice-https-only')).toMatchObject({ status: 'unknown', template: { path: 'resources[1]' } });
    expect(results.find((r) => r.control === 'appservice-ftps-only')).toMatchObject({ status: 'fail' });
  });

  it('says on stderr what the reader left out, and exits 0 on unknowns alone', async () => {
    const result = await runCli(['check', template('bicep-build.json')]);
    expect(result.stderr).toMatch(/note: resources\.accounts: its copy count is not known offline/);
    // The legacy accounts at 2018-07-01 fail on the secure-transfer default of that api-version.
    expect(result.code).toBe(1);
    const nested = await runCli(['check', template('nested.json'), '--format', 'json']);
    expect(nested.stderr).toMatch(/linked template/);
    expect(JSON.parse(nested.stdout).notes).toEqual([expect.stringMatching(/linked template/)]);
    const onlyUnknown = { contentVersion: '1.0.0.0', parameters: { tls: { type: 'string' } }, resources: [{ type: 'Microsoft.Cache/redis', apiVersion: '2024-11-01', name: 'c', properties: { enableNonSslPort: false, minimumTlsVersion: "[parameters('tls')]" } }] };
    const unknown = await runCli(['check', '-'], JSON.stringify(onlyUnknown));
    expect(unknown.stdout).toMatch(/UNKNOWN +redis-min-tls/);
    expect(unknown.stdout).toMatch(/1 pass, 0 fail, 0 exempt, 1 unknown, 0 error/);
    expect(unknown.code).toBe(0);
  });

  it('takes --parameters values', async () => {
    const result = await runCli(['check', template('web-app.json'), '--parameters', template('web-app.parameters.json'), '--format', 'json']);
    const { results } = JSON.parse(result.stdout) as { results: { control: string; status: string }[] };
    expect(results.find((r) => r.control === 'appservice-https-only')?.status).toBe('fail');
    expect(result.code).toBe(1);
  });

  it('refuses what it cannot read as asked, with exit 2 and the reason', async () => {
    const forced = await runCli(['check', '-', '--input', 'arm'], JSON.stringify([storageAccount({})]));
    expect(forced.code).toBe(2);
    expect(forced.stderr).toMatch(/is not an ARM deployment template/);
    const parameters = await runCli(['check', '-', '--parameters', template('web-app.parameters.json')], JSON.stringify(storageAccount({})));
    expect(parameters.code).toBe(2);
    expect(parameters.stderr).toMatch(/--parameters applies to a deployment template/);
    const badParameters = await runCli(['check', template('web-app.json'), '--parameters', template('web-app.json')]);
    expect(badParameters.code).toBe(2);
    expect(badParameters.stderr).toMatch(/parameter webAppName has neither "value" nor "reference"/);
    const resources = await runCli(['check', template('web-app.json'), '--input', 'resources']);
    expect(resources.code).toBe(2);
  });
});

describe('transit-warden check --format sarif', () => {
  it('writes SARIF 2.1.0 that validates: one rule per control, results at the template line of their resource', async () => {
    const result = await runCli(['check', template('web-app.json'), '--parameters', template('web-app.parameters.json'), '--format', 'sarif']);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout) as { version: string; runs: { tool: { driver: { rules: { id: string; help: { markdown: string } }[] } }; results: SarifResult[] }[] };
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(log.version).toBe('2.1.0');
    const [run] = log.runs;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(catalog.map((c) => c.id));
    expect(run.tool.driver.rules[0].help.markdown).toContain('**Fix:**');
    const lines = readFileSync(template('web-app.json'), 'utf8').split('\n');
    const https = run.results.find((r) => r.ruleId === 'appservice-https-only') as SarifResult;
    expect(https.level).toBe('error');
    const { artifactLocation, region } = https.locations[0].physicalLocation;
    expect(artifactLocation.uri).toBe(path.relative(process.cwd(), template('web-app.json')).split(path.sep).join('/'));
    // The region starts at the resource's opening brace: the line before its "type": "Microsoft.Web/sites".
    expect(lines[region?.startLine as number]).toMatch(/"type": "Microsoft\.Web\/sites"/);
    // Passes are left out.
    expect(run.results.some((r) => r.ruleId === 'appservice-scm-min-tls')).toBe(false);
  });

  it('writes exempt findings as suppressed results with the exemption\'s reason, and validates for plain resource input too', async () => {
    const exempt = storageAccount({ minimumTlsVersion: 'TLS1_0', supportsHttpsTrafficOnly: true });
    exempt.tags = { 'transit-warden-exempt': 'storage-min-tls', 'transit-warden-exempt-reason': 'backup appliance until PRJ-77' };
    const result = await runCli(['check', '-', '--format', 'sarif'], JSON.stringify(exempt));
    expect(result.code).toBe(0);
    const log = JSON.parse(result.stdout) as { runs: { results: SarifResult[] }[] };
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(log.runs[0].results).toEqual([
      expect.objectContaining({ ruleId: 'storage-min-tls', suppressions: [expect.objectContaining({ justification: expect.stringContaining('backup appliance until PRJ-77') })] }),
    ]);
    expect(log.runs[0].results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'stdin' } });
  });

  it('fails validation when a result leaves the schema (the check can fail)', () => {
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ level: 'severe', message: { text: 'x' } }] }] })).toBe(false);
  });
});
