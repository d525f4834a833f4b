/**
 * Audit records for the review page tests: real ARM ids, DESIGN control ids, several days, a
 * quarantine, exemptions (one expiring soon, one lapsed, one invalid) and hostile strings in the
 * places a tagger or event claim controls.
 */
import { recordIdFor, type AuditRecord, type EffectiveMode, type ExemptionDetail, type Outcome, type Trigger } from '../../src/audit/record';

export const NOW = new Date('2026-11-23T12:00:00Z');
export const SUB = '3f2a9c1e-7b4d-4e8a-9c2f-5d1b6a7e8f90';

export const SHOP = `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.Web/sites/contoso-shop`;
export const SHOP_STAGING = `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.Web/sites/contoso-shop/slots/staging`;
export const API = `/subscriptions/${SUB}/resourceGroups/rg-api/providers/Microsoft.Web/sites/contoso-orders-api`;
export const STORAGE = `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stcontosodata`;
export const LEGACY_STORAGE = `/subscriptions/${SUB}/resourceGroups/rg-legacy/providers/Microsoft.Storage/storageAccounts/stlegacyftp`;
export const REDIS = `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Cache/Redis/contoso-cache`;
export const SQL = `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Sql/servers/contoso-sql`;

export const XSS_IMG = '<img src=x onerror=alert(1)>';
export const XSS_SCRIPT = '<script>alert(1)</script>';
/** A resource name nobody would choose, but ARM ids come from events and tags come from anyone. */
export const HOSTILE_RESOURCE = `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.Web/sites/evil${XSS_IMG}`;
export const HOSTILE_ACTOR = `mallory${XSS_SCRIPT}@contoso.com`;
export const HOSTILE_REASON = `Vendor appliance needs TLS 1.0 ${XSS_IMG} ${XSS_SCRIPT} </script><!-- \u2028`;

const TYPES: Record<string, string> = {
  'microsoft.web/sites': 'Microsoft.Web/sites',
  'microsoft.storage/storageaccounts': 'Microsoft.Storage/storageAccounts',
  'microsoft.cache/redis': 'Microsoft.Cache/redis',
  'microsoft.sql/servers': 'Microsoft.Sql/servers',
};

function resourceTypeOf(resourceId: string): string {
  const parts = resourceId.split('/');
  const providers = parts.findIndex((p) => p.toLowerCase() === 'providers');
  const type = `${parts[providers + 1]}/${parts[providers + 2]}`;
  const base = TYPES[type.toLowerCase()] ?? type;
  return resourceId.toLowerCase().includes('/slots/') ? `${base}/slots` : base;
}

let counter = 0;

export interface RecordSpec {
  time: string;
  resourceId: string;
  control: string;
  outcome: Outcome;
  actor?: string | null;
  mode?: EffectiveMode;
  trigger?: Trigger;
  reason?: string;
  exemption?: ExemptionDetail | null;
}

export function auditRecord(spec: RecordSpec): AuditRecord {
  counter += 1;
  const trigger = spec.trigger ?? (spec.actor === null ? 'sweep' : 'event');
  const occurrence = `occurrence-${counter}`;
  const mode = spec.mode ?? (spec.outcome === 'would-fix' ? 'dry-run' : spec.outcome === 'noncompliant' ? 'report' : 'enforce');
  return {
    id: recordIdFor({ trigger, occurrence, resourceId: spec.resourceId, control: spec.control }),
    time: spec.time,
    trigger,
    eventId: trigger === 'event' ? `6b0f7c2e-0000-4000-8000-${String(counter).padStart(12, '0')}` : null,
    correlationId: `c0ffee00-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    actor: spec.actor === undefined ? 'alice@contoso.com' : spec.actor,
    subscriptionId: SUB,
    resourceId: spec.resourceId,
    resourceType: resourceTypeOf(spec.resourceId),
    control: spec.control,
    outcome: spec.outcome,
    reason: spec.reason ?? defaultReason(spec.outcome, spec.control),
    before: spec.outcome === 'fixed' || spec.outcome === 'would-fix' ? { properties: { httpsOnly: false } } : null,
    after: spec.outcome === 'fixed' || spec.outcome === 'would-fix' ? { properties: { httpsOnly: true } } : null,
    verified: spec.outcome === 'fixed' ? true : null,
    mode,
    durationMs: 180 + counter,
    version: '0.1.0',
    exemption: spec.exemption ?? null,
  };
}

function defaultReason(outcome: Outcome, control: string): string {
  switch (outcome) {
    case 'fixed': return `${control}: was noncompliant; set the minimal patch`;
    case 'would-fix': return `${control}: would set the minimal patch (dry-run by global mode)`;
    case 'noncompliant': return `${control}: noncompliant (report mode)`;
    case 'failed': return 'ARM_REQUEST_FAILED: 409 Conflict: another operation is in progress';
    case 'skipped': return 'budget: 200 of 200 writes used in the last 60 minutes; not writing';
    default: return outcome;
  }
}

/** The estate's last week as the audit log tells it. */
export function sampleRecords(): AuditRecord[] {
  const day = (d: number, hh: number, mm = 0): string => `2026-11-${String(d).padStart(2, '0')}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00.000Z`;
  return [
    // 17th: sweep baseline
    auditRecord({ time: day(17, 6), resourceId: SHOP, control: 'appservice-https-only', outcome: 'compliant', actor: null }),
    auditRecord({ time: day(17, 6, 1), resourceId: STORAGE, control: 'storage-min-tls', outcome: 'compliant', actor: null }),
    auditRecord({ time: day(17, 6, 2), resourceId: SQL, control: 'sql-min-tls', outcome: 'noncompliant', actor: null }),
    // 18th: alice turns https off twice
    auditRecord({ time: day(18, 9, 12), resourceId: SHOP, control: 'appservice-https-only', outcome: 'fixed', actor: 'alice@contoso.com' }),
    auditRecord({ time: day(18, 9, 40), resourceId: SHOP, control: 'appservice-min-tls', outcome: 'fixed', actor: 'alice@contoso.com' }),
    auditRecord({ time: day(18, 15, 5), resourceId: API, control: 'appservice-ftps-only', outcome: 'would-fix', actor: 'bob@contoso.com', mode: 'dry-run' }),
    // 19th: a pipeline keeps reverting staging
    auditRecord({ time: day(19, 10), resourceId: SHOP_STAGING, control: 'appservice-https-only', outcome: 'fixed', actor: 'deploy-pipeline@contoso.com' }),
    auditRecord({ time: day(19, 10, 5), resourceId: SHOP_STAGING, control: 'appservice-https-only', outcome: 'fixed', actor: 'deploy-pipeline@contoso.com' }),
    auditRecord({ time: day(19, 10, 10), resourceId: SHOP_STAGING, control: 'appservice-https-only', outcome: 'fixed', actor: 'deploy-pipeline@contoso.com' }),
    auditRecord({
      time: day(19, 10, 15), resourceId: SHOP_STAGING, control: 'appservice-https-only', outcome: 'skipped', actor: 'deploy-pipeline@contoso.com',
      reason: 'flapping: fixed 3 times in the last 60 minutes; something keeps undoing this fix (a pipeline or IaC?) — a person must decide',
    }),
    auditRecord({ time: day(19, 11), resourceId: REDIS, control: 'redis-ssl-only', outcome: 'failed', actor: 'carol@contoso.com' }),
    // 20th: exemptions recorded
    auditRecord({
      time: day(20, 8), resourceId: LEGACY_STORAGE, control: 'storage-min-tls', outcome: 'exempt', actor: 'dave@contoso.com',
      reason: 'minimumTlsVersion TLS1_0; exempt by tag on the resource: legacy scanner uploads over TLS 1.0 until replaced (until 2026-12-01)',
      exemption: { source: 'resource', scope: 'storage-min-tls', reason: 'legacy scanner uploads over TLS 1.0 until replaced', until: '2026-12-01', status: 'valid' },
    }),
    auditRecord({
      time: day(20, 8, 30), resourceId: REDIS, control: 'redis-min-tls', outcome: 'exempt', actor: 'carol@contoso.com',
      reason: 'minimumTlsVersion 1.0; exempt by tag on the resource-group',
      exemption: { source: 'resource-group', scope: '*', reason: 'Java 7 batch client pinned to TLS 1.0; migration ticket OPS-4411', until: '2027-03-31', status: 'valid' },
    }),
    auditRecord({
      time: day(20, 9), resourceId: API, control: 'appservice-min-tls', outcome: 'exempt', actor: 'bob@contoso.com',
      reason: 'exempt, but lapsed',
      exemption: { source: 'resource', scope: 'appservice-min-tls', reason: 'partner integration test window', until: '2026-11-10', status: 'lapsed' },
    }),
    // 21st: the hostile record
    auditRecord({
      time: day(21, 13, 37), resourceId: HOSTILE_RESOURCE, control: 'appservice-https-only', outcome: 'exempt', actor: HOSTILE_ACTOR,
      reason: HOSTILE_REASON,
      exemption: { source: 'resource', scope: 'appservice-https-only', reason: HOSTILE_REASON, until: null, status: 'valid' },
    }),
    auditRecord({ time: day(21, 14), resourceId: STORAGE, control: 'storage-https-only', outcome: 'fixed', actor: 'alice@contoso.com' }),
    auditRecord({ time: day(21, 14, 1), resourceId: STORAGE, control: 'storage-min-tls', outcome: 'fixed', actor: 'alice@contoso.com' }),
    // 22nd: quiet day except a dry run and a failure
    auditRecord({ time: day(22, 7), resourceId: API, control: 'appservice-scm-min-tls', outcome: 'would-fix', actor: 'bob@contoso.com', mode: 'dry-run' }),
    auditRecord({ time: day(22, 7, 30), resourceId: SQL, control: 'sql-min-tls', outcome: 'failed', actor: null, trigger: 'sweep' }),
    // 23rd: today
    auditRecord({ time: day(23, 9), resourceId: SHOP, control: 'appservice-https-only', outcome: 'fixed', actor: 'alice@contoso.com' }),
    auditRecord({ time: day(23, 9, 1), resourceId: SHOP, control: 'appservice-client-cert', outcome: 'noncompliant', actor: 'alice@contoso.com', mode: 'report' }),
    auditRecord({ time: day(23, 10), resourceId: SHOP, control: 'appservice-https-only', outcome: 'undone', actor: 'erin@contoso.com', trigger: 'undo', reason: 'undo of a fix, requested by erin@contoso.com' }),
  ];
}
