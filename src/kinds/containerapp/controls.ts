import type { ControlDefinition } from '../../controls/types';
import containerappHttpsOnly from './containerapp-https-only';

/** The Container Apps controls, in the order of DESIGN.md's control table. */
export const controls: readonly ControlDefinition[] = [containerappHttpsOnly];
