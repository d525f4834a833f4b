import { describeError } from '../errors';
import type { ArmObject, ControlDefinition, Verdict } from './types';

export type ControlError = { status: 'error'; reason: string };

const VERDICT_STATUSES = new Set(['pass', 'fail', 'not-applicable']);

/**
 * Evaluate a control without letting it take the caller down. A control that throws (or returns
 * something that is not a verdict) is reported as an error, never as a pass: an unreadable
 * resource must not look compliant.
 */
export function runControl(control: ControlDefinition, document: ArmObject, resource: ArmObject): Verdict | ControlError {
  let verdict: unknown;
  try {
    verdict = control.evaluate(document, resource);
  } catch (err) {
    return { status: 'error', reason: `control ${control.id} threw: ${describeError(err)}` };
  }
  if (!isVerdict(verdict)) {
    return { status: 'error', reason: `control ${control.id} returned no verdict` };
  }
  return verdict;
}

function isVerdict(value: unknown): value is Verdict {
  if (value === null || typeof value !== 'object') return false;
  const status: unknown = (value as { status?: unknown }).status;
  return typeof status === 'string' && VERDICT_STATUSES.has(status);
}
