/**
 * The shape of a kind's test fixtures (src/kinds/<kind>/fixtures.ts). Fixtures are test-only: only
 * tests import them (tsconfig.build.json leaves them out of the build, and
 * test/architecture/fixtures-stay-in-tests.test.ts keeps production code from importing one), but
 * they live in the kind's folder so that a new kind is one folder. Each is built from a real ARM
 * sample (test/fixtures/samples/SOURCES.md, or a REST spec example cited beside it).
 */
import type { ArmObject, ControlTarget, JsonObject } from '../controls/types';

export interface DriftedEstateOptions {
  /** Add a drifted deployment slot (and its config/web) to the site. */
  slot?: boolean;
  /** MySQL's static tls_version parameter (compliant by default). */
  mysqlTls?: string;
}

/** One noncompliant resource for an enforce-mode control, with the exact PATCH its fix must send. */
export interface EnforceCase {
  control: string;
  /** The resources (and child documents) the case needs, in real ARM shapes. */
  estate: () => ArmObject[];
  resourceId: string;
  target: ControlTarget;
  patch: JsonObject;
  /** Where the fixed document lives in the emulator. */
  documentId: string;
}

export interface KindFixtures {
  /** The kind's drifted resources (and the documents they need), in real ARM shapes. */
  resources(options: DriftedEstateOptions): ArmObject[];
  /** Controls of the kind that enforce by default and find drift in resources({}), one fix each. */
  fixes: readonly string[];
  /**
   * Documents on which every control of the kind that has a fix fails (with the resources they
   * belong to): the facts test checks each fix against the kind's write model on these.
   */
  failsEveryControl(): ArmObject[];
  /** One case per enforce-mode control of the kind (test/engine/enforce-cases.test.ts runs them). */
  enforceCases: readonly EnforceCase[];
}
