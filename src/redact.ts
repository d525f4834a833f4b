/**
 * Untrusted text (event claims, tag values, resource ids from files, error messages) is quoted back
 * in audit records, reasons, logs and errors so people can see what was wrong. Someone may paste a
 * credential into such a field, so anything shaped like one is masked first: connection-string and
 * query-string secrets (`AccountKey=`, `SharedAccessKey=`, `Password=`, `sig=`, `?code=` …), bearer
 * and basic authorization, JWTs, credentials in URLs, Entra client secrets, and long base64 runs
 * such as account keys.
 *
 * The text is hostile and may be huge, so every pattern here runs in linear time: no pattern has a
 * greedy run followed by a mandatory suffix that would make the engine retry every shorter length
 * from every start (a 70,000-character field once took minutes). Where a shape needs more than a
 * run (a JWT's dots, a key's mix of cases), the pattern matches a maximal run and code decides.
 */

export const REDACTED = '[redacted]';

/**
 * `name=value` where the name says secret: AccountKey, SharedAccessKey, Password, Pwd, ClientSecret,
 * SharedAccessSignature, access_token, sig (SAS signatures)… `\w*?` starts only at a word start, so
 * each word is scanned once. Quoted values (`Password="a;b"`, `{…}`, and `\"a;b\"` as JSON escapes
 * it) are masked to the closing quote, or to the end when there is none; an unquoted one to the
 * next separator.
 */
const KEY_VALUE = /\b\w*?(?:key|secret|password|passwd|pwd|token|signature|sig)=(?:\\?"[^"]*"?|\\?'[^']*'?|\{[^}]*\}?|[^;&\s"'<>]+)/gi;
/** The same in JSON text (`"password":"…"`), as error messages sometimes quote request bodies. */
const JSON_KEY_VALUE = /"\w*?(?:key|secret|password|passwd|pwd|token|signature|sig)"\s*:\s*"[^"]*"/gi;
/** A Functions key in a URL (`?code=…`): what protects transit-warden's own HTTP API. */
const CODE_PARAMETER = /([?&])code=[^&\s"'#<>]+/gi;

const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [KEY_VALUE, REDACTED],
  [JSON_KEY_VALUE, REDACTED],
  [CODE_PARAMETER, `$1${REDACTED}`],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, REDACTED],
  [/\bauthorization["']?\s*[:=]\s*["']?Basic\s+[A-Za-z0-9+/=]+/gi, REDACTED],
  // user:password@ in a URL; it starts only at `://`, and its runs stop at `/`, so scans never overlap.
  [/:\/\/[^\s/?#@:]*:[^\s/?#@]*@/g, `://${REDACTED}@`],
  // Entra ID client secrets: three characters, a digit, `Q~`, then 31-34 more (bounded: linear).
  [/[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}/g, REDACTED],
];

/** A run that starts like a JWT (`eyJ` is base64url for `{"`); masked when it has the three parts. */
const JWT_RUN = /eyJ[A-Za-z0-9_.-]*/g;
/** A maximal base64 run (with '/') and its padding, if any; `=?` after a greedy run never backtracks. */
const BASE64_RUN = /[A-Za-z0-9+/]{40,}(={1,2})?/g;
const UNPADDED_RUN = /[A-Za-z0-9+]{40,}/g;

function maskJwt(run: string): string {
  const parts = run.split('.');
  return parts.length >= 3 && parts[0].length >= 10 && parts[1].length >= 8 && parts[2].length >= 1 ? REDACTED : run;
}

/**
 * An unpadded run is a key only when it mixes upper case, lower case and digits, as random keys
 * of 40+ characters all but always do; hex digests (hash chains, record ids) and lower-case
 * resource names of that length do not, and stay readable.
 */
function maskUnpadded(run: string): string {
  return /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run) ? REDACTED : run;
}

/**
 * What every pattern above needs (a name right before `=`, `://`, `Q~`, `eyJ`, a scheme word, a
 * quoted secret name, or a run of 40 base64 characters): text with none of them is returned at
 * once. Most text (reasons, ids, UPNs) has none, and these few plain scans are then all that
 * redaction costs per audit record (a combined pattern measured several times slower).
 */
const NAME_BEFORE_EQUALS = /\w=/;
const SCHEME_WORD = /bearer|authorization/i;
const QUOTED_SECRET_NAME = /(?:key|secret|password|passwd|pwd|token|signature|sig)"/i;
/** A run starts at the text's start or after a character outside it: each run is scanned once. */
const LONG_RUN = /(?:^|[^A-Za-z0-9+/])[A-Za-z0-9+/]{40}/;

function mightHoldSecret(text: string): boolean {
  return NAME_BEFORE_EQUALS.test(text) || text.includes('://') || text.includes('Q~') || text.includes('eyJ') ||
    SCHEME_WORD.test(text) || (text.includes('"') && QUOTED_SECRET_NAME.test(text)) || LONG_RUN.test(text);
}

export function redactSecrets(text: string): string {
  return mightHoldSecret(text) ? maskPatterns(text) : text;
}

/** Every pattern, without the pre-check (exported so a test can hold the pre-check to them). */
export function maskPatterns(text: string): string {
  let result = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) {
    result = result.replace(pattern, replacement);
  }
  result = result.replace(JWT_RUN, maskJwt);
  // Base64 keys (storage, Service Bus, Event Grid and Cosmos DB keys are padded) go whole; an
  // unpadded run is looked at only where 40+ characters pass without a '/', so ordinary
  // resource-id stretches such as resourceGroups/rgshopdata/providers/Microsoft survive.
  return result.replace(BASE64_RUN, (run: string, padding: string | undefined) =>
    padding === undefined ? run.replace(UNPADDED_RUN, maskUnpadded) : REDACTED,
  );
}

/** Text redactSecrets would change, or that reads as a connection string (`Name=value;Name=value`). */
export function looksLikeSecret(text: string): boolean {
  if (redactSecrets(text) !== text) return true;
  // Split rather than one pattern: linear, however many `=` and `;` the text holds.
  let pairs = 0;
  for (const part of text.split(';')) {
    if (/^\s*[A-Za-z][\w ]*=/.test(part.slice(0, 256)) && ++pairs >= 2) return true;
  }
  return false;
}

/**
 * How an error shows a wrong value (a setting, an option): `got "…"`, or not at all when it looks
 * like a credential — a connection string given in the wrong setting must not reach the log.
 */
export function shownValue(value: string): string {
  return looksLikeSecret(value) ? 'the value looks like a secret/connection string; not shown' : `got ${JSON.stringify(quoteUntrusted(value, 120))}`;
}

/** How far past the shown length is still masked, so a secret cut by the ellipsis is caught whole. */
const MASK_MARGIN = 256;

/** Untrusted text for a message: masked, then cut to `maxLength` characters with an ellipsis. */
export function quoteUntrusted(text: string, maxLength: number): string {
  const safe = redactSecrets(text.length > maxLength + MASK_MARGIN ? text.slice(0, maxLength + MASK_MARGIN) : text);
  return safe.length > maxLength ? `${safe.slice(0, maxLength)}…` : safe;
}

/**
 * Object keys whose values are credentials whatever they look like (a short password is not
 * shaped like anything): `accountKey`, `connectionString`, `authorization`, `claims`, `password`…
 * Matched at the end of the key, so `keyVaultName` or `tokenCount` are not.
 */
const SECRET_KEY = /(?:key|secret|password|passwd|pwd|token|signature|sig|sas|connectionstring|authorization|credential|credentials|claims|cookie)$/i;

const MAX_DEPTH = 12;

/**
 * A JSON-like copy of `value` for a log line: every string masked, values under secret-named keys
 * replaced whole, Errors as {type, message, stack, …own fields}, objects with toJSON (Dates, SDK
 * headers) by what they serialise to. Cycles and very deep nesting end in a marker, not a crash.
 */
export function redactDeep(value: unknown): unknown {
  return walk(value, 0, new Set<object>());
}

function walk(value: unknown, depth: number, ancestors: Set<object>): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  ancestors.add(value);
  try {
    if (value instanceof Error) {
      const out: Record<string, unknown> = { type: value.name, message: redactSecrets(value.message) };
      if (value.stack !== undefined) out.stack = redactSecrets(value.stack);
      copyEntries(value, out, depth, ancestors);
      return out;
    }
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return walk(toJSON.call(value), depth + 1, ancestors);
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, ancestors));
    return copyEntries(value, {}, depth, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function copyEntries(source: object, out: Record<string, unknown>, depth: number, ancestors: Set<object>): Record<string, unknown> {
  for (const [key, item] of Object.entries(source)) {
    out[key] = SECRET_KEY.test(key) && item !== null && item !== undefined ? REDACTED : walk(item, depth + 1, ancestors);
  }
  return out;
}
