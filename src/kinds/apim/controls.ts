import type { ControlDefinition } from '../../controls/types';
import apimGatewayTls from './apim-gateway-tls';
import apimApiHttpsOnly from './apim-api-https-only';

/** The API Management controls, in the order of DESIGN.md's next-controls table. */
export const controls: readonly ControlDefinition[] = [apimGatewayTls, apimApiHttpsOnly];
