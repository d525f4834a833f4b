// Test-only (see ../fixture-types.ts): built from the REST spec examples saved in
// test/fixtures/samples/synapse/2021-06-01 (SOURCES.md): GetWorkspace.json (Workspaces_Get),
// UpdateWorkspaceManagedSqlServerDedicatedSQLminimalTlsSettings.json (the PATCH's 200 body, "1.1")
// and GetWorkspaceManagedSqlServerDedicatedSQLminimalTlsSettings.json (a GET that shows "").
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KindFixtures } from '../fixture-types';
import type { ArmObject, JsonObject } from '../../controls/types';
import { LOCATION, merge, RESOURCE_GROUP, SUBSCRIPTION_ID, type Overrides, type Placement } from '../../../test/fixtures/arm';
import { SAMPLES_DIR } from '../../../test/fixtures/samples';
import { MINIMAL_TLS_TARGET } from './shared';

const SAMPLES = 'synapse/2021-06-01';

/** The 200 body of a saved x-ms-examples file of this kind. */
export function synapseExample(file: string): ArmObject {
  const example = JSON.parse(readFileSync(path.join(SAMPLES_DIR, SAMPLES, file), 'utf8')) as { responses?: { '200'?: { body?: ArmObject } } };
  const body = example.responses?.['200']?.body;
  if (!body || typeof body.id !== 'string') throw new Error(`${file} has no 200 response body`);
  return body;
}

export const synapseWorkspaceId = (name = 'synw-contoso', p: Placement = {}): string =>
  `/subscriptions/${p.subscriptionId ?? SUBSCRIPTION_ID}/resourceGroups/${p.resourceGroup ?? RESOURCE_GROUP}/providers/Microsoft.Synapse/workspaces/${name}`;

export const synapseTlsSettingsId = (workspace = 'synw-contoso', p: Placement = {}): string => `${synapseWorkspaceId(workspace, p)}/${MINIMAL_TLS_TARGET}`;

/** GetWorkspace.json's workspace, re-pointed at our subscription, group and name; overrides merge into properties. */
export function synapseWorkspace(properties?: Overrides, placement: Placement = {}): ArmObject {
  const sample = synapseExample('GetWorkspace.json');
  const name = placement.name ?? 'synw-contoso';
  return {
    ...sample,
    id: synapseWorkspaceId(name, placement),
    name,
    location: placement.location ?? LOCATION,
    tags: placement.tags === undefined ? {} : placement.tags,
    properties: merge(sample.properties as JsonObject, properties),
  };
}

/**
 * A workspace's dedicatedSQLminimalTlsSettings/default: the PATCH example's 200 body (the GET
 * example's empty administratorLogin/fullyQualifiedDomainName/state are not in the model), with the
 * workspace's location as the GET model has it. Compliant ("1.2") unless overridden.
 */
export function synapseTlsSettings(properties?: Overrides, placement: Placement & { workspace?: string } = {}): ArmObject {
  const sample = synapseExample('UpdateWorkspaceManagedSqlServerDedicatedSQLminimalTlsSettings.json');
  return {
    ...sample,
    id: synapseTlsSettingsId(placement.workspace, placement),
    location: placement.location ?? LOCATION,
    properties: merge({ ...(sample.properties as JsonObject), minimalTlsVersion: '1.2' }, properties),
  };
}

const drifted = (): ArmObject[] => [synapseWorkspace(), synapseTlsSettings({ minimalTlsVersion: '1.1' })];

export const fixtures: KindFixtures = {
  resources: drifted,
  fixes: ['synapse-min-tls'],
  failsEveryControl: drifted,
  enforceCases: [
    {
      control: 'synapse-min-tls',
      estate: drifted,
      resourceId: synapseWorkspaceId(),
      target: MINIMAL_TLS_TARGET,
      patch: { properties: { minimalTlsVersion: '1.2' } },
      documentId: synapseTlsSettingsId(),
    },
  ],
};
