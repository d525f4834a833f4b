import { resourcesSdk } from './sdk';
import type { ResourceManagementClient } from '@azure/arm-resources';
import type { ArmObject, ControlTarget, JsonObject } from '../controls/types';
import { WardenError } from '../errors';
import type { ResourceReader, ResourceSnapshot, ResourceWriter } from '../engine/ports';
import type { ResourceId } from '../core/resource-id';
import { clientCache, sdkOptions, type ClientSettings, type KindAdapter, type KindAdapterFactory } from './kinds/kind';
import { ADAPTERS_BY_KIND } from '../kinds/generated/adapter';
import { inKindOrder } from '../kinds/names';
import { toWardenError } from './wire';

export { ADAPTERS_BY_KIND };

export const DEFAULT_ADAPTERS: readonly KindAdapterFactory[] = inKindOrder(ADAPTERS_BY_KIND);

export interface GatewayOptions extends Partial<Pick<ClientSettings, 'endpoint' | 'httpClient' | 'pollIntervalMs' | 'retryOptions' | 'pacer'>> {
  credential: ClientSettings['credential'];
  adapters?: readonly KindAdapterFactory[];
}

/**
 * The engine's ResourceReader and ResourceWriter over the official Azure SDKs. Retries on 429 and
 * 5xx are the SDK pipeline's (it honours Retry-After); what still fails arrives here as a coded
 * WardenError (RESOURCE_NOT_FOUND, THROTTLED, ARM_REQUEST_FAILED).
 */
export class ArmGateway implements ResourceReader, ResourceWriter {
  private readonly byType = new Map<string, KindAdapter>();
  private readonly resources: (subscriptionId: string) => ResourceManagementClient;

  constructor(options: GatewayOptions) {
    const settings: ClientSettings = {
      credential: options.credential,
      endpoint: options.endpoint,
      httpClient: options.httpClient,
      pollIntervalMs: options.pollIntervalMs ?? 2000,
      retryOptions: options.retryOptions,
      pacer: options.pacer,
    };
    for (const factory of options.adapters ?? DEFAULT_ADAPTERS) {
      const adapter = factory(settings);
      for (const type of adapter.resourceTypes) this.byType.set(type.toLowerCase(), adapter);
    }
    this.resources = clientCache((subscriptionId) => new (resourcesSdk().ResourceManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));
  }

  supports(resourceType: string): boolean {
    return this.byType.has(resourceType.toLowerCase());
  }

  async read(id: ResourceId, targets: readonly ControlTarget[]): Promise<ResourceSnapshot> {
    const adapter = this.adapterFor(id);
    const children = [...new Set(targets.filter((t) => t !== 'self'))];
    // The resource and its child documents are independent reads: issue them together.
    const [resource, ...documents] = await Promise.all([
      this.guard(`read ${id.id}`, () => adapter.read(id, 'self')),
      ...children.map((target) => this.guard(`read ${id.id}/${target}`, () => adapter.read(id, target))),
    ]);
    const snapshot: ResourceSnapshot = { resource, documents: {} };
    children.forEach((target, i) => {
      snapshot.documents[target] = documents[i];
    });
    return snapshot;
  }

  async readResourceGroupTags(subscriptionId: string, resourceGroup: string): Promise<Record<string, string>> {
    const group = await this.guard(`read resource group ${resourceGroup}`, () =>
      this.resources(subscriptionId).resourceGroups.get(resourceGroup),
    );
    return { ...(group.tags ?? {}) };
  }

  patch(id: ResourceId, target: ControlTarget, body: JsonObject): Promise<ArmObject> {
    const adapter = this.adapterFor(id);
    return this.guard(`PATCH ${target === 'self' ? id.id : `${id.id}/${target}`}`, () => adapter.patch(id, target, body));
  }

  async restart(id: ResourceId): Promise<void> {
    const adapter = this.adapterFor(id);
    const restart = adapter.restart;
    if (!restart) throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `resources of type ${id.type} cannot be restarted by transit-warden`);
    await this.guard(`restart ${id.id}`, () => restart.call(adapter, id));
  }

  writeMethod(id: ResourceId, target: ControlTarget): 'PATCH' | 'PUT' {
    return this.adapterFor(id).writeMethod?.(target) ?? 'PATCH';
  }

  private adapterFor(id: ResourceId): KindAdapter {
    const adapter = this.byType.get(id.type.toLowerCase());
    if (!adapter) throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `no ARM adapter for resource type ${id.type}`);
    return adapter;
  }

  private async guard<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw toWardenError(err, what);
    }
  }
}
