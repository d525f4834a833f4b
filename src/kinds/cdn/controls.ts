import type { ControlDefinition } from '../../controls/types';
import cdnEndpointHttpsOnly from './cdn-endpoint-https-only';
import frontdoorMinTls from './frontdoor-min-tls';

/** The Azure Front Door / CDN controls, in the order of DESIGN.md's control tables. */
export const controls: readonly ControlDefinition[] = [frontdoorMinTls, cdnEndpointHttpsOnly];
