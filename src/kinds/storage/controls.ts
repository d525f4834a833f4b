import type { ControlDefinition } from '../../controls/types';
import storageHttpsOnly from './storage-https-only';
import storageMinTls from './storage-min-tls';

/** The storage account controls, in the order of DESIGN.md's control table. */
export const controls: readonly ControlDefinition[] = [storageHttpsOnly, storageMinTls];
