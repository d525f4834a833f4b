import pino, { type LevelWithSilent, type Logger } from 'pino';
import { logLevelFromEnv } from './config';
import { REDACTED, redactDeep, redactSecrets } from './redact';

/**
 * Structured logs (Application Insights collects them from the Functions host). Two layers keep
 * credentials out, so a careless log call cannot leak a token or key:
 *  - every argument of every log call goes through redactDeep (src/redact.ts): strings anywhere in
 *    it, the message and printf arguments included, are masked where they look like a key, SAS,
 *    token or connection string, and values under secret-named keys are replaced whole;
 *  - pino's own path redaction below, for the well-known fields, as it always did.
 */
export const REDACT_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'connectionString',
  '*.connectionString',
  'accountKey',
  '*.accountKey',
  'key',
  '*.key',
  'claims',
  '*.claims',
];

export interface LoggerOptions {
  /** Defaults to TRANSIT_WARDEN_LOG_LEVEL (validated in src/config.ts), else `info`. */
  level?: LevelWithSilent;
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const config: pino.LoggerOptions = {
    level: options.level ?? logLevelFromEnv('info'),
    base: { app: 'transit-warden' },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    hooks: {
      // Runs only for enabled levels, so a silent or info logger pays nothing for debug calls.
      logMethod(args, method) {
        const safe = args.map((arg) => (typeof arg === 'string' ? redactSecrets(arg) : redactDeep(arg)));
        return method.apply(this, safe as Parameters<typeof method>);
      },
    },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
