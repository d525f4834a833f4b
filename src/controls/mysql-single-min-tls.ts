import { singleServerMinTls } from './single-server';

export default singleServerMinTls('mysql-single-min-tls', 'MySQL', 'Microsoft.DBforMySQL');
