import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { storageAccount } from '../fixtures/arm';
import { runCli } from '../helpers/cli';

const PLAN = path.resolve(__dirname, '../fixtures/templates/terraform/plan.json');
const TEMPLATE = path.resolve(__dirname, '../fixtures/templates/web-app.json');
const SARIF_SCHEMA = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
const validateSarif = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(SARIF_SCHEMA);

interface SarifResult { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } }; logicalLocations: { fullyQualifiedName: string }[] }[] }

const onlyUnknown = {
  format_version: '1.2',
  terraform_version: '1.9.5',
  resource_changes: [{
    address: 'azurerm_redis_cache.c', mode: 'managed', type: 'azurerm_redis_cache', name: 'c', provider_name: 'registry.terraform.io/hashicorp/azurerm',
    change: { actions: ['create'], before: null, after: { name: 'c', non_ssl_port_enabled: false }, after_unknown: { minimum_tls_version: true, id: true } },
  }],
};

describe('transit-warden check on a Terraform plan', () => {
  it('detects a plan from its shape, exits 1 on a fail and names each result by its address', async () => {
    const result = await runCli(['check', PLAN, '--format', 'json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/note: not judged, as the plan destroys them: azurerm_storage_account\.old/);
    const { results } = JSON.parse(result.stdout) as { results: { control: string; status: string; template: { path: string } }[] };
    expect(results.find((r) => r.control === 'appservice-https-only')).toMatchObject({ status: 'fail', template: { path: 'module.web.azurerm_linux_web_app.app' } });
    const table = await runCli(['check', PLAN]);
    expect(table.stdout).toMatch(/UNKNOWN +redis-min-tls +cache-app \(azurerm_redis_cache\.cache\)/);
  });

  it('exits 0 when nothing fails, unknowns included, and reads the plan from standard input when forced', async () => {
    const result = await runCli(['check', '-', '--input', 'terraform-plan'], JSON.stringify(onlyUnknown));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1 pass, 0 fail, 0 exempt, 1 unknown, 0 error/);
  });

  it('refuses what is not a plan under --input terraform-plan, and a plan read as something else, with exit 2', async () => {
    const template = await runCli(['check', TEMPLATE, '--input', 'terraform-plan']);
    expect(template.code).toBe(2);
    expect(template.stderr).toMatch(/is not a Terraform plan: `terraform show -json PLAN` writes an object with "format_version".*\[INVALID_INPUT\]/);
    const resources = await runCli(['check', '-', '--input', 'terraform-plan'], JSON.stringify([storageAccount({})]));
    expect(resources.code).toBe(2);
    expect(resources.stderr).toMatch(/standard input is not a Terraform plan|is not a Terraform plan/);
    const asArm = await runCli(['check', PLAN, '--input', 'arm']);
    expect(asArm.code).toBe(2);
    expect(asArm.stderr).toMatch(/is not an ARM deployment template/);
    const withParameters = await runCli(['check', PLAN, '--parameters', TEMPLATE]);
    expect(withParameters.code).toBe(2);
    expect(withParameters.stderr).toMatch(/--parameters applies to a deployment template/);
  });

  it('writes SARIF that validates, at the line of each resource\'s address, with the address as a logical location', async () => {
    const result = await runCli(['check', PLAN, '--format', 'sarif']);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout) as { runs: { results: SarifResult[] }[] };
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const lines = readFileSync(PLAN, 'utf8').split('\n');
    const https = log.runs[0].results.find((r) => r.ruleId === 'appservice-https-only') as SarifResult;
    const [location] = https.locations;
    expect(location.physicalLocation.artifactLocation.uri).toBe(path.relative(process.cwd(), PLAN).split(path.sep).join('/'));
    expect(lines[(location.physicalLocation.region?.startLine as number) - 1]).toMatch(/"address": "module\.web\.azurerm_linux_web_app\.app"/);
    expect(location.logicalLocations[0].fullyQualifiedName).toBe('module.web.azurerm_linux_web_app.app');
    expect(log.runs[0].results.find((r) => r.ruleId === 'redis-min-tls')?.level).toBe('warning');
  });
});
