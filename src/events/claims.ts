import { redactSecrets } from '../redact';

/**
 * Who made a change, from the caller's token claims that ARM copies into ResourceWriteSuccess
 * events. Only these three values leave this module: claims hold far more (tenant, IP address,
 * token ids) and are never logged or stored. They go into audit records and logs, and an event can
 * be forged, so each is masked (src/redact.ts) where it looks like a token, key or password.
 */
export interface Actor {
  /** A name to show people: the user principal name, else the display name, else the app id. */
  actor: string | null;
  actorObjectId: string | null;
  actorAppId: string | null;
}

const UPN = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn';
const OBJECT_ID = 'http://schemas.microsoft.com/identity/claims/objectidentifier';
const NAME = 'name';
const APP_ID = 'appid';

const MAX_CLAIM_LENGTH = 256;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export const NO_ACTOR: Actor = Object.freeze({ actor: null, actorObjectId: null, actorAppId: null });

/** A short, printable, non-empty string, or null: event fields end up in logs and audit records. */
export function cleanString(value: unknown, maxLength = MAX_CLAIM_LENGTH): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > maxLength || CONTROL_CHARACTERS.test(trimmed)) return null;
  return trimmed;
}

/** cleanString, with credentials masked: for event text that is stored or shown (not for ids that key de-duplication). */
export function cleanText(value: unknown, maxLength = MAX_CLAIM_LENGTH): string | null {
  const clean = cleanString(value, maxLength);
  return clean === null ? null : redactSecrets(clean);
}

export function ownValue(object: unknown, key: string): unknown {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return undefined;
  return Object.prototype.hasOwnProperty.call(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

export function actorFromClaims(claims: unknown): Actor {
  const upn = cleanText(ownValue(claims, UPN));
  const name = cleanText(ownValue(claims, NAME));
  const appId = cleanText(ownValue(claims, APP_ID));
  return {
    actor: upn ?? name ?? appId,
    actorObjectId: cleanText(ownValue(claims, OBJECT_ID)),
    actorAppId: appId,
  };
}
