import { describe, expect, it } from 'vitest';
import control from './postgresql-flexible-min-tls';
import { controlCases } from '../../../test/helpers/control-cases';
import { postgresqlFlexibleServer, postgresqlParameter, samplePostgresqlParameter } from '../../../test/fixtures/arm-databases-messaging';

const fix = { properties: { value: 'TLSv1.2', source: 'user-override' } };
const server = postgresqlFlexibleServer();
const parameter = (value: string | null | undefined) => postgresqlParameter('ssl_min_protocol_version', { value });

controlCases(control, {
  pass: [
    { name: 'ssl_min_protocol_version is TLSv1.2, Azure\'s default', document: parameter('TLSv1.2'), resource: server },
    { name: 'ssl_min_protocol_version is the stricter TLSv1.3', document: parameter('TLSv1.3'), resource: server },
    { name: 'the Configurations_Update example is re-pointed at ssl_min_protocol_version = TLSv1.2', document: samplePostgresqlParameter('ssl_min_protocol_version', 'TLSv1.2'), resource: server },
  ],
  fail: [
    { name: 'ssl_min_protocol_version is TLSv1', document: parameter('TLSv1'), resource: server, path: 'properties.value', patch: fix },
    { name: 'ssl_min_protocol_version is TLSv1.1 in the example shape', document: samplePostgresqlParameter('ssl_min_protocol_version', 'TLSv1.1'), resource: server, patch: fix },
    { name: 'the value is absent', document: parameter(undefined), resource: server, patch: fix },
    { name: 'the value is the storage spelling TLS1_2', document: parameter('TLS1_2'), resource: server, patch: fix },
  ],
});

describe('postgresql-flexible-min-tls', () => {
  it('enforces without a restart: the parameter is dynamic', () => {
    expect(control.defaultMode).toBe('enforce');
    expect(control.fixNeedsRestart).toBeFalsy();
    expect(postgresqlParameter('ssl_min_protocol_version').properties).toMatchObject({ isDynamicConfig: true });
  });
});
