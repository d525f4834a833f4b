import { singleServerMinTls } from './shared';

export default singleServerMinTls('mysql-single-min-tls', 'MySQL', 'Microsoft.DBforMySQL');
