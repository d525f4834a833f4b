import { randomUUID } from 'node:crypto';
import { cloneJson } from '../core/json';
import type { Lease, LeaseStore, IntentStore, WriteIntent } from '../engine/ports';

/** Milliseconds since the epoch; tests step it to expire leases without waiting. */
export type MillisecondClock = () => number;

interface Held {
  token: string;
  holder: string;
  expiresAt: number;
}

/**
 * Leases in this process only: they serialise the evaluations of one engine (a sweep's concurrent
 * evaluations and an event for the same resource) and of engines sharing the object. Two processes
 * need the Table store (src/coordination/table.ts).
 */
export class MemoryLeaseStore implements LeaseStore {
  private readonly held = new Map<string, Held>();

  constructor(private readonly now: MillisecondClock = Date.now) {}

  async tryAcquire(key: string, holder: string, ttlMs: number): Promise<Lease | undefined> {
    const name = key.toLowerCase();
    const current = this.held.get(name);
    if (current && current.expiresAt > this.now()) return undefined;
    const mine: Held = { token: randomUUID(), holder, expiresAt: this.now() + ttlMs };
    this.held.set(name, mine);
    const ours = (): boolean => this.held.get(name)?.token === mine.token;
    return {
      renew: async () => {
        if (!ours()) return false;
        mine.expiresAt = this.now() + ttlMs;
        return true;
      },
      release: async () => {
        if (ours()) this.held.delete(name);
      },
    };
  }

  /** Holders of leases not yet expired (for tests and the soak's end-state check). */
  active(): { key: string; holder: string }[] {
    const now = this.now();
    return [...this.held].filter(([, h]) => h.expiresAt > now).map(([key, h]) => ({ key, holder: h.holder }));
  }
}

/** Intents in this process: lost with it, like a MemoryAuditStore's records. */
export class MemoryIntentStore implements IntentStore {
  /** Open intents by lower-cased resource id, then by intent id in recording order. */
  private readonly byResource = new Map<string, Map<string, WriteIntent>>();

  async record(intent: WriteIntent): Promise<void> {
    const key = intent.resourceId.toLowerCase();
    const intents = this.byResource.get(key) ?? new Map<string, WriteIntent>();
    // Deleted first so that a replaced intent moves to the end: open() answers oldest first.
    intents.delete(intent.id);
    intents.set(intent.id, cloneJson(intent));
    this.byResource.set(key, intents);
  }

  async open(resourceId: string): Promise<WriteIntent[]> {
    return [...(this.byResource.get(resourceId.toLowerCase())?.values() ?? [])].map((i) => cloneJson(i));
  }

  async close(intent: WriteIntent): Promise<void> {
    const key = intent.resourceId.toLowerCase();
    const intents = this.byResource.get(key);
    intents?.delete(intent.id);
    if (intents?.size === 0) this.byResource.delete(key);
  }

  async list(): Promise<WriteIntent[]> {
    return this.all().sort((a, b) => a.time.localeCompare(b.time));
  }

  /** Every open intent (for tests). */
  all(): WriteIntent[] {
    const all: WriteIntent[] = [];
    for (const intents of this.byResource.values()) for (const intent of intents.values()) all.push(cloneJson(intent));
    return all;
  }
}
