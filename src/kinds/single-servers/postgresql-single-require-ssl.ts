import { singleServerRequireSsl } from './shared';

export default singleServerRequireSsl('postgresql-single-require-ssl', 'PostgreSQL', 'Microsoft.DBforPostgreSQL');
