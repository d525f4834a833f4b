/**
 * Untrusted text (event fields, resource ids from files) is quoted back in reasons and errors so
 * people can see what was wrong. Someone may paste a credential into such a field, so anything shaped
 * like one is masked before it is quoted: connection-string keys, SAS signatures, bearer tokens and
 * JWTs, and long base64 runs such as account keys.
 *
 * The text is hostile and may be huge, so every pattern here runs in linear time: no pattern has a
 * greedy run followed by a mandatory suffix that would make the engine retry every shorter length
 * from every start (a 70,000-character field once took minutes). The base64 rule therefore matches a
 * maximal run with an optional padding group and decides in code.
 */
const SECRET_PATTERNS: readonly RegExp[] = [
  /\b(?:AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd|ClientSecret|sig)=[^;&\s"']+/gi,
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/g,
];

/** A maximal base64 run (with '/') and its padding, if any; `=?` after a greedy run never backtracks. */
const BASE64_RUN = /[A-Za-z0-9+/]{40,}(={1,2})?/g;
const UNPADDED_KEY = /[A-Za-z0-9+]{40,}/g;

export const REDACTED = '[redacted]';

export function redactSecrets(text: string): string {
  let result = text;
  for (const pattern of SECRET_PATTERNS) {
    result = result.replace(pattern, REDACTED);
  }
  // Base64 keys (storage and Service Bus keys are padded) go whole; an unpadded run is masked only
  // where 40+ characters pass without a '/', so ordinary resource-id stretches such as
  // resourceGroups/rgshopdata/providers/Microsoft survive.
  return result.replace(BASE64_RUN, (run: string, padding: string | undefined) =>
    padding === undefined ? run.replace(UNPADDED_KEY, REDACTED) : REDACTED,
  );
}

/** How far past the shown length is still masked, so a secret cut by the ellipsis is caught whole. */
const MASK_MARGIN = 256;

/** Untrusted text for a message: masked, then cut to `maxLength` characters with an ellipsis. */
export function quoteUntrusted(text: string, maxLength: number): string {
  const safe = redactSecrets(text.length > maxLength + MASK_MARGIN ? text.slice(0, maxLength + MASK_MARGIN) : text);
  return safe.length > maxLength ? `${safe.slice(0, maxLength)}…` : safe;
}
