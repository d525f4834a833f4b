// Test-only (see ../fixture-types.ts): built from the real samples in test/fixtures/samples (SOURCES.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ArmObject, JsonObject } from '../../controls/types';
import type { KindFixtures } from '../fixture-types';
import { merge, RESOURCE_GROUP, SUBSCRIPTION_ID, type Overrides } from '../../../test/fixtures/arm';
import { SAMPLES_DIR } from '../../../test/fixtures/samples';

/** The 200 body of a REST spec example copied into test/fixtures/samples/cdn/2023-05-01. */
function exampleBody(file: string): JsonObject {
  const example = JSON.parse(readFileSync(path.join(SAMPLES_DIR, 'cdn', '2023-05-01', file), 'utf8')) as { responses: { 200: { body: JsonObject } } };
  return structuredClone(example.responses[200].body);
}

export const frontDoorProfileId = (profile = 'afd-contoso'): string =>
  `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Cdn/profiles/${profile}`;
export const customDomainId = (domain = 'www-contoso-com', profile = 'afd-contoso'): string => `${frontDoorProfileId(profile)}/customDomains/${domain}`;

/** Profiles_Update.json's Front Door Premium profile, placed in the test subscription. */
export function frontDoorProfile(profile = 'afd-contoso'): ArmObject {
  return { ...exampleBody('Profiles_Update.json'), id: frontDoorProfileId(profile), name: profile };
}

/** The sample custom domain exactly as AFDCustomDomains_Update.json's 200 body shows it (provisioningState Updating). */
export const sampleCustomDomain = (): ArmObject => exampleBody('AFDCustomDomains_Update.json');

/**
 * AFDCustomDomains_Update.json's 200 body placed under frontDoorProfile(), settled (Succeeded), with
 * `properties` overrides; the secret is the profile's own.
 */
export function customDomain(properties?: Overrides, domain = 'www-contoso-com', profile = 'afd-contoso'): ArmObject {
  const body = exampleBody('AFDCustomDomains_Update.json');
  const base = merge(body.properties as JsonObject, {
    profileName: profile,
    provisioningState: 'Succeeded',
    deploymentStatus: 'Succeeded',
    tlsSettings: { secret: { id: `${frontDoorProfileId(profile)}/secrets/contoso-cert` } },
  });
  return { ...body, id: customDomainId(domain, profile), name: domain, properties: merge(base, properties) };
}

export const cdnProfileId = (profile = 'cdn-contoso'): string => frontDoorProfileId(profile);
export const cdnEndpointId = (endpoint = 'contoso-static', profile = 'cdn-contoso'): string => `${cdnProfileId(profile)}/endpoints/${endpoint}`;

/**
 * A classic CDN profile (Standard_Microsoft): Profiles_Update.json's profile with the SKU and kind of
 * a classic profile (the spec's classic example bodies differ only there).
 */
export function cdnProfile(profile = 'cdn-contoso'): ArmObject {
  const body = exampleBody('Profiles_Update.json');
  return { ...body, id: cdnProfileId(profile), name: profile, sku: { name: 'Standard_Microsoft' }, kind: 'cdn', properties: { provisioningState: 'Succeeded', resourceState: 'Active' } };
}

/** Endpoints_ListByProfile.json's endpoint exactly as the example lists it (isHttpAllowed true). */
export function sampleCdnEndpoint(): ArmObject {
  const example = JSON.parse(readFileSync(path.join(SAMPLES_DIR, 'cdn', '2023-05-01', 'Endpoints_ListByProfile.json'), 'utf8')) as { responses: { 200: { body: { value: JsonObject[] } } } };
  return structuredClone(example.responses[200].body.value[0]);
}

/** The sample endpoint placed under cdnProfile(), with `properties` overrides. */
export function cdnEndpoint(properties?: Overrides, endpoint = 'contoso-static', profile = 'cdn-contoso'): ArmObject {
  const body = sampleCdnEndpoint();
  const id = cdnEndpointId(endpoint, profile);
  const base = merge(body.properties as JsonObject, { defaultOriginGroup: { id: `${id}/originGroups/originGroup1` } });
  return { ...body, id, name: endpoint, properties: merge(base, properties) };
}

/** The exact PATCH frontdoor-min-tls sends for customDomain({tlsSettings:{minimumTlsVersion:'TLS10'}}): tlsSettings whole. */
export const frontDoorMinTlsPatch = (profile = 'afd-contoso'): JsonObject => ({
  properties: {
    tlsSettings: { certificateType: 'ManagedCertificate', minimumTlsVersion: 'TLS12', secret: { id: `${frontDoorProfileId(profile)}/secrets/contoso-cert` } },
  },
});

// The endpoint serves HTTP as the example shows; cdn-endpoint-https-only reports it by default.
const drifted = (): ArmObject[] => [frontDoorProfile(), customDomain({ tlsSettings: { minimumTlsVersion: 'TLS10' } }), cdnProfile(), cdnEndpoint()];

export const fixtures: KindFixtures = {
  resources: drifted,
  fixes: ['frontdoor-min-tls'],
  failsEveryControl: drifted,
  enforceCases: [
    {
      control: 'frontdoor-min-tls', estate: drifted,
      resourceId: customDomainId(), target: 'self', patch: frontDoorMinTlsPatch(), documentId: customDomainId(),
    },
  ],
};
