import type { HttpClient, PipelinePolicy } from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/core-auth';
import type { ArmObject } from '../controls/types';
import { isWardenError } from '../errors';
import type { PipelineClient } from './arm-request';
import type { CaptureOptions } from './wire';

/**
 * What a kind's lister (src/kinds/<kind>/lister.ts) is given and gives back: ListSource
 * (./list-source.ts) runs every kind's listers for each subscription, counting calls and wrapping
 * errors in one place.
 */
export type AdditionalPolicy = { policy: PipelinePolicy; position: 'perCall' | 'perRetry' };
/** `additionalPolicies` carries the ARM pacing policy (src/azure/arm-pacing.ts) every client needs. */
export type Settings = { endpoint?: string; httpClient?: HttpClient; additionalPolicies?: AdditionalPolicy[] };
/** Client options for one list: the source's settings plus a policy that keeps every page's body. */
export type ListSettings = Settings & { additionalPolicies: AdditionalPolicy[] };
export type Paged = { byPage(): AsyncIterable<unknown> };
export type Item = ArmObject & { id: string };

/** What one lister yields for one subscription, with the source's own counting and error wrapping. */
export interface ListContext {
  subscriptionId: string;
  credential: TokenCredential;
  settings: Settings;
  wanted: ReadonlySet<string>;
  needsSiteConfig: boolean;
  /** Whether a control reads App Service config/authsettingsV2, which no list returns. */
  needsAuthSettings: boolean;
  /**
   * Drains a paged SDK list, keeping each page's wire `value` items (not the SDK's flattened
   * models). `open` must build its client with the settings it is given: they carry the policy
   * that sees every page.
   */
  list(what: string, open: (settings: ListSettings) => Paged): Promise<Item[]>;
  /** Lists `path` at `apiVersion` through a client's pipeline, following nextLink. */
  listAt(what: string, client: PipelineClient, path: string, apiVersion: string): Promise<Item[]>;
  read(what: string, operation: (options: CaptureOptions) => Promise<unknown>): Promise<ArmObject>;
}

export interface Lister {
  /** Lower-cased ARM types it yields. */
  types: readonly string[];
  /**
   * ARM error codes that mean this kind cannot exist here, besides an unregistered provider: the
   * retired single servers' api-version may be refused outright once the service is gone.
   */
  absentCodes?: readonly string[];
  rows(context: ListContext): AsyncIterable<ArmObject>;
}

/** A lister of one top-level type over its SDK's list-by-subscription operation. */
export function sdkList(type: string, what: string, open: (c: ListContext, settings: ListSettings) => Paged): Lister {
  return {
    types: [type.toLowerCase()],
    async *rows(c) {
      yield* await c.list(`${what} in ${c.subscriptionId}`, (settings) => open(c, settings));
    },
  };
}

/**
 * Kinds whose SDK model lacks a property a control reads are listed by hand at an api-version that
 * has it, through the SDK client's pipeline: otherwise every row would look undecided (Service Bus
 * minimumTlsVersion is not in @azure/arm-servicebus 6.x; the retired single servers have no SDK).
 */
export function pipelineList(type: string, what: string, apiVersion: string, client: (c: ListContext) => PipelineClient, absentCodes: readonly string[] = []): Lister {
  return {
    types: [type.toLowerCase()],
    absentCodes,
    async *rows(c) {
      yield* await c.listAt(`${what} in ${c.subscriptionId}`, client(c), `/subscriptions/${c.subscriptionId}/providers/${type}`, apiVersion);
    },
  };
}

/** The answer, or undefined when ARM says the resource is gone (404); other failures still throw. */
export async function unlessGone<T>(answer: Promise<T>): Promise<T | undefined> {
  try {
    return await answer;
  } catch (err) {
    if (isWardenError(err, 'RESOURCE_NOT_FOUND')) return undefined;
    throw err;
  }
}
