import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/controls';
import {
  EVENT_GRID_MAX_FILTER_VALUES,
  advancedFilters,
  filterValueCount,
  filtersMatch,
  writeOperations,
} from '../../src/deploy/event-filter';
import { SAMPLES_DIR, sampleFiles } from '../events/samples';
import { fakeCatalog, fakeControl } from './fixtures';

/** Every data.operationName in the recorded Event Grid samples. */
function sampleOperationNames(): string[] {
  const names: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'operationName' && typeof child === 'string') names.push(child);
        else visit(child);
      }
    }
  };
  for (const file of sampleFiles()) visit(JSON.parse(readFileSync(join(SAMPLES_DIR, file), 'utf8')) as unknown);
  return names;
}

describe('writeOperations', () => {
  it('names the resource write for self targets and the child-type write for child targets', () => {
    expect(writeOperations(fakeCatalog)).toEqual([
      'Microsoft.DBforMySQL/flexibleServers/configurations/write',
      'Microsoft.DBforMySQL/flexibleServers/write',
      'Microsoft.Storage/storageAccounts/write',
      'Microsoft.Web/sites/config/write',
      'Microsoft.Web/sites/slots/config/write',
      'Microsoft.Web/sites/slots/write',
      'Microsoft.Web/sites/write',
    ]);
  });

  it('lists an operation once when two controls share it, keeping ARM\'s casing', () => {
    const twice = [fakeControl({ id: 'fake-a' }), fakeControl({ id: 'fake-b', resourceTypes: ['microsoft.storage/storageaccounts'] })];
    expect(writeOperations(twice)).toEqual(['Microsoft.Storage/storageAccounts/write']);
  });

  it('spells operations exactly as the recorded Event Grid samples do', () => {
    const operations = new Set(writeOperations(catalog));
    const handledTypes = catalog.flatMap((c) => c.resourceTypes.map((t) => t.toLowerCase()));
    const recordedWrites = sampleOperationNames().filter((op) => op.endsWith('/write'));
    const relevant = recordedWrites.filter((op) => handledTypes.some((t) => op.toLowerCase().startsWith(`${t}/`)));
    // The samples hold a storage account write and an App Service config/web write.
    expect(relevant).toContain('Microsoft.Storage/storageAccounts/write');
    expect(relevant).toContain('Microsoft.Web/sites/config/write');
    for (const op of relevant) expect(operations.has(op), op).toBe(true);
  });

  it('covers every resource type and child target of the shipped catalog', () => {
    // Event Grid's StringIn is case-insensitive, and ARM itself mixes `Redis` and `redis`.
    const operations = writeOperations(catalog).map((op) => op.toLowerCase());
    for (const control of catalog) {
      for (const type of control.resourceTypes) {
        expect(operations, `${control.id} ${type}`).toContain(`${type}/write`.toLowerCase());
        if (control.target !== 'self') expect(operations, `${control.id} ${type}`).toContain(`${type}/${control.target.split('/')[0]}/write`.toLowerCase());
      }
    }
  });
});

describe('advancedFilters', () => {
  it('is a single StringIn on data.operationName while the operations fit Event Grid\'s limit', () => {
    expect(advancedFilters(fakeCatalog)).toEqual([
      { operatorType: 'StringIn', key: 'data.operationName', values: writeOperations(fakeCatalog) },
    ]);
  });

  it('fits the shipped catalog within 25 filter values and lets every handled write through', () => {
    const filters = advancedFilters(catalog);
    expect(filterValueCount(filters)).toBeLessThanOrEqual(EVENT_GRID_MAX_FILTER_VALUES);
    for (const op of writeOperations(catalog)) expect(filtersMatch(filters, op), op).toBe(true);
  });

  it('keeps out writes no control handles, and deletes', () => {
    const filters = advancedFilters(fakeCatalog);
    expect(filtersMatch(filters, 'Microsoft.Compute/virtualMachines/write')).toBe(false);
    expect(filtersMatch(filters, 'Microsoft.Storage/storageAccounts/delete')).toBe(false);
    expect(filtersMatch(filters, 'microsoft.storage/storageaccounts/write')).toBe(true);
  });

  it('widens to type prefixes ending in /write when the operations exceed 25 values', () => {
    // 13 types with a child target: 26 operations, 13 prefixes.
    const many = Array.from({ length: 13 }, (_, i) => fakeControl({ id: `fake-type-${i}`, resourceTypes: [`Microsoft.Fake${i % 3}/things${i}`], target: 'config/web' }));
    expect(writeOperations(many)).toHaveLength(26);
    const filters = advancedFilters(many);
    expect(filters.map((f) => f.operatorType)).toEqual(['StringBeginsWith', 'StringEndsWith']);
    expect(filters[0].values).toHaveLength(13);
    expect(filters[0].values).toContain('Microsoft.Fake1/things1/');
    expect(filterValueCount(filters)).toBeLessThanOrEqual(EVENT_GRID_MAX_FILTER_VALUES);
    for (const op of writeOperations(many)) expect(filtersMatch(filters, op), op).toBe(true);
    expect(filtersMatch(filters, 'Microsoft.Fake1/things1/delete')).toBe(false);
    expect(filtersMatch(filters, 'Microsoft.Other/things1/write')).toBe(false);
  });

  it('falls back to provider namespaces when even the type prefixes do not fit', () => {
    const many = Array.from({ length: 60 }, (_, i) => fakeControl({ id: `fake-type-${i}`, resourceTypes: [`Microsoft.Fake${i % 4}/things${i}`] }));
    const filters = advancedFilters(many);
    expect(filters[0]).toEqual({ operatorType: 'StringBeginsWith', key: 'data.operationName', values: ['Microsoft.Fake0/', 'Microsoft.Fake1/', 'Microsoft.Fake2/', 'Microsoft.Fake3/'] });
    for (const op of writeOperations(many)) expect(filtersMatch(filters, op), op).toBe(true);
  });

  it('refuses a catalog spanning more namespaces than one subscription can filter on', () => {
    const many = Array.from({ length: 30 }, (_, i) => fakeControl({ id: `fake-type-${i}`, resourceTypes: [`Microsoft.Fake${i}/things`] }));
    expect(() => advancedFilters(many)).toThrow(/at most 25 values/);
  });
});

describe('writeOperations spelling', () => {
  it('takes the RBAC action\'s casing from the control\'s permissions when it names the write', () => {
    const redis = fakeControl({ id: 'fake-redis', resourceTypes: ['Microsoft.Cache/Redis'], permissions: ['Microsoft.Cache/redis/read', 'Microsoft.Cache/redis/write'] });
    expect(writeOperations([redis])).toEqual(['Microsoft.Cache/redis/write']);
  });
});
