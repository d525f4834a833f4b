import type { ControlDefinition } from '../../controls/types';
import apimGatewayTls from './apim-gateway-tls';

/** The API Management controls, in the order of DESIGN.md's next-controls table. */
export const controls: readonly ControlDefinition[] = [apimGatewayTls];
