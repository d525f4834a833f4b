/**
 * Sealing and checking audit records (the `integrity` field, see RecordIntegrity in ./record).
 *
 * Why a per-resource hash chain, keyed with an HMAC when the deployment holds a key:
 * - The chain makes a deleted record visible (a gap in `seq`) and an edited one (its digest no
 *   longer matches). A chain per resource, not one for the whole log, because the resource is the
 *   unit that is written concurrently least (evaluations of one resource are rare and short), so
 *   two instances appending at once almost never race for the same link; one global chain would make
 *   every append of a 10,000-resource sweep contend for a single head.
 * - A plain sha256 chain can be recomputed by anyone who can write the log, so on its own it only
 *   catches careless edits. With the key (TRANSIT_WARDEN_AUDIT_KEY, a Key Vault reference in Azure)
 *   the digest is an HMAC: without the key nobody can forge a record, re-link the chain after an
 *   edit, or insert one, and undo trusts only records that verify.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { WardenError } from '../errors';
import { canonicalJson } from './canonical';
import type { AuditRecord, RecordIntegrity } from './record';

export const AUDIT_KEY_SETTING = 'TRANSIT_WARDEN_AUDIT_KEY';
/** At least 32 characters: `openssl rand -base64 32` gives 44. */
export const AUDIT_KEY_MIN_LENGTH = 32;
const DOMAIN = 'transit-warden audit record v1\n';
const KEY_ID_DOMAIN = 'transit-warden audit key id\n';
const CHAIN = /^r-[0-9a-f]{32}$/;
const HEX_DIGEST = /^[0-9a-f]{64}$/;

/**
 * The deployment's audit key. The secret is held in a private field, so logging or serialising
 * an object that carries the key (a store, its options) can never print it.
 */
export class AuditKey {
  readonly #secret: Buffer;
  /** A fingerprint that names the key in records and reports; the key cannot be derived from it. */
  readonly id: string;

  constructor(secret: string) {
    this.#secret = Buffer.from(secret, 'utf8');
    this.id = createHash('sha256').update(KEY_ID_DOMAIN).update(this.#secret).digest('hex').slice(0, 16);
  }

  mac(data: string): string {
    return createHmac('sha256', this.#secret).update(data).digest('hex');
  }

  toJSON(): { id: string } {
    return { id: this.id };
  }
}

/**
 * The key from an app setting's value: absent or blank means "no key" (records are chained with
 * plain sha256). Errors name the setting and never echo the value.
 */
export function auditKeyFrom(value: string | undefined, setting = AUDIT_KEY_SETTING): AuditKey | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^@Microsoft\.KeyVault\(/i.test(text)) {
    // The platform leaves the reference text in place when it cannot resolve it; signing with that
    // text would seal every record with a key anyone can read in the app's configuration.
    throw new WardenError('INVALID_CONFIG', `${setting} is an unresolved Key Vault reference: give the app's identity (keyVaultReferenceIdentity) the Key Vault Secrets User role on the secret`, { setting });
  }
  if (text.length < AUDIT_KEY_MIN_LENGTH) {
    throw new WardenError('INVALID_CONFIG', `${setting} must be at least ${AUDIT_KEY_MIN_LENGTH} characters (for example the output of \`openssl rand -base64 32\`)`, { setting });
  }
  return new AuditKey(text);
}

/** The chain a resource's records belong to (also the table store's resource partition). */
export function chainOf(resourceId: string): string {
  return `r-${createHash('sha256').update(resourceId.toLowerCase()).digest('hex').slice(0, 32)}`;
}

export interface ChainPosition {
  chain: string;
  seq: number;
  prev: string | null;
}

/** The record without its seal: what the seal covers. */
export function withoutIntegrity(record: AuditRecord): AuditRecord {
  const { integrity: _integrity, ...content } = record;
  return content;
}

function digest(content: AuditRecord, seal: Omit<RecordIntegrity, 'hash'>, key: AuditKey | undefined): string {
  const text = DOMAIN + canonicalJson({ record: content, v: seal.v, chain: seal.chain, seq: seal.seq, prev: seal.prev, alg: seal.alg, keyId: seal.keyId });
  return key ? key.mac(text) : createHash('sha256').update(text).digest('hex');
}

/** A copy of `record` sealed at `position`; any seal it carried is replaced. */
export function sealRecord(record: AuditRecord, position: ChainPosition, key: AuditKey | undefined): AuditRecord {
  const content = withoutIntegrity(record);
  const seal: Omit<RecordIntegrity, 'hash'> = {
    v: 1, chain: position.chain, seq: position.seq, prev: position.prev, alg: key ? 'hmac-sha256' : 'sha256', keyId: key ? key.id : null,
  };
  return { ...content, integrity: { ...seal, hash: digest(content, seal, key) } };
}

/**
 * - valid: the digest matches (with the key for hmac-sha256).
 * - invalid: it does not, or the seal is malformed: the record changed after it was sealed.
 * - unverifiable: sealed with a key the caller does not hold (or holds none).
 * - unchained: no seal (written before chaining).
 */
export type SealCheck = 'valid' | 'invalid' | 'unverifiable' | 'unchained';

export function checkSeal(record: AuditRecord, key: AuditKey | undefined): SealCheck {
  const seal: unknown = record.integrity;
  if (seal === undefined) return 'unchained';
  if (!isWellFormed(seal)) return 'invalid';
  if (seal.alg === 'hmac-sha256' && (!key || key.id !== seal.keyId)) return 'unverifiable';
  let expected: string;
  try {
    expected = digest(withoutIntegrity(record), seal, seal.alg === 'hmac-sha256' ? key : undefined);
  } catch {
    return 'invalid'; // a value canonicalJson cannot walk (nested too deep): not what was sealed
  }
  return timingSafeEqual(Buffer.from(expected), Buffer.from(seal.hash)) ? 'valid' : 'invalid';
}

/** The seal has the shape sealRecord writes (a hand-made one often does not). */
export function isWellFormed(seal: unknown): seal is RecordIntegrity {
  if (seal === null || typeof seal !== 'object' || Array.isArray(seal)) return false;
  const s = seal as Record<string, unknown>;
  return s.v === 1
    && typeof s.chain === 'string' && CHAIN.test(s.chain)
    && typeof s.seq === 'number' && Number.isSafeInteger(s.seq) && s.seq >= 1
    && (s.seq === 1 ? s.prev === null : typeof s.prev === 'string' && HEX_DIGEST.test(s.prev))
    && ((s.alg === 'sha256' && s.keyId === null) || (s.alg === 'hmac-sha256' && typeof s.keyId === 'string' && /^[0-9a-f]{16}$/.test(s.keyId)))
    && typeof s.hash === 'string' && HEX_DIGEST.test(s.hash);
}

/**
 * The newest link of every chain a store holds, for stores that see all appends themselves (memory;
 * JSONL under its process lock, re-reading what other processes appended first).
 */
export class ChainHeads {
  private readonly heads = new Map<string, { seq: number; hash: string }>();

  /**
   * `parent`: heads to fall back on. A batch seals into a child and the parent learns the new
   * heads only once the batch is stored, so a failed write leaves no phantom link (a gap).
   */
  constructor(private readonly parent?: ChainHeads) {}

  /** Heads for one batch on top of these. */
  child(): ChainHeads {
    return new ChainHeads(this);
  }

  /** Takes note of a stored record; a record without a well-formed seal does not move a head. */
  observe(record: AuditRecord): void {
    const seal: unknown = record.integrity;
    if (!isWellFormed(seal)) return;
    const head = this.head(seal.chain);
    if (!head || seal.seq > head.seq) this.heads.set(seal.chain, { seq: seal.seq, hash: seal.hash });
  }

  /** Where the next record of this resource goes. */
  next(resourceId: string): ChainPosition {
    const chain = chainOf(resourceId);
    const head = this.head(chain);
    return head ? { chain, seq: head.seq + 1, prev: head.hash } : { chain, seq: 1, prev: null };
  }

  private head(chain: string): { seq: number; hash: string } | undefined {
    return this.heads.get(chain) ?? this.parent?.head(chain);
  }

  clear(): void {
    this.heads.clear();
  }
}
