import type { ControlDefinition } from '../../controls/types';
import appServiceHttpsOnly from './appservice-https-only';
import appServiceMinTls from './appservice-min-tls';
import appServiceScmMinTls from './appservice-scm-min-tls';
import appServiceFtpsOnly from './appservice-ftps-only';
import appServiceClientCert from './appservice-client-cert';
import appServiceAuthRequireHttps from './appservice-auth-require-https';

/** The App Service sites and slots controls, in the order of DESIGN.md's control table. */
export const controls: readonly ControlDefinition[] = [appServiceHttpsOnly, appServiceMinTls, appServiceScmMinTls, appServiceFtpsOnly, appServiceClientCert, appServiceAuthRequireHttps];
