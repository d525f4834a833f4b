import { appServiceSdk, redisCacheSdk, storageSdk } from './sdk';
import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { ArmObject, ControlDefinition } from '../controls/types';
import type { CandidateSource } from '../engine/sweep';
import { WardenError } from '../errors';
import { parseResourceId } from './resource-id';
import { callForWire, toWardenError, type CaptureOptions } from './wire';

const SITE_TYPES = ['microsoft.web/sites', 'microsoft.web/sites/slots'];
const STORAGE_TYPE = 'microsoft.storage/storageaccounts';
const REDIS_TYPE = 'microsoft.cache/redis';
/** Types this fallback can list; everything else in the catalog is left to events (see `uncoveredTypes`). */
const LISTED_TYPES = new Set([...SITE_TYPES, STORAGE_TYPE, REDIS_TYPE]);

export interface ListSourceOptions {
  credential: TokenCredential;
  endpoint?: string;
  httpClient?: HttpClient;
  subscriptions: readonly string[];
  catalog: readonly ControlDefinition[];
}

/**
 * Sweep candidates from ARM list calls, for clouds or tenants where Resource Graph is not available.
 *
 * Cost, per subscription (each is an ARM read against the 250-read bucket, refill 25/s):
 * - storage accounts, Redis caches: one list call per page — cheap;
 * - App Service: one list call per page of sites, then per site one `listSlots` call and one
 *   `config/web` read, and per slot one more `config/web` read (a site GET leaves the TLS/FTPS
 *   fields null, so without config every site would go to the engine anyway). 1,000 sites with one
 *   slot each cost about 3,000 reads — twelve seconds of refill — where Graph needs two queries.
 * Prefer ResourceGraphSource wherever Graph exists.
 */
export class ListSource implements CandidateSource {
  private readonly subscriptions: string[];
  private readonly wanted: Set<string>;
  private readonly needsSiteConfig: boolean;
  private readonly settings: { endpoint?: string; httpClient?: HttpClient };
  private readonly credential: TokenCredential;
  private calls = 0;

  constructor(options: ListSourceOptions) {
    if (options.subscriptions.length === 0) throw new WardenError('INVALID_CONFIG', 'list source needs at least one subscription');
    this.subscriptions = [...new Set(options.subscriptions.map((s) => s.toLowerCase()))];
    this.wanted = new Set(options.catalog.flatMap((c) => c.resourceTypes.map((t) => t.toLowerCase())));
    this.needsSiteConfig = options.catalog.some((c) => c.target === 'config/web' && c.resourceTypes.some((t) => SITE_TYPES.includes(t.toLowerCase())));
    this.credential = options.credential;
    this.settings = {};
    if (options.endpoint) this.settings.endpoint = options.endpoint;
    if (options.httpClient) this.settings.httpClient = options.httpClient;
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
      if (this.wanted.has(STORAGE_TYPE)) {
        const client = new (storageSdk().StorageManagementClient)(this.credential, subscriptionId, this.settings);
        yield* await this.list('list storage accounts', (o) => client.storageAccounts.list(o));
      }
      if (this.wanted.has(REDIS_TYPE)) {
        const client = new (redisCacheSdk().RedisManagementClient)(this.credential, subscriptionId, this.settings);
        yield* await this.list('list Redis caches', (o) => client.redis.listBySubscription(o));
      }
      if (SITE_TYPES.some((t) => this.wanted.has(t))) yield* this.sites(subscriptionId);
    }
  }

  private async *sites(subscriptionId: string): AsyncIterable<ArmObject> {
    const apps = new (appServiceSdk().WebSiteManagementClient)(this.credential, subscriptionId, this.settings).webApps;
    const sites = await this.list('list sites', (o) => apps.list(o));
    for (const site of sites) {
      yield site;
      const { resourceGroup, names } = parseResourceId(site.id);
      const [name] = names;
      const slots = this.wanted.has('microsoft.web/sites/slots') ? await this.list(`list slots of ${name}`, (o) => apps.listSlots(resourceGroup, name, o)) : [];
      yield* slots;
      if (!this.needsSiteConfig) continue;
      yield await this.read(`read ${site.id}/config/web`, (o) => apps.getConfiguration(resourceGroup, name, o));
      for (const slot of slots) {
        const slotName = parseResourceId(slot.id).names[1];
        yield await this.read(`read ${slot.id}/config/web`, (o) => apps.getConfigurationSlot(resourceGroup, name, slotName, o));
      }
    }
  }

  private async read(what: string, operation: (options: CaptureOptions) => Promise<unknown>): Promise<ArmObject> {
    this.calls += 1;
    try {
      return await callForWire(operation);
    } catch (err) {
      throw toWardenError(err, what);
    }
  }

  /** Drains a paged SDK list, keeping each page's wire `value` items instead of the SDK's flattened models. */
  private async list(what: string, open: (options: CaptureOptions) => { byPage(): AsyncIterable<unknown> }): Promise<(ArmObject & { id: string })[]> {
    const items: (ArmObject & { id: string })[] = [];
    const bodies: string[] = [];
    try {
      // Draining by page sends every page request; the captured bodies are what we keep.
      const pages = open({ onResponse: (response) => { if (response.bodyAsText) bodies.push(response.bodyAsText); } }).byPage();
      for await (const page of pages) void page;
    } catch (err) {
      throw toWardenError(err, what);
    }
    this.calls += bodies.length;
    for (const text of bodies) {
      const parsed: unknown = JSON.parse(text);
      const value = parsed !== null && typeof parsed === 'object' ? (parsed as { value?: unknown }).value : undefined;
      if (!Array.isArray(value)) throw new WardenError('ARM_REQUEST_FAILED', `${what}: ARM answered a page without a value array`);
      for (const item of value) {
        if (item !== null && typeof item === 'object' && typeof (item as ArmObject).id === 'string' && typeof (item as ArmObject).type === 'string') {
          items.push(item as ArmObject & { id: string });
        }
      }
    }
    return items;
  }
}
