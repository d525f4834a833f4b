import type { ControlDefinition } from './types';
import { controlsFor } from './types';
import appServiceHttpsOnly from './appservice-https-only';
import appServiceMinTls from './appservice-min-tls';
import appServiceScmMinTls from './appservice-scm-min-tls';
import appServiceFtpsOnly from './appservice-ftps-only';
import appServiceClientCert from './appservice-client-cert';
import storageHttpsOnly from './storage-https-only';
import storageMinTls from './storage-min-tls';
import redisSslOnly from './redis-ssl-only';
import redisMinTls from './redis-min-tls';
import { wave2Controls } from './wave2';

/**
 * The registry. The order is stable (it is the order of DESIGN.md's control table) because reports,
 * audit listings and the generated role read it in this order.
 */
export const catalog: readonly ControlDefinition[] = Object.freeze([
  appServiceHttpsOnly,
  appServiceMinTls,
  appServiceScmMinTls,
  appServiceFtpsOnly,
  appServiceClientCert,
  storageHttpsOnly,
  storageMinTls,
  redisSslOnly,
  redisMinTls,
  ...wave2Controls,
]);

export function controlById(id: string): ControlDefinition | undefined {
  return catalog.find((control) => control.id === id);
}

/** The controls that apply to an ARM type; ARM is inconsistent about case (`Microsoft.Cache/Redis`). */
export function controlsForType(resourceType: string): ControlDefinition[] {
  return controlsFor(catalog, resourceType);
}
