import type { ControlDefinition } from '../../controls/types';
import servicebusMinTls from './servicebus-min-tls';

/** The Service Bus namespace controls, in the order of DESIGN.md's control table. */
export const controls: readonly ControlDefinition[] = [servicebusMinTls];
