import type { ResourceGraphClient, ResourceGraphModels } from '@azure/arm-resourcegraph';
import { resourceGraphSdk } from './sdk';
import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import { APP_SERVICE_TYPES, readsSiteConfig } from '../kinds/appservice/shared';
import { type ArmObject, type ControlDefinition, type Json, type JsonObject } from '../controls/types';
import { isJsonObject } from '../core/json';
import type { CandidateSource } from '../engine/sweep';
import { WardenError, describeError } from '../errors';
import { msRestHttpClient } from './ms-rest-bridge';
import { isSubscriptionId } from '../core/resource-id';
import { GRAPH_ABSENT_TYPES } from '../kinds/graph-coverage';

/** DESIGN: Resource Graph pages hold at most 1,000 rows. */
export const MAX_PAGE_SIZE = 1000;
/** Graph accepts a bounded list of subscriptions per query; larger scopes are split into batches. */
export const MAX_SUBSCRIPTIONS_PER_QUERY = 1000;

const PROJECTION = 'id, name, type, kind, location, tags, properties';

/** One Resource Graph query the source runs (exported so the sandbox route and tests share the shape). */
export interface GraphQuery {
  table: 'resources' | 'appserviceresources' | 'resourcecontainers';
  /** Lower-cased ARM types, in the order they appear in the query. */
  types: string[];
  text: string;
}

/**
 * The query text for one table and type list. Ordered by id so that skip-token paging is stable,
 * and projecting `id` (DESIGN: Graph pages only when `id` is projected).
 */
export function graphQueryText(table: GraphQuery['table'], types: readonly string[]): string {
  const list = types.map((t) => `'${t.toLowerCase()}'`).join(',');
  return `${table} | where type in~ (${list}) | project ${PROJECTION} | order by id asc`;
}

/**
 * The queries for a catalog: one over `appserviceresources` when a control reads App Service
 * `config/web` (a site's own row carries those TLS/FTPS fields as null), then one over `resources`
 * with every covered type in one filter (a query per kind would cost a query per kind and
 * subscription batch, most of them answering no rows).
 */
export function graphQueriesFor(catalog: readonly ControlDefinition[]): GraphQuery[] {
  // Types Graph holds no rows of are listed by ARM list calls instead (sweepSource).
  const types = [...new Set(catalog.flatMap((control) => control.resourceTypes.map((type) => type.toLowerCase())))].filter((t) => !GRAPH_ABSENT_TYPES.has(t)).sort();
  const queries: GraphQuery[] = [];
  // The config documents first: a sweep can then judge each page of resources as it arrives (CandidateStream).
  if (readsSiteConfig(catalog)) {
    const configTypes = APP_SERVICE_TYPES.map((t) => `${t.toLowerCase()}/config`);
    queries.push({ table: 'appserviceresources', types: configTypes, text: graphQueryText('appserviceresources', configTypes) });
  }
  if (types.length > 0) queries.push({ table: 'resources', types, text: graphQueryText('resources', types) });
  return queries;
}

export interface ResourceGraphOptions {
  credential: TokenCredential;
  /** ARM endpoint (Graph lives under it); defaults to the public cloud. */
  endpoint?: string;
  /** The sandbox's transport; bridged to the ms-rest-js client the Graph SDK uses. */
  httpClient?: HttpClient;
  /** Rows per page, 1..1,000 (default 1,000). */
  pageSize?: number;
  /** 429 answers tolerated per query page before giving up with THROTTLED (default 5). */
  maxThrottleRetries?: number;
  /** Upper bound on one throttling wait (default 60 s). */
  maxWaitMs?: number;
  /** How waiting is done; tests pass a recorder. */
  sleep?: (ms: number) => Promise<void>;
}

export interface ResourceGraphSourceOptions extends ResourceGraphOptions {
  /**
   * The process's Graph client, shared so that every query of this identity waits on one reading
   * of the quota (the runtime holds one); without it the source makes its own.
   */
  graph?: ResourceGraph;
  /** Subscriptions to query; never empty (fail closed). */
  subscriptions: readonly string[];
  catalog: readonly ControlDefinition[];
}

/** What one query runs over: named subscriptions (at most 1,000 per request), or management groups. */
export type GraphScope = { subscriptions: readonly string[] } | { managementGroups: readonly string[] };

/** One page of a query's answer. */
export interface GraphPage {
  data: unknown[];
  skipToken?: string;
}

const TRANSIENT_RETRIES = 3;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resource Graph queries, paged and paced. Throttling: Graph allows about 15 queries per 5 s per
 * user and says so in `x-ms-user-quota-remaining` / `x-ms-user-quota-resets-after`. The SDK's own
 * retry policies are off (they retry 429 only with Retry-After, which Graph does not always send);
 * this class waits for the quota itself: before a query when the last answer left no quota, and on 429.
 */
export class ResourceGraph {
  private readonly client: ResourceGraphClient;
  private readonly pageSize: number;
  private readonly maxThrottleRetries: number;
  private readonly maxWaitMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private waitBeforeNextQueryMs = 0;
  private queryCount = 0;
  private throttledCount = 0;

  constructor(options: ResourceGraphOptions) {
    const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new WardenError('INVALID_CONFIG', `Resource Graph page size must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}`);
    }
    this.pageSize = pageSize;
    this.maxThrottleRetries = options.maxThrottleRetries ?? 5;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
    this.sleep = options.sleep ?? realSleep;
    this.client = new (resourceGraphSdk().ResourceGraphClient)(options.credential, {
      ...(options.endpoint ? { baseUri: options.endpoint } : {}),
      ...(options.httpClient ? { httpClient: msRestHttpClient(options.httpClient) } : {}),
      // Retries are ours (see the class comment); the SDK's would double them and ignore Graph's quota headers.
      noRetryPolicy: true,
    });
  }

  /** Graph queries sent so far (each page and each retry counts), for tests and benchmarks. */
  get queriesMade(): number {
    return this.queryCount;
  }

  /** 429 answers met so far. */
  get throttled(): number {
    return this.throttledCount;
  }

  /** Every row of `query` over `scope`, page after page. A scope of subscriptions is split into batches Graph accepts. */
  async *query(query: GraphQuery, scope: GraphScope): AsyncIterable<unknown> {
    const scopes: GraphScope[] = [];
    if ('subscriptions' in scope) {
      for (let i = 0; i < scope.subscriptions.length; i += MAX_SUBSCRIPTIONS_PER_QUERY) scopes.push({ subscriptions: scope.subscriptions.slice(i, i + MAX_SUBSCRIPTIONS_PER_QUERY) });
    } else {
      scopes.push(scope);
    }
    for (const batch of scopes) {
      let skipToken: string | undefined;
      do {
        const page = await this.page(query, batch, skipToken);
        yield* page.data;
        skipToken = page.skipToken;
      } while (skipToken);
    }
  }

  /** One page of `query` over `scope` (at most 1,000 subscriptions), after `skipToken`. */
  async page(query: GraphQuery, scope: GraphScope, skipToken: string | undefined): Promise<GraphPage> {
    const request: ResourceGraphModels.QueryRequest = {
      ...('subscriptions' in scope ? { subscriptions: [...scope.subscriptions] } : { managementGroups: [...scope.managementGroups] }),
      query: query.text,
      options: { top: this.pageSize, resultFormat: 'objectArray', ...(skipToken ? { skipToken } : {}) },
    };
    let throttled = 0;
    let transient = 0;
    for (;;) {
      if (this.waitBeforeNextQueryMs > 0) {
        const wait = this.waitBeforeNextQueryMs;
        this.waitBeforeNextQueryMs = 0;
        await this.sleep(wait);
      }
      this.queryCount += 1;
      try {
        const response = await this.client.resources(request);
        this.noteQuota(response._response.headers.get('x-ms-user-quota-remaining'), response._response.headers.get('x-ms-user-quota-resets-after'));
        if (!Array.isArray(response.data)) {
          throw new WardenError('ARM_REQUEST_FAILED', `Resource Graph answered without a data array for: ${query.text}`);
        }
        const truncated = String(response.resultTruncated) === 'true';
        if (truncated && !response.skipToken) {
          // A sweep over part of the estate would look complete; refuse instead.
          throw new WardenError('ARM_REQUEST_FAILED', `Resource Graph truncated the result without a skip token for: ${query.text}`);
        }
        const data: unknown[] = response.data;
        return response.skipToken ? { data, skipToken: response.skipToken } : { data };
      } catch (err) {
        if (err instanceof WardenError) throw err;
        const status = statusOf(err);
        if (status === 429) {
          throttled += 1;
          this.throttledCount += 1;
          if (throttled > this.maxThrottleRetries) {
            throw new WardenError('THROTTLED', `Resource Graph kept throttling after ${this.maxThrottleRetries} retries: ${describeError(err)}`, { status }, { cause: err });
          }
          this.waitBeforeNextQueryMs = this.throttleWaitMs(err);
          continue;
        }
        if (status === undefined || status >= 500) {
          transient += 1;
          if (transient <= TRANSIENT_RETRIES) {
            this.waitBeforeNextQueryMs = Math.min(this.maxWaitMs, 1000 * 2 ** (transient - 1));
            continue;
          }
        }
        throw new WardenError('ARM_REQUEST_FAILED', `Resource Graph query failed (${status ?? 'no status'}): ${describeError(err)}`, { status, query: query.text }, { cause: err });
      }
    }
  }

  /** Out of quota: the next query waits until the window resets instead of earning a 429. */
  private noteQuota(remaining: string | undefined, resetsAfter: string | undefined): void {
    if (remaining === undefined || Number(remaining) > 0) return;
    const wait = parseResetsAfter(resetsAfter);
    if (wait !== undefined) this.waitBeforeNextQueryMs = Math.min(this.maxWaitMs, wait);
  }

  private throttleWaitMs(err: unknown): number {
    const headers = headersOf(err);
    const fromRetryAfter = parseRetryAfter(headers?.get('retry-after'));
    const fromQuota = parseResetsAfter(headers?.get('x-ms-user-quota-resets-after'));
    // Graph's quota window is 5 s: without a hint, wait one window.
    const wait = fromRetryAfter ?? fromQuota ?? 5000;
    return Math.min(this.maxWaitMs, Math.max(0, wait));
  }
}

/**
 * Sweep candidates from Azure Resource Graph. Graph lags ARM and is only a hint: the sweep uses
 * these rows to skip resources that plainly pass and re-reads everything else through ARM.
 * One query per Graph table (all covered types in one filter) per batch of up to 1,000
 * subscriptions, paged by skip token: the fewest queries Graph allows.
 */
export class ResourceGraphSource implements CandidateSource {
  readonly graph: ResourceGraph;
  private readonly subscriptions: string[];
  private readonly queries: GraphQuery[];
  private rowsSkipped = 0;

  constructor(options: ResourceGraphSourceOptions) {
    if (options.subscriptions.length === 0) {
      throw new WardenError('INVALID_CONFIG', 'Resource Graph source needs at least one subscription (an empty scope would be tenant-wide)');
    }
    for (const s of options.subscriptions) {
      if (!isSubscriptionId(s)) throw new WardenError('INVALID_CONFIG', `${JSON.stringify(s)} is not a subscription id`);
    }
    this.graph = options.graph ?? new ResourceGraph(options);
    this.subscriptions = [...new Set(options.subscriptions.map((s) => s.toLowerCase()))];
    this.queries = graphQueriesFor(options.catalog);
  }

  /** Graph queries sent so far (each page and each retry counts), for tests and benchmarks. */
  get queriesMade(): number {
    return this.graph.queriesMade;
  }

  /** Rows dropped because they could not be read (no id/type, or a config row without properties). */
  get skippedRows(): number {
    return this.rowsSkipped;
  }

  /** The query texts this source runs, one per Graph table. */
  get queryTexts(): string[] {
    return this.queries.map((q) => q.text);
  }

  async *rows(): AsyncIterable<ArmObject> {
    for (const query of this.queries) {
      for await (const row of this.graph.query(query, { subscriptions: this.subscriptions })) {
        const object = armObjectFromRow(query.table, row);
        if (object) yield object;
        else this.rowsSkipped += 1;
      }
    }
  }
}

/** A Graph row as the ARM object the checks read, or undefined when it cannot be read. */
export function armObjectFromRow(table: GraphQuery['table'], row: unknown): ArmObject | undefined {
  return table === 'appserviceresources' ? configRow(row) : resourceRow(row);
}

interface HeaderReader {
  get(name: string): string | undefined;
}

function statusOf(err: unknown): number | undefined {
  if (err === null || typeof err !== 'object') return undefined;
  const status = (err as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

function headersOf(err: unknown): HeaderReader | undefined {
  if (err === null || typeof err !== 'object') return undefined;
  const response = (err as { response?: { headers?: HeaderReader } }).response;
  return response?.headers && typeof response.headers.get === 'function' ? response.headers : undefined;
}

/** Retry-After: seconds, or an HTTP date. */
export function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** `x-ms-user-quota-resets-after` is a duration `hh:mm:ss` (seconds may carry a fraction). */
export function parseResetsAfter(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^\s*(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)\s*$/.exec(value);
  if (!match) return undefined;
  return Math.round(((Number(match[1]) * 60 + Number(match[2])) * 60 + Number(match[3])) * 1000);
}

/** A `resources` row is already wire-shaped (id, type, kind, tags, properties); only shape is checked. */
function resourceRow(row: unknown): ArmObject | undefined {
  if (!isJsonObject(row) || typeof row.id !== 'string' || typeof row.type !== 'string') return undefined;
  return row;
}

/**
 * An `appserviceresources` config row as the `config/web` (or `config/authsettingsV2`) document. Graph's App Service tables are
 * believed to spell property names in PascalCase (`MinTlsVersion`) where ARM's GET uses camelCase
 * (`minTlsVersion`); this is not documented in the REST spec, so the first letter of every top-level
 * property key is lower-cased either way (an existing camelCase key wins over a Pascal one). Nested
 * objects are left alone: no control reads them from this table.
 *
 * A row that cannot be read (no id, not a `/config/web` id, no properties object) is dropped: the
 * site then has no config document among the rows, `check` cannot call it compliant, and the engine
 * reads config/web from ARM itself. A bad row can cost a read, never hide drift.
 */
export function configRow(row: unknown): ArmObject | undefined {
  if (!isJsonObject(row) || typeof row.id !== 'string' || typeof row.type !== 'string') return undefined;
  // config/authsettingsV2 shares the type; where Graph has its rows they spare a read per site, and
  // where it has none the engine reads the document from ARM (the sweep cannot judge the site without it).
  if (!/\/config\/(web|authsettingsV2)$/i.test(row.id)) return undefined;
  if (!isJsonObject(row.properties)) return undefined;
  return { ...row, properties: camelCaseKeys(row.properties) };
}

export function camelCaseKeys(properties: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(properties)) {
    const camel = key.length > 0 ? key[0].toLowerCase() + key.slice(1) : key;
    if (camel !== key && Object.prototype.hasOwnProperty.call(properties, camel)) continue;
    result[camel] = value as Json;
  }
  return result;
}
