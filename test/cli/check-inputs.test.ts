import { describe, expect, it } from 'vitest';
import { storageAccount, storageAccountId } from '../fixtures/arm';
import { runCli } from '../helpers/cli';

const SUB = '00000000-0000-0000-0000-0000000000aa';
const json = (value: unknown) => JSON.stringify(value);
type Result = { resourceId: string; control: string; status: string; reason: string };

describe('transit-warden check on what az and Resource Graph really return', () => {
  it('says `az resource list` output has no properties (exit 2), instead of calling the account noncompliant', async () => {
    const id = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/x`;
    const input = json([{ id, type: 'Microsoft.Storage/storageAccounts', properties: null }]);
    const result = await runCli(['check', '-', '--format', 'json'], input);
    const results = JSON.parse(result.stdout).results as Result[];
    expect(results.map((r) => [r.control, r.status])).toEqual([['storage-https-only', 'error'], ['storage-min-tls', 'error']]);
    expect(results[0].reason).toContain(`az resource show --ids ${id}`);
    expect(result.code).toBe(2);
  });

  it('shows the reason in the table', async () => {
    const result = await runCli(['check'], json([{ ...storageAccount(), properties: null }]));
    expect(result.stdout).toMatch(/ERROR\s+storage-https-only\s+stcontoso001\s+properties/);
    expect(result.stdout).toMatch(/0 pass, 0 fail, 0 exempt, 2 error/);
    expect(result.code).toBe(2);
  });

  it.each([
    ['a subscription-scoped resource', { id: `/subscriptions/${SUB}/providers/Microsoft.Security/pricings/VirtualMachines`, type: 'Microsoft.Security/pricings', properties: { pricingTier: 'Standard' } }],
    ['an extension resource', { id: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/x/providers/Microsoft.Insights/diagnosticSettings/y`, type: 'Microsoft.Insights/diagnosticSettings', properties: {} }],
    ['a Resource Graph resourcecontainers row', { id: `/subscriptions/${SUB}/resourceGroups/rg`, type: 'microsoft.resources/subscriptions/resourcegroups', tags: {}, properties: {} }],
  ])('evaluates the storage account next to %s', async (_, other) => {
    const result = await runCli(['check', '-', '--format', 'json'], json([other, storageAccount({ minimumTlsVersion: 'TLS1_0' })]));
    expect(result.stderr).toBe('');
    const results = JSON.parse(result.stdout).results as Result[];
    expect(results.map((r) => [r.resourceId, r.control, r.status])).toEqual([
      [storageAccountId(), 'storage-https-only', 'pass'],
      [storageAccountId(), 'storage-min-tls', 'fail'],
    ]);
    expect(result.code).toBe(1);
  });

  it('honours exemption tags on a Resource Graph resource-group row', async () => {
    const rg = {
      id: `/subscriptions/${SUB}/resourcegroups/rg-transit-warden`, type: 'microsoft.resources/subscriptions/resourcegroups',
      tags: { 'transit-warden-exempt': 'storage-min-tls', 'transit-warden-exempt-reason': 'Legacy appliance until PRJ-77' },
    };
    const result = await runCli(['check', '-', '--format', 'json'], json([rg, storageAccount({ minimumTlsVersion: 'TLS1_0' })]));
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout).results as Result[]).find((r) => r.control === 'storage-min-tls')?.status).toBe('exempt');
  });

  it('still exits 2 for a covered type with a malformed id, judging the rest and reporting that object as error', async () => {
    const bad = { id: `/subscriptions/${SUB}/providers/Microsoft.Storage/storageAccounts/x`, type: 'Microsoft.Storage/storageAccounts', properties: {} };
    const result = await runCli(['check', '-', '--format', 'json'], json([storageAccount(), bad]));
    expect(result.code).toBe(2);
    const lines = (JSON.parse(result.stdout) as { results: { resourceId: string; status: string; reason: string }[] }).results;
    expect(lines.filter((l) => l.resourceId === bad.id).map((l) => l.status)).toEqual(['error', 'error']);
    expect(lines.find((l) => l.resourceId === bad.id)?.reason).toMatch(/item 1: invalid resource id/);
    expect(lines.filter((l) => l.resourceId !== bad.id).every((l) => l.status === 'pass')).toBe(true);
  });
});
