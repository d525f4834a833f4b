import type { Json } from '../controls/types';
import type { IntentStore, Notifier } from '../engine/ports';
import { redactSecrets } from '../redact';
import type { AuditRecord, ExemptionDetail } from './record';
import type { AuditStore } from './store';

/**
 * The last pass over every audit record before a store keeps it (and before a notification sends
 * it): credentials are masked in each field that carries text from outside transit-warden.
 *
 *  - `actor`, `correlationId`, `eventId`: from event claims and data; a token pasted there is caught
 *    at parse time already (src/events/parse.ts), this is the second line.
 *  - `reason`: quotes tag values, ARM and SDK error messages, resource values.
 *  - `exemption`: scope, reason and until are tag values, verbatim.
 *  - `before` / `after`: the values of the control's own properties (TLS versions, booleans, FTPS
 *    states), which ARM validates, so no credential fits there and masking is a no-op; it is done
 *    anyway because a record is forever, and a masked value makes undo fail safe (ARM refuses it).
 *
 * Not touched: ids (`id`, `resourceId`, `subscriptionId`), which are parsed ARM ids and keys of the
 * log; masking one would make the record point nowhere. Nor `integrity` (digests, chain position,
 * key fingerprint) or any field this module does not know. The stores seal a record inside
 * `append`, so redactingAuditStore masks before the seal is made and the seal covers masked text.
 * A record with nothing to mask is returned as it is, so this costs one scan of a few short strings.
 */
export function redactRecord(record: AuditRecord): AuditRecord {
  const actor = nullable(record.actor);
  const correlationId = nullable(record.correlationId);
  const eventId = nullable(record.eventId);
  const reason = typeof record.reason === 'string' ? redactSecrets(record.reason) : record.reason;
  const exemption = record.exemption ? redactExemption(record.exemption) : record.exemption;
  const before = redactJson(record.before);
  const after = redactJson(record.after);
  if (
    actor === record.actor && correlationId === record.correlationId && eventId === record.eventId && reason === record.reason &&
    exemption === record.exemption && before === record.before && after === record.after
  ) {
    return record;
  }
  return { ...record, actor, correlationId, eventId, reason, exemption, before, after };
}

function nullable(value: string | null): string | null {
  return typeof value === 'string' ? redactSecrets(value) : value;
}

function redactExemption(detail: ExemptionDetail): ExemptionDetail {
  const scope = redactSecrets(detail.scope);
  const reason = nullable(detail.reason);
  const until = nullable(detail.until);
  return scope === detail.scope && reason === detail.reason && until === detail.until ? detail : { ...detail, scope, reason, until };
}

/** A copy with every string masked, or `value` itself when no string needed it. */
function redactJson<T extends Json | null>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => redactJson(item));
    return (items.some((item, i) => item !== value[i]) ? items : value) as T;
  }
  let changed = false;
  const out: Record<string, Json> = {};
  for (const [key, item] of Object.entries(value)) {
    const masked = redactJson(item);
    out[key] = masked;
    changed ||= masked !== item;
  }
  return (changed ? out : value) as T;
}

/**
 * `store`, with each record masked on its way in (redactRecord). The runtime wraps whatever store it
 * is given, so every engine path — fixes, skips, failures — goes through it without the engine
 * knowing. A Proxy rather than a wrapper object: every other method (today's and any a store adds)
 * reaches the store itself, and `instanceof` still sees the store's class.
 */
export function redactingAuditStore<T extends AuditStore>(store: T): T {
  const append: AuditStore['append'] = (records) => store.append(records.map(redactRecord));
  return new Proxy(store, {
    get(target, property) {
      if (property === 'append') return append;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A notifier that sends masked records: notification data carries reason, actor and values. */
export function redactingNotifier(notifier: Notifier): Notifier {
  return { publish: (records) => notifier.publish(records.map(redactRecord)) };
}

/**
 * An intent store whose intents carry masked records: an intent holds the records its write is to
 * end in (reason, actor, correlation id and all), kept in the lease table until those records are
 * stored, and the reconciliation appends them from there. Masked on the way in, like the log.
 */
export function redactingIntentStore(store: IntentStore): IntentStore {
  return {
    record: (intent) => store.record({ ...intent, records: intent.records.map(redactRecord) }),
    open: (resourceId) => store.open(resourceId),
    close: (intent) => store.close(intent),
    list: () => store.list(),
  };
}
