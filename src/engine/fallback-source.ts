import { describeError, isWardenError } from '../errors';
import type { ArmObject } from '../controls/types';
import type { CandidateSource } from './sweep';

export interface FallbackSourceOptions {
  primary: CandidateSource;
  /** Built only when the primary fails, so a healthy sweep never pays for it. */
  fallback: () => CandidateSource;
  /** Told why the fallback is used (the caller logs it as a warning). */
  onFallback: (reason: string) => void;
}

/**
 * Resource Graph first, ARM list calls when Graph is not available (a cloud without it, a role
 * without Microsoft.ResourceGraph/resources/read, an outage). It switches only when the primary fails
 * before its first row: after that, rows already handed on would be listed twice. A throttled
 * primary is not a missing one — list calls would cost the tenant far more ARM reads — so THROTTLED
 * (and a misconfiguration, INVALID_CONFIG) is thrown as it is.
 */
export class FallbackSource implements CandidateSource {
  private used: 'primary' | 'fallback' | undefined;
  private built: CandidateSource | undefined;

  constructor(private readonly options: FallbackSourceOptions) {}

  /** The primary, and the fallback once it was built (for reporting what each cost). */
  get sources(): CandidateSource[] {
    return this.built ? [this.options.primary, this.built] : [this.options.primary];
  }

  /** Which source answered the last `rows()` (undefined before one ran). */
  get answeredBy(): 'primary' | 'fallback' | undefined {
    return this.used;
  }

  async *rows(): AsyncIterable<ArmObject> {
    const iterator = this.options.primary.rows()[Symbol.asyncIterator]();
    let first: IteratorResult<ArmObject>;
    try {
      first = await iterator.next();
    } catch (err) {
      if (isWardenError(err, 'THROTTLED') || isWardenError(err, 'INVALID_CONFIG')) throw err;
      this.used = 'fallback';
      this.options.onFallback(describeError(err));
      this.built = this.options.fallback();
      yield* this.built.rows();
      return;
    }
    this.used = 'primary';
    if (first.done) return;
    yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
}
