/** What the fault soak's conductor and its engine processes (./worker.ts) say to each other. */
import type { WardenConfig } from '../../src/config';

/** Passed to a worker in FAULT_SOAK_WORKER (JSON). */
export interface WorkerSettings {
  instance: string;
  relayPort: number;
  connectionString: string;
  auditTable: string;
  leaseTable: string;
  /** The HMAC key records are sealed with (a test key, made up per run). */
  auditKey: string;
  config: WardenConfig;
  leaseTtlMs: number;
  /** The simulated clock: t0 + (now - real0) × clockScale. */
  t0: number;
  real0: number;
  clockScale: number;
}

export type Work = { kind: 'event'; eventId: string; resourceId: string } | { kind: 'sweep'; runId: string };
export type WorkerRequest = Work & { id: number };

/** The worker's answer to one request. */
export interface WorkerAnswer {
    id: number;
    ok: boolean;
    /** Ids of the records the worker was told were stored. */
    records: string[];
    /** Ids of the records finished evaluations owe the store. */
    owed: string[];
    code?: string;
    message?: string;
    errors?: string[];
}

export type WorkerReply = { ready: string } | WorkerAnswer;

/** Sent with a write (INTENT_HEADER): which intent, hence which trigger and records, it is for. */
export interface IntentTag {
  id: string;
  resourceId: string;
  target: string;
  step: 'patch' | 'restart';
  /** `<trigger>|<event id or sweep run id>`. */
  trigger: string;
  recordIds: string[];
}
