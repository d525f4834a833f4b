import { singleServerRequireSsl } from './shared';

export default singleServerRequireSsl('postgresql-single-require-ssl', 'PostgreSQL', 'Microsoft.DBforPostgreSQL', [
  { appliesTo: 'any', policies: [{ id: 'd158790f-bfb0-486c-8631-2dc6b4e8e6af', displayName: 'Enforce SSL connection should be enabled for PostgreSQL database servers' }], assessment: { key: '1fde2073-a488-17e9-9534-5a3b23379b4b', displayName: 'Enforce SSL connection should be enabled for PostgreSQL database servers' } },
]);
