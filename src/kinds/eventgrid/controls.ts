import type { ControlDefinition } from '../../controls/types';
import eventgridMinTls from './eventgrid-min-tls';

/** The Event Grid topic and domain controls, in the order of DESIGN.md's control table. */
export const controls: readonly ControlDefinition[] = [eventgridMinTls];
