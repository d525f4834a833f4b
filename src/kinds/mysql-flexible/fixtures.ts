// Test-only (see ../fixture-types.ts): built from the real samples in test/fixtures/samples (SOURCES.md).
import type { KindFixtures } from '../fixture-types';
import { mysqlFlexibleServer, mysqlFlexibleServerId, mysqlParameter } from '../../../test/fixtures/arm-databases-messaging';

export const fixtures: KindFixtures = {
  resources: (options) => [
    mysqlFlexibleServer(),
    mysqlParameter('require_secure_transport', { value: 'OFF' }),
    mysqlParameter('tls_version', { value: options.mysqlTls ?? 'TLSv1.2' }),
  ],
  fixes: ['mysql-flexible-require-ssl'],
  failsEveryControl: () => [mysqlFlexibleServer(), mysqlParameter('require_secure_transport', { value: 'OFF' }), mysqlParameter('tls_version', { value: 'TLSv1,TLSv1.1,TLSv1.2' })],
  enforceCases: [
    {
      control: 'mysql-flexible-require-ssl',
      estate: () => [mysqlFlexibleServer(), mysqlParameter('require_secure_transport', { value: 'OFF' })],
      resourceId: mysqlFlexibleServerId(), target: 'configurations/require_secure_transport', patch: { properties: { value: 'ON', source: 'user-override' } },
      documentId: `${mysqlFlexibleServerId()}/configurations/require_secure_transport`,
    },
  ],
};
