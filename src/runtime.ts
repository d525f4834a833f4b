import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { Logger } from 'pino';
import { ArmGateway, type GatewayOptions } from './azure/gateway';
import type { KindAdapterFactory } from './azure/kinds/kind';
import type { AuditStore } from './audit/store';
import { JsonlAuditStore } from './audit/jsonl-store';
import { TableAuditStore } from './audit/table-store';
import { checkControlModes, settingsFromEnv, type AppSettings, type WardenConfig } from './config';
import { catalog as fullCatalog } from './controls';
import type { ControlDefinition } from './controls/types';
import { createEngine } from './engine/engine';
import { systemClock, type Clock, type IntentStore, type LeaseStore, type Notifier } from './engine/ports';
import { JsonlIntentStore } from './coordination/jsonl-intents';
import { tableCoordinationFromUrl } from './coordination/table';
import type { Engine } from './engine/types';
import { createIntake, type Intake } from './events/intake';
import { createLogger } from './logger';
import { notifierFor } from './notify';
import { redactingAuditStore, redactingIntentStore, redactingNotifier } from './audit/redact-record';
import { identitySdk } from './azure/sdk';
import { subscriptionScope, type SubscriptionScope } from './engine/scope';
import { ResourceGraph } from './azure/resource-graph';
import { graphManagementGroupLister } from './azure/scope-resolver';
import { SWEEP_QUEUE, storageSweepQueue, type SweepQueue } from './azure/sweep-queue';

/** Everything a handler needs; built once per process (per Functions worker). */
export interface Runtime {
  config: WardenConfig;
  gateway: ArmGateway;
  engine: Engine;
  intake: Intake;
  audit: AuditStore;
  logger: Logger;
  clock: Clock;
  catalog: readonly ControlDefinition[];
  credential: TokenCredential;
  /** The subscriptions in scope: named ones, and management groups' resolved through Resource Graph. */
  scope: SubscriptionScope;
  /** Where the sweep's batch messages send candidates as they find them (unset: the output binding, at the end). */
  sweepQueue?: SweepQueue;
  /** The process's one Resource Graph client: scope resolution and sweeps wait on one reading of the identity's quota. */
  resourceGraph: () => ResourceGraph;
}

export interface RuntimeOptions {
  config: WardenConfig;
  credential: TokenCredential;
  audit: AuditStore;
  logger?: Logger;
  clock?: Clock;
  /** The sandbox injects its transport here; in Azure both stay unset. */
  endpoint?: string;
  httpClient?: HttpClient;
  pollIntervalMs?: number;
  retryOptions?: GatewayOptions['retryOptions'];
  adapters?: readonly KindAdapterFactory[];
  catalog?: readonly ControlDefinition[];
  /** Publishes fixed / flapping / failed outcomes; absent means no notifications. */
  notifier?: Notifier;
  /** Leases and write intents shared by every instance; absent, in memory (one process only). */
  leases?: LeaseStore;
  intents?: IntentStore;
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const logger = options.logger ?? createLogger();
  // Every record is masked on its way into the store and into notifications (src/audit/redact-record.ts):
  // one pass for every path the engine writes by, whatever text ended up in a record.
  const audit = redactingAuditStore(options.audit);
  const notifier = options.notifier && redactingNotifier(options.notifier);
  const clock = options.clock ?? systemClock;
  const gateway = new ArmGateway({
    credential: options.credential,
    endpoint: options.endpoint,
    httpClient: options.httpClient,
    pollIntervalMs: options.pollIntervalMs,
    retryOptions: options.retryOptions,
    adapters: options.adapters,
  });
  const catalog = options.catalog ?? fullCatalog;
  checkControlModes(options.config, catalog.map((control) => control.id));
  const engine = createEngine({
    ports: { reader: gateway, writer: gateway, audit, clock, notifier, leases: options.leases, intents: options.intents && redactingIntentStore(options.intents) },
    config: options.config, catalog, logger,
  });
  // Made on first use: the Graph SDK is large, and an event that needs no management group never loads it.
  let graph: ResourceGraph | undefined;
  const resourceGraph = (): ResourceGraph => (graph ??= new ResourceGraph({ credential: options.credential, endpoint: options.endpoint, httpClient: options.httpClient }));
  const scope = subscriptionScope({ config: options.config, clock, listManagementGroups: (groups) => graphManagementGroupLister(resourceGraph())(groups) });
  const intake = createIntake({ engine, config: options.config, scope, catalog, logger });
  return {
    config: options.config, gateway, engine, intake, audit, logger, clock, catalog,
    credential: options.credential, scope, resourceGraph,
  };
}

let production: Runtime | undefined;

/**
 * The Functions app's runtime, from app settings, built on first use so that importing a function
 * file does no I/O. The sandbox is never loaded on this path.
 */
export function getRuntime(): Runtime {
  if (!production) {
    // Every setting is read and validated in src/config.ts; the first bad one throws INVALID_CONFIG.
    const settings = settingsFromEnv();
    const logger = createLogger({ level: settings.logLevel });
    const credential = productionCredential(settings);
    production = createRuntime({
      config: settings.config, credential, audit: productionAuditStore(settings, logger, credential), logger,
      notifier: notifierFor(settings.notifyTopicEndpoint, credential),
      ...productionCoordination(settings, credential),
    });
    if (settings.sweepQueueServiceUrl) production.sweepQueue = storageSweepQueue(settings.sweepQueueServiceUrl, SWEEP_QUEUE, credential);
  }
  return production;
}

function productionCredential(settings: AppSettings): TokenCredential {
  // Loaded lazily: @azure/identity is large and only the deployed app needs it.
  const { DefaultAzureCredential } = identitySdk();
  return new DefaultAzureCredential({ managedIdentityClientId: settings.identityClientId });
}

function productionAuditStore(settings: AppSettings, logger: Logger, credential: TokenCredential): AuditStore {
  // The seal key, resolved by the platform from its Key Vault reference (infra/app.bicep).
  const key = settings.auditKey;
  if (!key) logger.warn('no TRANSIT_WARDEN_AUDIT_KEY set: audit records are hash-chained but not keyed, so the chain shows edits and gaps but not forgeries');
  if (settings.auditTableUrl) {
    // The table is deployed with the app, and its role may only read and add entities.
    return TableAuditStore.fromUrl(settings.auditTableUrl, credential, { createTable: false, key });
  }
  logger.warn({ file: settings.auditFile }, 'no TRANSIT_WARDEN_AUDIT_TABLE_URL set: writing the audit log to a local JSONL file');
  return new JsonlAuditStore(settings.auditFile, { key });
}

/**
 * Where leases and write intents live. With an audit table: the lease table (src/config.ts:
 * TRANSIT_WARDEN_LEASE_TABLE_URL, by default beside the audit table), shared by every instance and
 * deployed with the app (so not created here). With a JSONL audit file: intents in
 * `<file>.intents`, leases in memory — a local file serves one process, and a lease in memory
 * serialises that process's evaluations.
 */
function productionCoordination(settings: AppSettings, credential: TokenCredential): { leases?: LeaseStore; intents: IntentStore } {
  if (settings.leaseTableUrl) {
    const { leases, intents } = tableCoordinationFromUrl(settings.leaseTableUrl, credential, { createTable: false });
    return { leases, intents };
  }
  return { intents: JsonlIntentStore.besideAuditFile(settings.auditFile) };
}
