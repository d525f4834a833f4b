import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { Logger } from 'pino';
import { ArmGateway, type GatewayOptions } from './azure/gateway';
import type { KindAdapterFactory } from './azure/kinds/kind';
import type { AuditStore } from './audit/store';
import { JsonlAuditStore } from './audit/jsonl-store';
import { TableAuditStore } from './audit/table-store';
import { auditKeyFrom } from './audit/integrity';
import { checkControlModes, configFromEnv, type WardenConfig } from './config';
import { catalog as fullCatalog } from './controls';
import type { ControlDefinition } from './controls/types';
import { createEngine } from './engine/engine';
import { systemClock, type Clock, type Notifier } from './engine/ports';
import type { Engine } from './engine/types';
import { createIntake, type Intake } from './events/intake';
import { createLogger } from './logger';
import { notifierFromEnv } from './notify';
import { identitySdk } from './azure/sdk';

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
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const logger = options.logger ?? createLogger();
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
  const engine = createEngine({ ports: { reader: gateway, writer: gateway, audit: options.audit, clock, notifier: options.notifier }, config: options.config, catalog, logger });
  const intake = createIntake({ engine, config: options.config, catalog, logger });
  return {
    config: options.config, gateway, engine, intake, audit: options.audit, logger, clock, catalog,
    credential: options.credential,
  };
}

let production: Runtime | undefined;

/**
 * The Functions app's runtime, from app settings, built on first use so that importing a function
 * file does no I/O. The sandbox is never loaded on this path.
 */
export function getRuntime(): Runtime {
  if (!production) {
    const config = configFromEnv();
    const logger = createLogger();
    const credential = productionCredential();
    production = createRuntime({ config, credential, audit: productionAuditStore(logger, credential), logger, notifier: notifierFromEnv(process.env, credential) });
  }
  return production;
}

function productionCredential(): TokenCredential {
  // Loaded lazily: @azure/identity is large and only the deployed app needs it.
  const { DefaultAzureCredential } = identitySdk();
  return new DefaultAzureCredential({ managedIdentityClientId: process.env.AZURE_CLIENT_ID });
}

function productionAuditStore(logger: Logger, credential: TokenCredential): AuditStore {
  // The seal key, resolved by the platform from its Key Vault reference (infra/app.bicep).
  const key = auditKeyFrom(process.env.TRANSIT_WARDEN_AUDIT_KEY, 'TRANSIT_WARDEN_AUDIT_KEY');
  if (!key) logger.warn('no TRANSIT_WARDEN_AUDIT_KEY set: audit records are hash-chained but not keyed, so the chain shows edits and gaps but not forgeries');
  const tableUrl = process.env.TRANSIT_WARDEN_AUDIT_TABLE_URL;
  if (tableUrl) {
    // The table is deployed with the app, and its role may only read and add entities.
    return TableAuditStore.fromUrl(tableUrl, credential, { createTable: false, key });
  }
  const file = process.env.TRANSIT_WARDEN_AUDIT_FILE ?? 'transit-warden-audit.jsonl';
  logger.warn({ file }, 'no TRANSIT_WARDEN_AUDIT_TABLE_URL set: writing the audit log to a local JSONL file');
  return new JsonlAuditStore(file, { key });
}
