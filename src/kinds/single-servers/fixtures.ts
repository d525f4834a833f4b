// Test-only (see ../fixture-types.ts): built from the real samples in test/fixtures/samples (SOURCES.md).
import type { KindFixtures } from '../fixture-types';
import { mysqlSingleServer, postgresqlSingleServer } from '../../../test/fixtures/arm-databases-messaging';

/** Retired: every control is report-only, so nothing to fix and no enforce case. */
export const fixtures: KindFixtures = {
  resources: () => [mysqlSingleServer({ sslEnforcement: 'Disabled' }), postgresqlSingleServer({ minimalTlsVersion: 'TLS1_1' })],
  fixes: [],
  failsEveryControl: () => [mysqlSingleServer({ sslEnforcement: 'Disabled' }), postgresqlSingleServer({ minimalTlsVersion: 'TLS1_1' })],
  enforceCases: [],
};
