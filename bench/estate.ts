/**
 * Mixed estates and Event Grid events for the benchmarks and the soak test: App Service sites (with
 * their config/web), deployment slots (with theirs), storage accounts and Redis caches, each either
 * fully compliant or failing every enforceable control. Built from the ARM-shaped fixture builders,
 * so the sandbox serves exactly what GET returns in Azure.
 */
import type { ArmObject } from '../src/controls/types';
import { resourceGroup, redisCache, site, siteConfig, slot, storageAccount, SUBSCRIPTION_ID } from '../test/fixtures/arm';
import { writeEvent } from '../test/events/samples';

export const KINDS = ['site', 'slot', 'storage', 'redis'] as const;
export type Kind = (typeof KINDS)[number];

export interface EstateResource {
  kind: Kind;
  /** The id the controls evaluate (site, slot, account, cache). */
  id: string;
  compliant: boolean;
  /** The objects this resource adds to the estate (a site and its config/web, ...). */
  objects: ArmObject[];
}

// Non-compliant values chosen so every enforceable control of the kind has something to fix.
const SITE_BAD = { httpsOnly: false, clientCertEnabled: false };
const SITE_GOOD = { httpsOnly: true, clientCertEnabled: true };
const CONFIG_BAD = { minTlsVersion: '1.0', scmMinTlsVersion: '1.1', ftpsState: 'AllAllowed' };
const CONFIG_GOOD = { minTlsVersion: '1.2', scmMinTlsVersion: '1.2', ftpsState: 'FtpsOnly' };

/** Resource groups are spread so the engine's group-tag cache is exercised but not trivially warm. */
export function groupName(index: number, groups: number): string {
  return `rg-bench-${index % groups}`;
}

/**
 * One resource of `kind`. Slots bring their own (compliant) parent site, because the emulator
 * insists that a slot's owner exists; that site is never evaluated by itself.
 */
export function resourceOf(kind: Kind, index: number, compliant: boolean, groups = 8): EstateResource {
  const placement = { resourceGroup: groupName(index, groups), subscriptionId: SUBSCRIPTION_ID };
  switch (kind) {
    case 'site': {
      const name = `app-${index}`;
      const s = site(compliant ? SITE_GOOD : SITE_BAD, { ...placement, name });
      return { kind, id: String(s.id), compliant, objects: [s, siteConfig(compliant ? CONFIG_GOOD : CONFIG_BAD, { ...placement, site: name })] };
    }
    case 'slot': {
      const owner = `app-slotowner-${index}`;
      const parent = site(SITE_GOOD, { ...placement, name: owner });
      const parentConfig = siteConfig(CONFIG_GOOD, { ...placement, site: owner });
      const sl = slot(compliant ? SITE_GOOD : SITE_BAD, { ...placement, site: owner, name: 'staging' });
      const slotConfig = siteConfig(compliant ? CONFIG_GOOD : CONFIG_BAD, { ...placement, site: owner, slot: 'staging' });
      return { kind, id: String(sl.id), compliant, objects: [parent, parentConfig, sl, slotConfig] };
    }
    case 'storage': {
      const sa = storageAccount(compliant ? {} : { supportsHttpsTrafficOnly: false, minimumTlsVersion: 'TLS1_0' }, { ...placement, name: `stbench${index}` });
      return { kind, id: String(sa.id), compliant, objects: [sa] };
    }
    case 'redis': {
      const cache = redisCache(compliant ? {} : { enableNonSslPort: true, minimumTlsVersion: '1.0' }, { ...placement, name: `redis-bench-${index}` });
      return { kind, id: String(cache.id), compliant, objects: [cache] };
    }
  }
}

/** The resource groups the resources live in, as ARM objects without tags. */
export function resourceGroups(groups = 8): ArmObject[] {
  return Array.from({ length: groups }, (_, i) => resourceGroup({ name: groupName(i, groups), subscriptionId: SUBSCRIPTION_ID }));
}

/** A ResourceWriteSuccess for `resourceId` in the fixtures' subscription, with a unique event id. */
export function eventFor(resourceId: string, eventId: string): Record<string, unknown> {
  return writeEvent(resourceId, {
    id: eventId,
    topic: `/subscriptions/${SUBSCRIPTION_ID}`,
    data: { subscriptionId: SUBSCRIPTION_ID },
  });
}

/** A small deterministic PRNG (mulberry32): soak and bench runs reproduce from their seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
