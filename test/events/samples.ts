import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EventCatalog } from '../../src/events/parse';

/** Real event samples, copied into the repository (test/fixtures/samples/events; see SOURCES.md there). */
export const SAMPLES_DIR = path.resolve(__dirname, '../fixtures/samples/events');

export const SUBSCRIPTION = '1b9f3c2e-5d4a-4e8b-9c7d-2a6f8e0b1c3d';
export const OTHER_SUBSCRIPTION = '7c0e6a1d-3f2b-4c9e-8d5a-0b1e2f3a4c5d';
export const RESOURCE_GROUP = 'rg-warden';
export const STORAGE_ACCOUNT = 'stwarden01';
export const APP = 'app-warden';

export const RG_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}`;
export const STORAGE_ID = `${RG_ID}/providers/Microsoft.Storage/storageAccounts/${STORAGE_ACCOUNT}`;
export const SITE_ID = `${RG_ID}/providers/Microsoft.Web/sites/${APP}`;

export function sampleFiles(): string[] {
  return readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.json')).sort();
}

export function rawSample(file: string): unknown {
  return JSON.parse(readFileSync(path.join(SAMPLES_DIR, file), 'utf8'));
}

/**
 * A sample with its documentation placeholders filled in with real-shaped values: the published
 * samples say `{subscription-id}` (and once `{subcription-id}`), which no strict id parser accepts.
 * Claim placeholders such as `{user-name}` stay: they are just strings.
 */
export function sample(file: string): unknown {
  const text = readFileSync(path.join(SAMPLES_DIR, file), 'utf8')
    .replaceAll('{subscription-id}', SUBSCRIPTION)
    .replaceAll('{subcription-id}', SUBSCRIPTION)
    .replaceAll('{resource-group}', RESOURCE_GROUP)
    .replaceAll('{rg-name}', RESOURCE_GROUP)
    .replaceAll('{rg}', RESOURCE_GROUP)
    .replaceAll('{storage-name}', STORAGE_ACCOUNT)
    .replaceAll('{storageAccount-name}', STORAGE_ACCOUNT)
    .replaceAll('{app}', APP);
  return JSON.parse(text);
}

/** The sample as one event object (some sample files hold a one-element array). */
export function sampleEvent(file: string): Record<string, unknown> {
  const value = sample(file);
  const event = Array.isArray(value) ? value[0] : value;
  return event as Record<string, unknown>;
}

type Json = Record<string, unknown>;

/**
 * A ResourceWriteSuccess event (Event Grid schema) for `resourceUri`, built from the documented
 * sample so only the resource changes: subject, data.resourceUri and authorization scope agree.
 */
export function writeEvent(resourceUri: string, changes: { id?: string; eventType?: string; topic?: string; data?: Json; claims?: Json } = {}): Json {
  const base = sampleEvent('egschema-resource-write-success.json');
  const data = base.data as Json;
  return {
    ...base,
    id: changes.id ?? base.id,
    eventType: changes.eventType ?? base.eventType,
    topic: changes.topic ?? `/subscriptions/${SUBSCRIPTION}`,
    subject: resourceUri,
    data: {
      ...data,
      authorization: { ...(data.authorization as Json), scope: resourceUri },
      resourceUri,
      claims: changes.claims ?? data.claims,
      ...changes.data,
    },
  };
}

/** The same write as a CloudEvents 1.0 event, built from the CloudEvents sample. */
export function cloudWriteEvent(resourceUri: string, changes: { id?: string; source?: string } = {}): Json {
  const base = sampleEvent('cloudevents-resource-write-success.json');
  const data = base.data as Json;
  return {
    ...base,
    id: changes.id ?? base.id,
    source: changes.source ?? `/subscriptions/${SUBSCRIPTION}`,
    subject: resourceUri,
    data: { ...data, authorization: { ...(data.authorization as Json), scope: resourceUri }, resourceUri },
  };
}

/** The catalog's shape for the types the intake must map (real types and targets, no logic). */
export const TEST_CATALOG: EventCatalog = [
  { resourceTypes: ['Microsoft.Web/sites', 'Microsoft.Web/sites/slots'], target: 'self' },
  { resourceTypes: ['Microsoft.Web/sites', 'Microsoft.Web/sites/slots'], target: 'config/web' },
  { resourceTypes: ['Microsoft.Storage/storageAccounts'], target: 'self' },
  { resourceTypes: ['Microsoft.Cache/Redis'], target: 'self' },
  { resourceTypes: ['Microsoft.DBforMySQL/flexibleServers'], target: 'configurations/require_secure_transport' },
  { resourceTypes: ['Microsoft.DBforMySQL/flexibleServers'], target: 'configurations/tls_version' },
  { resourceTypes: ['Microsoft.DBforPostgreSQL/flexibleServers'], target: 'configurations/require_secure_transport' },
  { resourceTypes: ['Microsoft.DBforPostgreSQL/flexibleServers'], target: 'configurations/ssl_min_protocol_version' },
  { resourceTypes: ['Microsoft.Cache/redisEnterprise/databases'], target: 'self' },
];
