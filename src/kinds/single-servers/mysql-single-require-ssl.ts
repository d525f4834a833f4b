import { singleServerRequireSsl } from './shared';

export default singleServerRequireSsl('mysql-single-require-ssl', 'MySQL', 'Microsoft.DBforMySQL', [
  { appliesTo: 'any', policies: [{ id: 'e802a67a-daf5-4436-9ea6-f6d821dd0c5d', displayName: 'Enforce SSL connection should be enabled for MySQL database servers' }], assessment: { key: '1f6d29f6-4edb-ea39-042b-de8f123ddd39', displayName: 'Enforce SSL connection should be enabled for MySQL database servers' } },
]);
