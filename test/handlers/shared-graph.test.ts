import { describe, expect, it } from 'vitest';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import { DEFAULT_CONFIG } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createRuntime } from '../../src/runtime';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { resourceGraphRoute } from '../../src/sandbox/resource-graph-route';
import { SUBSCRIPTION_ID } from '../fixtures/arm';

describe('the runtime\'s one Resource Graph client', () => {
  it('resolves management groups through the one client the sweep shares, made on first use', async () => {
    const sandbox = new ArmSandbox({ managementGroups: { 'mg-prod': { subscriptions: [SUBSCRIPTION_ID] } } });
    sandbox.addRoute(resourceGraphRoute(sandbox));
    const runtime = createRuntime({
      config: { ...DEFAULT_CONFIG, allowedManagementGroups: ['mg-prod'] },
      credential: sandbox.credential, endpoint: sandbox.endpoint, httpClient: sandbox.httpClient,
      audit: new MemoryAuditStore(), logger: createLogger({ level: 'silent' }),
    });
    expect(sandbox.counts().total).toBe(0);
    expect(await runtime.scope.subscriptions()).toEqual([SUBSCRIPTION_ID]);
    expect(runtime.resourceGraph()).toBe(runtime.resourceGraph());
    expect(runtime.resourceGraph().queriesMade).toBe(1);
  });
});
