import { defineControl, fail, pass, readPath, SELF } from '../../controls/types';
import { REDIS_PERMISSIONS, REDIS_TYPE } from './shared';

const PATH = 'properties.enableNonSslPort';

export default defineControl({
  id: 'redis-ssl-only',
  title: 'Azure Cache for Redis keeps the non-TLS port (6379) closed',
  summary: { resource: 'Azure Cache for Redis', compliantWhen: '`enableNonSslPort = false`', fix: 'PATCH (long-running)' },
  recommendations: [
    { appliesTo: 'any', policies: [{ id: '22bee202-a82f-4305-9a2a-6d7f44d4dedb', displayName: 'Only secure connections to your Azure Cache for Redis should be enabled' }], assessment: { key: '35b25be2-d08a-e340-45ed-f08a95d804fc', displayName: 'Redis Cache should allow access only via SSL' } },
  ],
  resourceTypes: [REDIS_TYPE],
  target: SELF,
  permissions: [...REDIS_PERMISSIONS],
  defaultMode: 'enforce',
  doc: {
    why: 'With enableNonSslPort the cache listens on port 6379 without TLS, so the access key (sent by AUTH) and every cached value cross the network in clear text. Port 6380 always requires TLS.',
    fix: 'PATCH the cache with {"properties":{"enableNonSslPort":false}}; Redis_Update is long-running and the writer waits for it. An absent field counts as compliant: the REST spec (2024-11-01) defaults it to false, so ARM reports it on every GET; an explicit null or a non-boolean fails.',
    sideEffects: 'Clients connecting to port 6379 without TLS are refused: connection strings without ssl=True, redis-cli without --tls, and old client libraries that cannot do TLS. They must use port 6380 with TLS.',
    exemptWhen: 'A workload inside a private network whose Redis client cannot do TLS and is being replaced. Prefer a client upgrade; exempt with an until date and the client named in the reason.',
  },
  evaluate: (cache) => {
    const actual = readPath(cache, PATH);
    // Absent means the service default, which the spec says is false (port closed). An explicit
    // null is not what ARM writes for a defaulted boolean, so it says nothing and fails.
    if (actual === undefined || actual === false) return pass();
    return fail(PATH, actual, false);
  },
  fix: () => ({ properties: { enableNonSslPort: false } }),
  fixPaths: ['properties.enableNonSslPort'],
});
