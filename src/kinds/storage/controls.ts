import type { ControlDefinition } from '../../controls/types';
import storageHttpsOnly from './storage-https-only';
import storageMinTls from './storage-min-tls';
import storageSmbSecure from './storage-smb-secure';

/** The storage account controls, in the order of DESIGN.md's control table. */
export const controls: readonly ControlDefinition[] = [storageHttpsOnly, storageMinTls, storageSmbSecure];
