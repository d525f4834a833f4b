// Test-only (see ../fixture-types.ts): built from the real samples in test/fixtures/samples (SOURCES.md).
import type { KindFixtures } from '../fixture-types';
import { postgresqlFlexibleServer, postgresqlFlexibleServerId, postgresqlParameter } from '../../../test/fixtures/arm-databases-messaging';

export const fixtures: KindFixtures = {
  resources: () => [
    postgresqlFlexibleServer(),
    postgresqlParameter('require_secure_transport', { value: 'off' }),
    postgresqlParameter('ssl_min_protocol_version', { value: 'TLSv1.2' }),
  ],
  fixes: ['postgresql-flexible-require-ssl'],
  failsEveryControl: () => [postgresqlFlexibleServer(), postgresqlParameter('require_secure_transport', { value: 'off' }), postgresqlParameter('ssl_min_protocol_version', { value: 'TLSv1' })],
  enforceCases: [
    {
      control: 'postgresql-flexible-require-ssl',
      estate: () => [postgresqlFlexibleServer(), postgresqlParameter('require_secure_transport', { value: 'off' })],
      resourceId: postgresqlFlexibleServerId(), target: 'configurations/require_secure_transport', patch: { properties: { value: 'on', source: 'user-override' } },
      documentId: `${postgresqlFlexibleServerId()}/configurations/require_secure_transport`,
    },
    {
      control: 'postgresql-flexible-min-tls',
      estate: () => [postgresqlFlexibleServer(), postgresqlParameter('ssl_min_protocol_version', { value: 'TLSv1' })],
      resourceId: postgresqlFlexibleServerId(), target: 'configurations/ssl_min_protocol_version', patch: { properties: { value: 'TLSv1.2', source: 'user-override' } },
      documentId: `${postgresqlFlexibleServerId()}/configurations/ssl_min_protocol_version`,
    },
  ],
};
