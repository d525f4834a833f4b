import { catalog } from '../../src/controls';

/**
 * Every control that can fix but reports by default (a restart-needing TLS floor, blast-radius
 * decisions), opted in to enforce: tests that must see every fix and every write action on the
 * wire run with these modes, so a new such control is covered without editing the tests.
 */
export const REPORTING_FIXES_ENFORCED: Readonly<Record<string, 'enforce'>> = Object.fromEntries(
  catalog.filter((control) => control.fix && control.defaultMode === 'report').map((control) => [control.id, 'enforce' as const]),
);
