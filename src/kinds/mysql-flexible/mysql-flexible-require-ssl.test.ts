import { describe, expect, it } from 'vitest';
import control from './mysql-flexible-require-ssl';
import { controlCases } from '../../../test/helpers/control-cases';
import { mysqlFlexibleServer, mysqlParameter, sampleMysqlParameter } from '../../../test/fixtures/arm-databases-messaging';

const fix = { properties: { value: 'ON', source: 'user-override' } };
const server = mysqlFlexibleServer();
const parameter = (value: string | null | undefined) => mysqlParameter('require_secure_transport', { value });

controlCases(control, {
  pass: [
    { name: 'require_secure_transport is ON, as Azure sets it for new servers', document: parameter('ON'), resource: server },
    { name: 'the value is lower-case "on"', document: parameter('on'), resource: server },
    { name: 'the Configurations_Update example is re-pointed at require_secure_transport = ON', document: sampleMysqlParameter('require_secure_transport', 'ON'), resource: server },
  ],
  fail: [
    { name: 'require_secure_transport is OFF', document: parameter('OFF'), resource: server, path: 'properties.value', patch: fix },
    { name: 'the value is "off" from the Configurations_Update example shape', document: sampleMysqlParameter('require_secure_transport', 'off'), resource: server, patch: fix },
    { name: 'the value is absent', document: parameter(undefined), resource: server, patch: fix },
    { name: 'the value is null', document: parameter(null), resource: server, patch: fix },
    { name: 'the value is an empty string', document: parameter(''), resource: server, patch: fix },
  ],
});

describe('mysql-flexible-require-ssl', () => {
  it('targets the require_secure_transport parameter of a MySQL flexible server', () => {
    expect(control.target).toBe('configurations/require_secure_transport');
    expect(control.resourceTypes).toEqual(['Microsoft.DBforMySQL/flexibleServers']);
  });

  it('asks for the configuration write action, not the server write', () => {
    expect(control.permissions).toContain('Microsoft.DBforMySQL/flexibleServers/configurations/write');
    expect(control.permissions).not.toContain('Microsoft.DBforMySQL/flexibleServers/write');
  });
});
