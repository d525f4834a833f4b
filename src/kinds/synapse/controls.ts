import type { ControlDefinition } from '../../controls/types';
import synapseMinTls from './synapse-min-tls';

/** The Synapse controls, in the order of DESIGN.md's control table. */
export const controls: readonly ControlDefinition[] = [synapseMinTls];
