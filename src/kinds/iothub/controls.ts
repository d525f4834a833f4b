import type { ControlDefinition } from '../../controls/types';
import iothubMinTls from './iothub-min-tls';

/** The IoT Hub controls, in the order of DESIGN.md's control table. */
export const controls: readonly ControlDefinition[] = [iothubMinTls];
