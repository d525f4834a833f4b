import { singleServerRequireSsl } from './single-server';

export default singleServerRequireSsl('mysql-single-require-ssl', 'MySQL', 'Microsoft.DBforMySQL');
