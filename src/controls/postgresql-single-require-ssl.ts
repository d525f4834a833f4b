import { singleServerRequireSsl } from './single-server';

export default singleServerRequireSsl('postgresql-single-require-ssl', 'PostgreSQL', 'Microsoft.DBforPostgreSQL');
