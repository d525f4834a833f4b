import pino, { type Logger } from 'pino';

/**
 * Structured logs (Application Insights collects them from the Functions host). Anything that can
 * hold a credential is redacted by path, so a careless log call cannot leak a token or key.
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

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  const config = {
    level: options.level ?? process.env.TRANSIT_WARDEN_LOG_LEVEL ?? 'info',
    base: { app: 'transit-warden' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
