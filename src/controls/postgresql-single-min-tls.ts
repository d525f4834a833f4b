import { singleServerMinTls } from './single-server';

export default singleServerMinTls('postgresql-single-min-tls', 'PostgreSQL', 'Microsoft.DBforPostgreSQL');
