import { describe, expect, it } from 'vitest';
import control from './postgresql-flexible-require-ssl';
import { controlCases } from '../../../test/helpers/control-cases';
import { postgresqlFlexibleServer, postgresqlParameter, samplePostgresqlParameter } from '../../../test/fixtures/arm-databases-messaging';

const fix = { properties: { value: 'on', source: 'user-override' } };
const server = postgresqlFlexibleServer();
const parameter = (value: string | null | undefined) => postgresqlParameter('require_secure_transport', { value });

controlCases(control, {
  pass: [
    { name: 'require_secure_transport is on, Azure\'s default', document: parameter('on'), resource: server },
    { name: 'the value is upper-case "ON"', document: parameter('ON'), resource: server },
    { name: 'the Configurations_Update example is re-pointed at require_secure_transport = on', document: samplePostgresqlParameter('require_secure_transport', 'on'), resource: server },
  ],
  fail: [
    { name: 'require_secure_transport is off', document: parameter('off'), resource: server, path: 'properties.value', patch: fix },
    { name: 'the example shape holds "OFF"', document: samplePostgresqlParameter('require_secure_transport', 'OFF'), resource: server, patch: fix },
    { name: 'the value is absent', document: parameter(undefined), resource: server, patch: fix },
    { name: 'the value is null', document: parameter(null), resource: server, patch: fix },
  ],
});

describe('postgresql-flexible-require-ssl', () => {
  it('targets the require_secure_transport parameter of a PostgreSQL flexible server', () => {
    expect(control.target).toBe('configurations/require_secure_transport');
    expect(control.resourceTypes).toEqual(['Microsoft.DBforPostgreSQL/flexibleServers']);
    expect(control.fixNeedsRestart).toBeFalsy();
  });
});
