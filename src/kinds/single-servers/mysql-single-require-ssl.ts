import { singleServerRequireSsl } from './shared';

export default singleServerRequireSsl('mysql-single-require-ssl', 'MySQL', 'Microsoft.DBforMySQL');
