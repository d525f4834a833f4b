import { describe, expect, it } from 'vitest';
import type { ArmObject } from '../../src/controls/types';
import type { TypeFacts } from '../../src/kinds/facts';
import { FACTS_BY_KIND } from '../../src/kinds/generated/facts';
import { inKindOrder } from '../../src/kinds/names';
import { driftedEstate } from '../fixtures/drifted-estate';
import { sandboxEngine } from '../helpers/sandbox-runtime';

const TYPES: TypeFacts[] = inKindOrder(FACTS_BY_KIND).flatMap((facts) => facts.types);
const factsOf = (type: string | null): TypeFacts | undefined => TYPES.find((t) => type !== null && t.type.toLowerCase() === type.toLowerCase());

/** Ids of the resources (not child documents) of the estate that some kind covers. */
function resourceIds(estate: readonly ArmObject[]): string[] {
  return estate.filter((o) => { const f = factsOf(String(o.type)); return f !== undefined && f.document !== true; }).map((o) => String(o.id));
}

describe('requests go out at the api-versions the facts state', () => {
  it('reads every kind at its read api-version and writes it with the method and api-version of its write, over the drifted estate', async () => {
    const estate = driftedEstate({ slot: true });
    const t = sandboxEngine(estate);
    for (const id of resourceIds(estate)) await t.process(id);

    const seen = new Set<string>();
    for (const call of t.sandbox.calls) {
      if (call.kind === 'poll') continue;
      const facts = factsOf(call.resourceType);
      if (!facts) continue;
      seen.add(`${facts.type} ${call.method}`);
      if (call.method === 'GET') {
        // Service Bus reads again right before its PUT, at the same api-version.
        expect(call.apiVersion, `${call.method} ${call.path}`).toBe(facts.read.apiVersion);
      } else {
        const write = [facts.update, facts.replace].find((w) => w?.method === call.method);
        expect(write, `${call.method} ${call.path}: a write the facts of ${facts.type} state`).toBeDefined();
        expect(call.apiVersion, `${call.method} ${call.path}`).toBe(write?.apiVersion);
      }
    }
    // The drift reached every fixing kind's write.
    expect([...seen].filter((s) => !s.endsWith(' GET')).sort()).toEqual([
      'Microsoft.Cache/Redis PATCH', 'Microsoft.Cache/redisEnterprise/databases PATCH', 'Microsoft.DBforMySQL/flexibleServers/configurations PATCH',
      'Microsoft.DBforPostgreSQL/flexibleServers/configurations PATCH', 'Microsoft.DocumentDB/databaseAccounts PATCH', 'Microsoft.EventHub/Namespaces PATCH',
      'Microsoft.ServiceBus/Namespaces PUT', 'Microsoft.Sql/servers PATCH', 'Microsoft.Storage/storageAccounts PATCH', 'Microsoft.Web/sites PATCH',
      'Microsoft.Web/sites/config PATCH', 'Microsoft.Web/sites/slots PATCH', 'Microsoft.Web/sites/slots/config PATCH',
    ].sort());
  });
});
