/**
 * Untrusted text (event fields, resource ids from files) is quoted back in reasons and errors so
 * people can see what was wrong. Someone may paste a credential into such a field, so anything shaped
 * like one is masked before it is quoted: connection-string keys, SAS signatures, bearer tokens and
 * JWTs, and long base64 runs such as account keys.
 */
const SECRET_PATTERNS: readonly RegExp[] = [
  /\b(?:AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd|ClientSecret|sig)=[^;&\s"']+/gi,
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/g,
  // Base64 keys (storage and Service Bus keys are padded); an unpadded run must have no '/', so
  // ordinary resource-id stretches such as resourceGroups/rgshopdata/providers/Microsoft survive.
  /[A-Za-z0-9+/]{40,}={1,2}/g,
  /[A-Za-z0-9+]{40,}/g,
];

export const REDACTED = '[redacted]';

export function redactSecrets(text: string): string {
  let result = text;
  for (const pattern of SECRET_PATTERNS) {
    result = result.replace(pattern, REDACTED);
  }
  return result;
}
