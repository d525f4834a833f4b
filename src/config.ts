import type { LevelWithSilent } from 'pino';
import { AUDIT_KEY_SETTING, auditKeyFrom, type AuditKey } from './audit/integrity';
import { WardenError } from './errors';
import { isSubscriptionId } from './core/resource-id';
import { ncrontabProblem } from './ncrontab';
import { looksLikeSecret, quoteUntrusted, shownValue as shownSettingValue } from './redact';

/**
 * Every app setting transit-warden reads is read and validated here, and nowhere else: one place
 * that names each setting in its errors, never echoes a value that looks like a credential, and
 * never falls back to a more permissive value when one is wrong.
 */

/** Global mode: a new deployment starts in dry-run. `report` is per control only. */
export type GlobalMode = 'enforce' | 'dry-run';
export type ControlModeSetting = 'enforce' | 'dry-run' | 'report';

export interface WardenConfig {
  mode: GlobalMode;
  /** Per-control overrides of the control's default mode. */
  controlModes: Record<string, ControlModeSetting>;
  /** Subscriptions events and sweeps may act in, named one by one; with no group either, none (fail closed). */
  allowedSubscriptions: string[];
  /**
   * Management groups (names, lower-cased) whose subscriptions are in scope, however deep and
   * whenever added: resolved through Resource Graph at sweep time and on events (src/engine/scope.ts).
   */
  allowedManagementGroups: string[];
  /** How long a resolution of the management groups' subscriptions is trusted. */
  scopeMaxAgeSeconds: number;
  /** Object ids / app ids of transit-warden's own identity, whose writes are not re-evaluated. */
  ownIdentities: string[];
  /** Controls whose fix needs a server restart run only when this is true. */
  allowRestarts: boolean;
  flap: { maxFixes: number; windowMinutes: number };
  writeBudget: { maxWrites: number; windowMinutes: number };
  /**
   * Where the sweep finds candidates: Resource Graph (`graph`), ARM list calls (`list`, for clouds
   * without Graph), or Graph falling back to list calls when Graph fails (`auto`).
   */
  sweepSource: SweepSourceSetting;
}

export type SweepSourceSetting = 'auto' | 'graph' | 'list';
export const SWEEP_SOURCES: readonly SweepSourceSetting[] = ['auto', 'graph', 'list'];

/** Every six hours, on the hour (six-field NCRONTAB, as the Functions timer reads it). */
export const DEFAULT_SWEEP_SCHEDULE = '0 0 */6 * * *';

export const DEFAULT_CONFIG: WardenConfig = {
  mode: 'dry-run',
  controlModes: {},
  allowedSubscriptions: [],
  allowedManagementGroups: [],
  scopeMaxAgeSeconds: 300,
  ownIdentities: [],
  allowRestarts: false,
  flap: { maxFixes: 3, windowMinutes: 60 },
  writeBudget: { maxWrites: 100, windowMinutes: 60 },
  sweepSource: 'auto',
};

/** The app settings, by what they set. */
export const SETTINGS = {
  mode: 'TRANSIT_WARDEN_MODE',
  controlModes: 'TRANSIT_WARDEN_CONTROL_MODES',
  allowedSubscriptions: 'TRANSIT_WARDEN_ALLOWED_SUBSCRIPTIONS',
  allowedScopes: 'TRANSIT_WARDEN_ALLOWED_SCOPES',
  scopeMaxAgeSeconds: 'TRANSIT_WARDEN_SCOPE_MAX_AGE_SECONDS',
  ownIdentities: 'TRANSIT_WARDEN_OWN_IDENTITIES',
  allowRestarts: 'TRANSIT_WARDEN_ALLOW_RESTARTS',
  sweepSchedule: 'TRANSIT_WARDEN_SWEEP_SCHEDULE',
  sweepSource: 'TRANSIT_WARDEN_SWEEP_SOURCE',
  flapMaxFixes: 'TRANSIT_WARDEN_FLAP_MAX_FIXES',
  flapWindowMinutes: 'TRANSIT_WARDEN_FLAP_WINDOW_MINUTES',
  writeBudget: 'TRANSIT_WARDEN_WRITE_BUDGET',
  writeBudgetWindowMinutes: 'TRANSIT_WARDEN_WRITE_BUDGET_WINDOW_MINUTES',
  auditTableUrl: 'TRANSIT_WARDEN_AUDIT_TABLE_URL',
  leaseTableUrl: 'TRANSIT_WARDEN_LEASE_TABLE_URL',
  auditFile: 'TRANSIT_WARDEN_AUDIT_FILE',
  auditKey: AUDIT_KEY_SETTING,
  logLevel: 'TRANSIT_WARDEN_LOG_LEVEL',
  notifyTopicEndpoint: 'TRANSIT_WARDEN_NOTIFY_TOPIC_ENDPOINT',
} as const;

/**
 * Names of the azd environment that only the deployment reads (infra/main.parameters.json) or
 * writes (main.bicep's outputs, which azd stores there); a developer's shell may carry them into a
 * local Functions host (`azd env get-values`), so they are not refused as typos.
 */
const DEPLOYMENT_ONLY = new Set([
  'TRANSIT_WARDEN_TARGET_SUBSCRIPTIONS', 'TRANSIT_WARDEN_NODE_VERSION',
  'TRANSIT_WARDEN_TARGET_SUBSCRIPTION_IDS', 'TRANSIT_WARDEN_IDENTITY_PRINCIPAL_ID', 'TRANSIT_WARDEN_AUDIT_KEY_SECRET_NAME',
]);
const SETTING_PREFIX = 'TRANSIT_WARDEN_';

/** pino's levels (a test keeps this list equal to pino's own). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const satisfies readonly LevelWithSilent[];

export const DEFAULT_AUDIT_FILE = 'transit-warden-audit.jsonl';

/** Everything the deployed app reads from its settings. */
export interface AppSettings {
  config: WardenConfig;
  logLevel: LevelWithSilent;
  sweepSchedule: string;
  /** The audit table's URL (reached with the app's identity); undefined means the JSONL file. */
  auditTableUrl: string | undefined;
  auditFile: string;
  /**
   * The table of leases and write intents every instance shares (TRANSIT_WARDEN_LEASE_TABLE_URL;
   * by default, with an audit table, that table's name + `leases` in the same account); undefined
   * means leases in memory and intents beside the JSONL audit file (one process).
   */
  leaseTableUrl: string | undefined;
  /** The key audit records are sealed with (TRANSIT_WARDEN_AUDIT_KEY); undefined means plain sha256 chains. */
  auditKey: AuditKey | undefined;
  /** Event Grid topic for outcome notifications; undefined means none. */
  notifyTopicEndpoint: string | undefined;
  /** AZURE_CLIENT_ID: the user-assigned identity DefaultAzureCredential signs in as. */
  identityClientId: string | undefined;
  /**
   * The queue service the sweep fans out on, from the host's own identity-based connection
   * (AzureWebJobsStorage__queueServiceUri, or __accountName in the public cloud); undefined when the
   * host uses a connection string, and the sweep then fans out through the output binding alone.
   */
  sweepQueueServiceUrl: string | undefined;
}

function bad(message: string): WardenError {
  return new WardenError('INVALID_CONFIG', message);
}

/**
 * One setting, trimmed; undefined when unset or blank (an emptied app setting). No transit-warden
 * setting holds a credential (it signs in with its managed identity), so a value shaped like one
 * is a paste into the wrong setting: refused, and never repeated in the message.
 */
function read(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return undefined;
  if (looksLikeSecret(value)) {
    throw bad(`${name}: the value looks like a secret/connection string; not shown. No transit-warden setting takes a credential: it signs in with its managed identity`);
  }
  return value;
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = read(env, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0) throw bad(`${name} must be a positive whole number, ${shownSettingValue(value)}`);
  return n;
}

/** The global mode; `setting` names where the value came from (an app setting or a CLI option). */
export function parseGlobalMode(value: string | undefined, fallback: GlobalMode = DEFAULT_CONFIG.mode, setting = 'mode'): GlobalMode {
  if (value === undefined || value === '') return fallback;
  if (value === 'enforce' || value === 'dry-run') return value;
  throw bad(`${setting} must be enforce or dry-run, ${shownSettingValue(value)}`);
}

/** `id=mode,id=mode`; ids are checked against the catalog by the caller that knows it. */
export function parseControlModes(value: string | undefined, setting: string = SETTINGS.controlModes): Record<string, ControlModeSetting> {
  const result: Record<string, ControlModeSetting> = {};
  for (const pair of list(value)) {
    const [id, mode, extra] = pair.split('=');
    if (!id || !mode || extra !== undefined) throw bad(`${setting}: control mode ${JSON.stringify(quoteUntrusted(pair, 120))} must look like control-id=mode`);
    if (mode !== 'enforce' && mode !== 'dry-run' && mode !== 'report') {
      throw bad(`${setting}: control mode for ${quoteUntrusted(id, 120)} must be enforce, dry-run or report, ${shownSettingValue(mode)}`);
    }
    result[id] = mode;
  }
  return result;
}

/**
 * Per-control modes must name controls that exist: a misspelt id would otherwise be ignored and leave
 * the control at its default — often enforce — while the operator believes it reports only.
 */
export function checkControlModes(config: WardenConfig, controlIds: readonly string[]): void {
  const known = new Set(controlIds);
  const unknown = Object.keys(config.controlModes).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw bad(`${SETTINGS.controlModes} names unknown control(s) ${unknown.map((id) => JSON.stringify(quoteUntrusted(id, 120))).join(', ')}; known: ${[...known].sort().join(', ')}`);
  }
}

/**
 * The sweep schedule alone, validated (src/ncrontab.ts): the timer registration needs it at import
 * time, and building the whole runtime there would make every cold start pay for credentials,
 * stores and SDKs. A bad schedule throws there, so the Functions host reports it at start-up.
 */
export function sweepScheduleFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const value = read(env, SETTINGS.sweepSchedule);
  if (value === undefined) return DEFAULT_SWEEP_SCHEDULE;
  const problem = ncrontabProblem(value);
  if (problem) throw bad(`${SETTINGS.sweepSchedule} ${JSON.stringify(quoteUntrusted(value, 120))} ${problem}`);
  return value;
}

/** TRANSIT_WARDEN_LOG_LEVEL, one of pino's levels; `fallback` when unset (the CLI prefers quieter ones). */
export function logLevelFromEnv(fallback: LevelWithSilent, env: NodeJS.ProcessEnv = process.env): LevelWithSilent {
  const value = read(env, SETTINGS.logLevel);
  if (value === undefined) return fallback;
  const level = LOG_LEVELS.find((l) => l === value.toLowerCase());
  if (!level) throw bad(`${SETTINGS.logLevel} must be one of ${LOG_LEVELS.join(', ')}, ${shownSettingValue(value)}`);
  return level;
}

/**
 * An Event Grid topic endpoint: https (notifications name resources and actors, and the SDK refuses
 * bearer tokens over plain http), without credentials in it (the app authenticates with its identity).
 */
export function validateTopicEndpoint(endpoint: string, setting = 'the Event Grid topic endpoint'): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    // The value is not echoed: what lands here by mistake is sometimes an access key.
    throw bad(`${setting} must be an https URL such as https://<topic>.<region>-1.eventgrid.azure.net/api/events; the value given is not a URL`);
  }
  if (url.protocol !== 'https:') throw bad(`${setting} must use https, got ${JSON.stringify(url.protocol.replace(/:$/, ''))}`);
  if (url.username || url.password) throw bad(`${setting} must not carry credentials; transit-warden authenticates with its identity`);
  return url;
}

/** TRANSIT_WARDEN_NOTIFY_TOPIC_ENDPOINT, validated; undefined when unset (notifications are optional). */
export function notifyTopicEndpointFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const endpoint = read(env, SETTINGS.notifyTopicEndpoint);
  if (endpoint !== undefined) validateTopicEndpoint(endpoint, SETTINGS.notifyTopicEndpoint);
  return endpoint;
}

/** As src/audit/table-store.ts's TABLE_NAME: the service's rule for table names. */
const TABLE_NAME = /^[A-Za-z][A-Za-z0-9]{2,62}$/;

/**
 * A table URL setting (TRANSIT_WARDEN_AUDIT_TABLE_URL, TRANSIT_WARDEN_LEASE_TABLE_URL):
 * `https://<account>.table.core.windows.net/<table>`, reached with the app's identity, so a SAS or a
 * connection string here is a mistake (and is not echoed).
 */
function tableUrlFromEnv(env: NodeJS.ProcessEnv, name: string, what: string): string | undefined {
  const value = read(env, name);
  if (value === undefined) return undefined;
  const example = 'https://<account>.table.core.windows.net/<table>';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw bad(`${name} must be the ${what}'s URL, such as ${example}; ${shownSettingValue(value)}`);
  }
  if (url.protocol !== 'https:') throw bad(`${name} must use https: a bearer token is never sent over plain http`);
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw bad(`${name} must not carry a query string, fragment or credentials: the app reaches the table with its managed identity, not a SAS`);
  }
  const table = url.pathname.split('/').filter(Boolean).pop();
  if (table === undefined || !TABLE_NAME.test(table)) {
    throw bad(`${name} must end with a table name (3-63 letters and digits, starting with a letter), as in ${example}`);
  }
  return value;
}

/**
 * The lease table: the setting when given; otherwise, with an audit table, the table beside it in
 * the same account named like it + `leases` (cut to the service's 63 characters), which is what
 * infra/app.bicep deploys. It must not be the audit table itself: the audit table's role is
 * insert-only, and its readers would list leases and intents as damaged records.
 */
function leaseTableUrlFromEnv(env: NodeJS.ProcessEnv, auditTableUrl: string | undefined): string | undefined {
  const explicit = tableUrlFromEnv(env, SETTINGS.leaseTableUrl, 'lease table');
  if (explicit !== undefined && auditTableUrl !== undefined && sameTable(explicit, auditTableUrl)) {
    throw bad(`${SETTINGS.leaseTableUrl} names the audit table (${SETTINGS.auditTableUrl}); leases and intents need a table of their own`);
  }
  if (explicit !== undefined || auditTableUrl === undefined) return explicit;
  return leaseTableUrlBeside(auditTableUrl);
}

/** The default lease table for an audit table: same account, its name + `leases`. */
export function leaseTableUrlBeside(auditTableUrl: string): string {
  const url = new URL(auditTableUrl);
  const segments = url.pathname.split('/').filter(Boolean);
  const table = segments.pop() ?? 'transitwarden';
  segments.push(`${table.slice(0, 57)}leases`);
  return `${url.origin}/${segments.join('/')}`;
}

function sameTable(a: string, b: string): boolean {
  const canonical = (u: string): string => {
    const url = new URL(u);
    return `${url.origin}/${url.pathname.split('/').filter(Boolean).join('/')}`.toLowerCase();
  };
  return canonical(a) === canonical(b);
}

/**
 * Configuration from app settings (environment). Bad values fail at start-up with a clear message,
 * never silently fall back to a more permissive setting.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): WardenConfig {
  const allowedSubscriptions = list(read(env, SETTINGS.allowedSubscriptions));
  for (const s of allowedSubscriptions) {
    if (!isSubscriptionId(s)) throw bad(`${SETTINGS.allowedSubscriptions} holds ${JSON.stringify(quoteUntrusted(s, 120))}, which is not a subscription id`);
  }
  const scopes = parseScopes(list(read(env, SETTINGS.allowedScopes)), SETTINGS.allowedScopes);
  const allowRestarts = read(env, SETTINGS.allowRestarts) ?? 'false';
  if (allowRestarts !== 'true' && allowRestarts !== 'false') throw bad(`${SETTINGS.allowRestarts} must be true or false, ${shownSettingValue(allowRestarts)}`);
  const sweepSource = read(env, SETTINGS.sweepSource) ?? DEFAULT_CONFIG.sweepSource;
  if (!(SWEEP_SOURCES as readonly string[]).includes(sweepSource)) {
    throw bad(`${SETTINGS.sweepSource} must be ${SWEEP_SOURCES.join(', ')}, ${shownSettingValue(sweepSource)}`);
  }
  return {
    mode: parseGlobalMode(read(env, SETTINGS.mode), DEFAULT_CONFIG.mode, SETTINGS.mode),
    controlModes: parseControlModes(read(env, SETTINGS.controlModes)),
    allowedSubscriptions: [...new Set([...allowedSubscriptions.map((s) => s.toLowerCase()), ...scopes.subscriptions])],
    allowedManagementGroups: scopes.managementGroups,
    scopeMaxAgeSeconds: positiveInt(env, SETTINGS.scopeMaxAgeSeconds, DEFAULT_CONFIG.scopeMaxAgeSeconds),
    ownIdentities: list(read(env, SETTINGS.ownIdentities)).map((s) => s.toLowerCase()),
    allowRestarts: allowRestarts === 'true',
    flap: {
      maxFixes: positiveInt(env, SETTINGS.flapMaxFixes, DEFAULT_CONFIG.flap.maxFixes),
      windowMinutes: positiveInt(env, SETTINGS.flapWindowMinutes, DEFAULT_CONFIG.flap.windowMinutes),
    },
    writeBudget: {
      maxWrites: positiveInt(env, SETTINGS.writeBudget, DEFAULT_CONFIG.writeBudget.maxWrites),
      windowMinutes: positiveInt(env, SETTINGS.writeBudgetWindowMinutes, DEFAULT_CONFIG.writeBudget.windowMinutes),
    },
    sweepSource: sweepSource as SweepSourceSetting,
  };
}

/**
 * The configuration of a CLI run (`sandbox`, `scan`): every setting from the environment, checked
 * as the function app checks it (TRANSIT_WARDEN_ALLOW_RESTARTS, control modes, budget, flap window…),
 * except the two the command line decides: the mode (its --mode flag) and the scope (the
 * subscriptions it was pointed at).
 */
export function commandConfig(
  scope: Pick<WardenConfig, 'mode' | 'allowedSubscriptions'> & Partial<Pick<WardenConfig, 'allowedManagementGroups'>>,
  env: NodeJS.ProcessEnv = process.env,
): WardenConfig {
  checkSettingNames(env);
  return {
    ...configFromEnv(env),
    mode: scope.mode,
    allowedSubscriptions: scope.allowedSubscriptions.map((s) => s.toLowerCase()),
    allowedManagementGroups: (scope.allowedManagementGroups ?? []).map((g) => g.toLowerCase()),
  };
}

const MANAGEMENT_GROUP_ID = /^\/providers\/microsoft\.management\/managementgroups\/([A-Za-z0-9_().-]{1,90})$/i;
const SUBSCRIPTION_SCOPE = /^\/subscriptions\/([^/]+)$/i;

/**
 * TRANSIT_WARDEN_ALLOWED_SCOPES: subscription ids (bare or as `/subscriptions/{id}`) and management
 * groups as their full ARM id, `/providers/Microsoft.Management/managementGroups/{name}`. A group
 * must be spelled out: its name may itself be a GUID (the tenant root group's is the tenant id), so
 * a bare GUID always means a subscription.
 */
export function parseScopes(entries: readonly string[], setting: string): { subscriptions: string[]; managementGroups: string[] } {
  const subscriptions = new Set<string>();
  const managementGroups = new Set<string>();
  for (const entry of entries) {
    const group = MANAGEMENT_GROUP_ID.exec(entry);
    const subscription = SUBSCRIPTION_SCOPE.exec(entry)?.[1] ?? entry;
    if (group) managementGroups.add(group[1].toLowerCase());
    else if (isSubscriptionId(subscription)) subscriptions.add(subscription.toLowerCase());
    else {
      throw bad(`${setting} holds ${JSON.stringify(quoteUntrusted(entry, 120))}, which is neither a subscription id nor a management group id (/providers/Microsoft.Management/managementGroups/{name})`);
    }
  }
  return { subscriptions: [...subscriptions], managementGroups: [...managementGroups] };
}

/**
 * A TRANSIT_WARDEN_* name this version does not read is refused: a typo (TRANSIT_WARDEN_CONTROL_MODES
 * without its S) would otherwise be ignored, leaving its controls at their defaults (often
 * enforce) while the operator believes they only report.
 */
function checkSettingNames(env: NodeJS.ProcessEnv): void {
  const known: readonly string[] = Object.values(SETTINGS);
  for (const name of Object.keys(env)) {
    if (!name.toUpperCase().startsWith(SETTING_PREFIX) || known.includes(name) || DEPLOYMENT_ONLY.has(name)) continue;
    const sameLetters = known.find((k) => k === name.toUpperCase());
    const hint = sameLetters ? ` (setting names are case-sensitive: did you mean ${sameLetters}?)` : '';
    throw bad(`${quoteUntrusted(name, 120)} is not a transit-warden setting${hint}; the settings are ${known.join(', ')}`);
  }
}

/**
 * TRANSIT_WARDEN_AUDIT_KEY, the one setting that holds a secret by design (a Key Vault reference
 * in Azure, resolved by the platform), so it is not read through `read`, which refuses values
 * shaped like one. src/audit/integrity.ts checks it and its errors name the setting, never the value;
 * the key object never prints its secret.
 */
export function auditKeyFromEnv(env: NodeJS.ProcessEnv = process.env): AuditKey | undefined {
  return auditKeyFrom(env[SETTINGS.auditKey], SETTINGS.auditKey);
}

/** Every setting of the deployed app, validated; the first bad one throws INVALID_CONFIG naming it. */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): AppSettings {
  checkSettingNames(env);
  const auditTableUrl = tableUrlFromEnv(env, SETTINGS.auditTableUrl, 'audit table');
  return {
    config: configFromEnv(env),
    logLevel: logLevelFromEnv('info', env),
    sweepSchedule: sweepScheduleFromEnv(env),
    auditTableUrl,
    leaseTableUrl: leaseTableUrlFromEnv(env, auditTableUrl),
    auditFile: read(env, SETTINGS.auditFile) ?? DEFAULT_AUDIT_FILE,
    auditKey: auditKeyFromEnv(env),
    notifyTopicEndpoint: notifyTopicEndpointFromEnv(env),
    identityClientId: env.AZURE_CLIENT_ID?.trim() || undefined,
    sweepQueueServiceUrl: queueServiceUrlFromEnv(env),
  };
}

const STORAGE_ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;

function queueServiceUrlFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const uri = env.AzureWebJobsStorage__queueServiceUri?.trim();
  if (uri) {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      throw bad(`AzureWebJobsStorage__queueServiceUri must be an https URL, ${shownSettingValue(uri)}`);
    }
    if (url.protocol !== 'https:') throw bad(`AzureWebJobsStorage__queueServiceUri must be an https URL, ${shownSettingValue(uri)}`);
    return url.origin;
  }
  const account = env.AzureWebJobsStorage__accountName?.trim();
  if (!account) return undefined;
  if (!STORAGE_ACCOUNT_NAME.test(account)) throw bad(`AzureWebJobsStorage__accountName must be a storage account name, ${shownSettingValue(account)}`);
  return `https://${account}.queue.core.windows.net`;
}
