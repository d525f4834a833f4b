import type { ControlDefinition } from '../../controls/types';
import eventhubMinTls from './eventhub-min-tls';

/** The Event Hubs namespace controls, in the order of DESIGN.md's control table. */
export const controls: readonly ControlDefinition[] = [eventhubMinTls];
