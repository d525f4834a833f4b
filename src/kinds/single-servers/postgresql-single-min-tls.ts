import { singleServerMinTls } from './shared';

export default singleServerMinTls('postgresql-single-min-tls', 'PostgreSQL', 'Microsoft.DBforPostgreSQL');
