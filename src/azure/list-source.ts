import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient, PipelinePolicy, PipelineResponse } from '@azure/core-rest-pipeline';
import { readsAuthSettings, readsSiteConfig } from '../kinds/appservice/shared';
import type { ArmObject, ControlDefinition } from '../controls/types';
import type { CandidateSource } from '../engine/sweep';
import { WardenError, describeError, isWardenError } from '../errors';
import { armUrl, sendArmRequest, type PipelineClient } from './arm-request';
import { callForWire, toWardenError, type CaptureOptions } from './wire';
import { appendAll } from '../collections';
import { LISTERS_BY_KIND } from '../kinds/generated/lister';
import { inKindOrder } from '../kinds/names';
import type { Item, ListContext, Lister, ListSettings, Paged, Settings } from './lister';
import { armPacingPolicies, type ArmPacer } from './arm-pacing';

export interface ListSourceOptions {
  credential: TokenCredential;
  endpoint?: string;
  httpClient?: HttpClient;
  subscriptions: readonly string[];
  catalog: readonly ControlDefinition[];
  /** Told about each kind skipped because its resource provider is not registered in a subscription. */
  onSkip?: (skip: { subscriptionId: string; types: string[]; reason: string }) => void;
  /** Paces list calls on ARM's throttling headers; default the process's shared pacer. */
  pacer?: ArmPacer;
}











const LISTERS: readonly Lister[] = inKindOrder(LISTERS_BY_KIND).flat();

/** How many list calls a subscription starts with (tests count requests from it). */
export const LISTER_COUNT = LISTERS.length;

/** Lower-cased types the list source can list. */
export const LISTED_TYPES: ReadonlySet<string> = new Set(LISTERS.flatMap((lister) => lister.types));

/**
 * Sweep candidates from ARM list calls, for clouds or tenants where Resource Graph is not available.
 *
 * Cost, per subscription (each is an ARM read against the 250-read bucket, refill 25/s):
 * - most kinds: one list call per page — cheap;
 * - Redis Enterprise: one list of clusters, then one list of databases per cluster;
 * - App Service: one list call per page of sites, then per site one `listSlots` call and one
 *   `config/web` read, and per slot one more `config/web` read (a site GET leaves the TLS/FTPS
 *   fields null, so without config every site would go to the engine anyway). 1,000 sites with one
 *   slot each cost about 3,000 reads — twelve seconds of refill — where Graph needs two queries.
 * - flexible servers: the list carries no server parameters, so every server goes to the engine,
 *   which reads the parameters it needs (as it does with Graph rows).
 * Prefer ResourceGraphSource wherever Graph exists.
 */
export class ListSource implements CandidateSource {
  private readonly subscriptions: string[];
  private readonly wanted: Set<string>;
  private readonly needsSiteConfig: boolean;
  private readonly needsAuthSettings: boolean;
  private readonly settings: Settings;
  private readonly credential: TokenCredential;
  private readonly endpoint: string | undefined;
  private calls = 0;
  private readonly skippedKinds: { subscriptionId: string; types: string[]; reason: string }[] = [];
  private readonly onSkip: ListSourceOptions['onSkip'];

  constructor(options: ListSourceOptions) {
    if (options.subscriptions.length === 0) throw new WardenError('INVALID_CONFIG', 'list source needs at least one subscription');
    this.subscriptions = [...new Set(options.subscriptions.map((s) => s.toLowerCase()))];
    this.wanted = new Set(options.catalog.flatMap((c) => c.resourceTypes.map((t) => t.toLowerCase())));
    this.needsSiteConfig = readsSiteConfig(options.catalog);
    this.needsAuthSettings = readsAuthSettings(options.catalog);
    this.credential = options.credential;
    this.onSkip = options.onSkip;
    this.settings = { additionalPolicies: armPacingPolicies(options.pacer) };
    if (options.endpoint) this.settings.endpoint = options.endpoint;
    if (options.httpClient) this.settings.httpClient = options.httpClient;
    this.endpoint = options.endpoint;
  }

  /** Catalog types this source cannot list (their drift is caught by events only). */
  get uncoveredTypes(): string[] {
    return [...this.wanted].filter((t) => !LISTED_TYPES.has(t)).sort();
  }

  /** ARM requests made so far (list pages and config reads). */
  get requestsMade(): number {
    return this.calls;
  }

  async *rows(): AsyncIterable<ArmObject> {
    for (const subscriptionId of this.subscriptions) {
      const context = this.context(subscriptionId);
      for (const lister of LISTERS) {
        if (!lister.types.some((type) => this.wanted.has(type))) continue;
        let yielded = false;
        try {
          for await (const row of lister.rows(context)) {
            yielded = true;
            yield row;
          }
        } catch (err) {
          // A subscription that never used a service has its resource provider unregistered, and ARM
          // refuses to list that namespace: there is nothing of that kind to sweep, not a failure.
          if (yielded || !kindAbsent(err, lister.absentCodes ?? [])) throw err;
          const skip = { subscriptionId, types: [...lister.types], reason: describeError(err) };
          this.skippedKinds.push(skip);
          this.onSkip?.(skip);
        }
      }
    }
  }

  /** Kinds not listed because they cannot exist there (provider not registered, or the service retired). */
  get skipped(): readonly { subscriptionId: string; types: string[]; reason: string }[] {
    return this.skippedKinds;
  }

  private context(subscriptionId: string): ListContext {
    return {
      subscriptionId,
      credential: this.credential,
      settings: this.settings,
      wanted: this.wanted,
      needsSiteConfig: this.needsSiteConfig,
      needsAuthSettings: this.needsAuthSettings,
      list: (what, open) => this.list(what, open),
      listAt: (what, client, path, apiVersion) => this.listAt(what, client, path, apiVersion),
      read: (what, operation) => this.read(what, operation),
    };
  }

  private async read(what: string, operation: (options: CaptureOptions) => Promise<unknown>): Promise<ArmObject> {
    this.calls += 1;
    try {
      return await callForWire(operation);
    } catch (err) {
      throw toWardenError(err, what);
    }
  }

  private async list(what: string, open: (settings: ListSettings) => Paged): Promise<Item[]> {
    // A pipeline policy, not the operation's onResponse: the newer generated clients (storage,
    // App Service) fetch pages after the first without passing the operation's options on, so an
    // onResponse callback saw page one only and the sweep silently lost every later page.
    const bodies: string[] = [];
    const capture: PipelinePolicy = {
      name: 'transit-warden-list-pages',
      sendRequest: async (request, next) => {
        const response = await next(request);
        if (response.status < 300 && response.bodyAsText) bodies.push(response.bodyAsText);
        return response;
      },
    };
    let pages = 0;
    try {
      for await (const page of open({ ...this.settings, additionalPolicies: [...(this.settings.additionalPolicies ?? []), { policy: capture, position: 'perCall' }] }).byPage()) {
        void page;
        pages += 1;
      }
    } catch (err) {
      throw toWardenError(err, what);
    }
    this.calls += bodies.length;
    // Every page the SDK iterated must be a body we hold, or the sweep would look complete while short.
    if (bodies.length < pages) {
      throw new WardenError('ARM_REQUEST_FAILED', `${what}: the SDK iterated ${pages} page(s) but ${bodies.length} answer(s) were seen; not sweeping on a partial list`);
    }
    return bodies.flatMap((text) => pageItems(text, what).items);
  }

  private async listAt(what: string, client: PipelineClient, path: string, apiVersion: string): Promise<Item[]> {
    const items: Item[] = [];
    let url: string | undefined = armUrl(this.endpoint, path, apiVersion);
    // nextLink comes from ARM; only follow it on the same host, so a hostile page cannot send our token elsewhere.
    const origin = new URL(url).origin;
    while (url !== undefined) {
      if (new URL(url).origin !== origin) throw new WardenError('ARM_REQUEST_FAILED', `${what}: ARM's nextLink points to another host`);
      let response: PipelineResponse;
      try {
        response = await sendArmRequest(client, url, 'GET');
      } catch (err) {
        throw toWardenError(err, what);
      }
      this.calls += 1;
      const page = pageItems(response.bodyAsText ?? '', what);
      appendAll(items, page.items);
      url = page.nextLink;
    }
    return items;
  }
}

/** ARM's answers for a namespace the subscription is not registered for (nothing of it can exist there). */
const UNREGISTERED = new Set(['missingsubscriptionregistration', 'subscriptionnotregistered']);

function kindAbsent(err: unknown, absentCodes: readonly string[]): boolean {
  if (!isWardenError(err)) return false;
  const armCode = err.details?.armCode;
  if (typeof armCode !== 'string') return false;
  const code = armCode.toLowerCase();
  return UNREGISTERED.has(code) || absentCodes.some((c) => c.toLowerCase() === code);
}

/** The `value` items of one list page that look like ARM resources, and its nextLink. */
function pageItems(text: string, what: string): { items: Item[]; nextLink?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new WardenError('ARM_REQUEST_FAILED', `${what}: ARM answered a page that is not JSON`);
  }
  const page = parsed !== null && typeof parsed === 'object' ? (parsed as { value?: unknown; nextLink?: unknown }) : {};
  if (!Array.isArray(page.value)) throw new WardenError('ARM_REQUEST_FAILED', `${what}: ARM answered a page without a value array`);
  const items = page.value.filter(
    (item): item is Item => item !== null && typeof item === 'object' && typeof (item as ArmObject).id === 'string' && typeof (item as ArmObject).type === 'string',
  );
  return typeof page.nextLink === 'string' && page.nextLink !== '' ? { items, nextLink: page.nextLink } : { items };
}
