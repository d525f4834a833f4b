import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient, PipelinePolicy, PipelineResponse } from '@azure/core-rest-pipeline';
import { APP_SERVICE_TYPES, readsSiteConfig } from '../controls/app-service';
import type { ArmObject, ControlDefinition } from '../controls/types';
import type { CandidateSource } from '../engine/sweep';
import { WardenError, describeError, isWardenError } from '../errors';
import { armUrl, sendArmRequest, type PipelineClient } from './arm-request';
import { SERVICE_BUS_API_VERSION } from './kinds/servicebus';
import { SINGLE_SERVER_API_VERSION } from './kinds/single-servers';
import { parseResourceId } from './resource-id';
import {
  appServiceSdk, cosmosDbSdk, eventHubSdk, mySqlFlexibleSdk, postgreSqlFlexibleSdk, redisCacheSdk,
  redisEnterpriseSdk, resourcesSdk, serviceBusSdk, sqlSdk, storageSdk,
} from './sdk';
import { callForWire, toWardenError, type CaptureOptions } from './wire';
import { appendAll } from '../collections';
import { inKindOrder, type KindName } from '../kinds/names';

const SITE_TYPES = APP_SERVICE_TYPES.map((type) => type.toLowerCase());

export interface ListSourceOptions {
  credential: TokenCredential;
  endpoint?: string;
  httpClient?: HttpClient;
  subscriptions: readonly string[];
  catalog: readonly ControlDefinition[];
  /** Told about each kind skipped because its resource provider is not registered in a subscription. */
  onSkip?: (skip: { subscriptionId: string; types: string[]; reason: string }) => void;
}

type Settings = { endpoint?: string; httpClient?: HttpClient };
/** Client options for one list: the source's settings plus a policy that keeps every page's body. */
type ListSettings = Settings & { additionalPolicies: { policy: PipelinePolicy; position: 'perCall' }[] };
type Paged = { byPage(): AsyncIterable<unknown> };
type Item = ArmObject & { id: string };

/** What one lister yields for one subscription, with the source's own counting and error wrapping. */
interface ListContext {
  subscriptionId: string;
  credential: TokenCredential;
  settings: Settings;
  wanted: ReadonlySet<string>;
  needsSiteConfig: boolean;
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

interface Lister {
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
function sdkList(type: string, what: string, open: (c: ListContext, settings: ListSettings) => Paged): Lister {
  return {
    types: [type.toLowerCase()],
    async *rows(c) {
      yield* await c.list(`${what} in ${c.subscriptionId}`, (settings) => open(c, settings));
    },
  };
}

/** Sites and slots, and the config/web each needs (a site GET or list leaves the TLS/FTPS fields null). */
const sitesLister: Lister = {
  types: SITE_TYPES,
  async *rows(c) {
    const webApps = (settings: Settings) => new (appServiceSdk().WebSiteManagementClient)(c.credential, c.subscriptionId, settings).webApps;
    const apps = webApps(c.settings);
    const sites = await c.list(`list sites in ${c.subscriptionId}`, (settings) => webApps(settings).list());
    for (const site of sites) {
      yield site;
      const { resourceGroup, names } = parseResourceId(site.id);
      const [name] = names;
      // A site (or slot) deleted since the list answers 404 here: it has nothing left to sweep, and
      // the rest of the subscription must still be swept. Its own row goes on to the engine, which
      // re-reads it and records it as not found.
      const slots = c.wanted.has('microsoft.web/sites/slots')
        ? (await unlessGone(c.list(`list slots of ${name}`, (settings) => webApps(settings).listSlots(resourceGroup, name)))) ?? []
        : [];
      yield* slots;
      if (!c.needsSiteConfig) continue;
      const config = await unlessGone(c.read(`read ${site.id}/config/web`, (o) => apps.getConfiguration(resourceGroup, name, o)));
      if (config) yield config;
      for (const slot of slots) {
        const slotName = parseResourceId(slot.id).names[1];
        const slotConfig = await unlessGone(c.read(`read ${slot.id}/config/web`, (o) => apps.getConfigurationSlot(resourceGroup, name, slotName, o)));
        if (slotConfig) yield slotConfig;
      }
    }
  },
};

/** The answer, or undefined when ARM says the resource is gone (404); other failures still throw. */
async function unlessGone<T>(answer: Promise<T>): Promise<T | undefined> {
  try {
    return await answer;
  } catch (err) {
    if (isWardenError(err, 'RESOURCE_NOT_FOUND')) return undefined;
    throw err;
  }
}

/** Databases are children of clusters: list the clusters, then each cluster's databases. */
const redisEnterpriseLister: Lister = {
  types: ['microsoft.cache/redisenterprise/databases'],
  async *rows(c) {
    const client = (settings: Settings) => new (redisEnterpriseSdk().RedisEnterpriseManagementClient)(c.credential, c.subscriptionId, settings);
    const clusters = await c.list(`list Redis Enterprise clusters in ${c.subscriptionId}`, (settings) => client(settings).redisEnterprise.list());
    for (const cluster of clusters) {
      const { resourceGroup, names } = parseResourceId(cluster.id);
      yield* await c.list(`list databases of ${cluster.id}`, (settings) => client(settings).databases.listByCluster(resourceGroup, names[0]));
    }
  },
};

/**
 * Kinds whose SDK model lacks a property a control reads are listed by hand at an api-version that
 * has it, through the SDK client's pipeline: otherwise every row would look undecided (Service Bus
 * minimumTlsVersion is not in @azure/arm-servicebus 6.x; the retired single servers have no SDK).
 */
function pipelineList(type: string, what: string, apiVersion: string, client: (c: ListContext) => PipelineClient, absentCodes: readonly string[] = []): Lister {
  return {
    types: [type.toLowerCase()],
    absentCodes,
    async *rows(c) {
      yield* await c.listAt(`${what} in ${c.subscriptionId}`, client(c), `/subscriptions/${c.subscriptionId}/providers/${type}`, apiVersion);
    },
  };
}

/** What ARM answers for an api-version of a type the provider no longer serves. */
const RETIRED = ['NoRegisteredProviderFound'];

const resourcesClient = (c: ListContext): PipelineClient => new (resourcesSdk().ResourceManagementClient)(c.credential, c.subscriptionId, c.settings);

/** Every kind the catalog covers (a test holds this to the catalog), in a fixed order. */
/** Each kind's list calls. Retired single servers list both engines' servers through the resources client. */
const LISTERS_BY_KIND: Readonly<Record<KindName, readonly Lister[]>> = {
  appservice: [sitesLister],
  storage: [sdkList('Microsoft.Storage/storageAccounts', 'list storage accounts', (c, settings) => new (storageSdk().StorageManagementClient)(c.credential, c.subscriptionId, settings).storageAccounts.list())],
  redis: [sdkList('Microsoft.Cache/redis', 'list Redis caches', (c, settings) => new (redisCacheSdk().RedisManagementClient)(c.credential, c.subscriptionId, settings).redis.listBySubscription())],
  'mysql-flexible': [sdkList('Microsoft.DBforMySQL/flexibleServers', 'list MySQL flexible servers', (c, settings) => new (mySqlFlexibleSdk().MySQLManagementFlexibleServerClient)(c.credential, c.subscriptionId, settings).servers.list())],
  'postgresql-flexible': [sdkList('Microsoft.DBforPostgreSQL/flexibleServers', 'list PostgreSQL flexible servers', (c, settings) => new (postgreSqlFlexibleSdk().PostgreSQLManagementFlexibleServerClient)(c.credential, c.subscriptionId, settings).servers.listBySubscription())],
  sql: [sdkList('Microsoft.Sql/servers', 'list SQL servers', (c, settings) => new (sqlSdk().SqlManagementClient)(c.credential, c.subscriptionId, settings).servers.list())],
  cosmosdb: [sdkList('Microsoft.DocumentDB/databaseAccounts', 'list Cosmos DB accounts', (c, settings) => new (cosmosDbSdk().CosmosDBManagementClient)(c.credential, c.subscriptionId, settings).databaseAccounts.list())],
  eventhub: [sdkList('Microsoft.EventHub/namespaces', 'list Event Hubs namespaces', (c, settings) => new (eventHubSdk().EventHubManagementClient)(c.credential, c.subscriptionId, settings).namespaces.list())],
  servicebus: [pipelineList('Microsoft.ServiceBus/namespaces', 'list Service Bus namespaces', SERVICE_BUS_API_VERSION, (c) => new (serviceBusSdk().ServiceBusManagementClient)(c.credential, c.subscriptionId, c.settings))],
  'redis-enterprise': [redisEnterpriseLister],
  'single-servers': [
    pipelineList('Microsoft.DBforMySQL/servers', 'list MySQL single servers', SINGLE_SERVER_API_VERSION, resourcesClient, RETIRED),
    pipelineList('Microsoft.DBforPostgreSQL/servers', 'list PostgreSQL single servers', SINGLE_SERVER_API_VERSION, resourcesClient, RETIRED),
  ],
};

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
    this.credential = options.credential;
    this.onSkip = options.onSkip;
    this.settings = {};
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
      for await (const page of open({ ...this.settings, additionalPolicies: [{ policy: capture, position: 'perCall' }] }).byPage()) {
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
