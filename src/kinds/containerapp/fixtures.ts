// Test-only (see ../fixture-types.ts): built from the REST spec example ContainerApps_Get.json
// (2026-07-01), saved in test/fixtures/samples/containerapp (SOURCES.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KindFixtures } from '../fixture-types';
import type { ArmObject, Json } from '../../controls/types';
import { SAMPLES_DIR } from '../../../test/fixtures/samples';
import { LOCATION, RESOURCE_GROUP, SUBSCRIPTION_ID } from '../../../test/fixtures/arm';

const SAMPLE = 'containerapp/2026-07-01/ContainerApps_Get.json';

/** The example's GET body, exactly as the spec gives it (id in the example's subscription). */
export function sampleContainerApp(): ArmObject {
  const example = JSON.parse(readFileSync(path.join(SAMPLES_DIR, SAMPLE), 'utf8')) as { responses: { '200': { body: ArmObject } } };
  return structuredClone(example.responses['200'].body);
}

export function containerAppId(name = 'ca-contoso'): string {
  return `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.App/containerApps/${name}`;
}

/**
 * The example app moved into the test subscription, with ingress fields overridden (`undefined`
 * removes one; `ingress: null` stands for an app without ingress).
 */
export function containerApp(ingress: Record<string, Json | undefined> | null = {}, name = 'ca-contoso'): ArmObject {
  const app = sampleContainerApp();
  app.id = containerAppId(name);
  app.name = name;
  app.location = LOCATION;
  app.tags = {};
  const configuration = (app.properties as { configuration: Record<string, Json> }).configuration;
  if (ingress === null) {
    delete configuration.ingress;
    return app;
  }
  const target = configuration.ingress as Record<string, Json>;
  for (const [key, value] of Object.entries(ingress)) {
    if (value === undefined) delete target[key];
    else target[key] = value;
  }
  return app;
}

const FIX = { properties: { configuration: { ingress: { allowInsecure: false } } } };

export const fixtures: KindFixtures = {
  resources: () => [containerApp({ allowInsecure: true })],
  fixes: ['containerapp-https-only'],
  failsEveryControl: () => [containerApp({ allowInsecure: true })],
  enforceCases: [
    {
      control: 'containerapp-https-only', estate: () => [containerApp({ allowInsecure: true }, 'ca-insecure')],
      resourceId: containerAppId('ca-insecure'), target: 'self', patch: FIX, documentId: containerAppId('ca-insecure'),
    },
  ],
};
