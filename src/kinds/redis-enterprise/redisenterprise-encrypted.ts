import { requireValue } from '../../controls/expect';
import { defineControl, SELF } from '../../controls/types';

export default defineControl({
  id: 'redisenterprise-encrypted',
  title: 'Redis Enterprise / Azure Managed Redis databases accept only TLS connections',
  summary: { resource: 'Redis Enterprise databases', compliantWhen: '`clientProtocol = Encrypted`', fix: 'PATCH (long-running)' },
  recommendations: [],
  resourceTypes: ['Microsoft.Cache/redisEnterprise/databases'],
  target: SELF,
  // Reading the database needs no read on the cluster: the engine reads only the database id it is given.
  permissions: [
    'Microsoft.Cache/redisEnterprise/databases/read',
    'Microsoft.Cache/redisEnterprise/databases/write',
    // Databases_Update is long-running: the SDK polls …/locations/{l}/operationsStatus/{id}.
    'Microsoft.Cache/locations/operationsStatus/read',
    // Where Resource Graph is missing, the sweep lists clusters to find their databases.
    'Microsoft.Cache/redisEnterprise/read',
  ],
  defaultMode: 'enforce',
  doc: {
    why: 'A database with clientProtocol "Plaintext" serves Redis without TLS, so the access key (AUTH) and every value cross the network in clear text.',
    fix: 'PATCH the database with {"properties":{"clientProtocol":"Encrypted"}}; Databases_Update is long-running and the writer waits for it.',
    sideEffects: 'Every client must switch to TLS at the same port (10000): connections without TLS fail straight away, including redis-cli without --tls and connection strings without ssl=True. Plan it with the application owners; there is no period where both are accepted.',
    exemptWhen: 'A workload inside a private network whose client cannot do TLS and is being replaced on a dated plan.',
  },
  evaluate: (database) => requireValue(database, 'properties.clientProtocol', 'Encrypted'),
  fix: () => ({ properties: { clientProtocol: 'Encrypted' } }),
  fixPaths: ['properties.clientProtocol'],
});
