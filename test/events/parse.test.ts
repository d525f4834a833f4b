import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BATCH_SIZE, parseEventBatch, type ParsedBatch } from '../../src/events/parse';
import {
  APP,
  cloudWriteEvent,
  OTHER_SUBSCRIPTION,
  rawSample,
  RESOURCE_GROUP,
  RG_ID,
  sample,
  sampleEvent,
  sampleFiles,
  SITE_ID,
  STORAGE_ID,
  SUBSCRIPTION,
  TEST_CATALOG,
  writeEvent,
} from './samples';

const parse = (body: unknown): Promise<ParsedBatch> => parseEventBatch(body, TEST_CATALOG);

function bucketOf(batch: ParsedBatch): 'accepted' | 'ignored' | 'rejected' {
  const total = batch.accepted.length + batch.ignored.length + batch.rejected.length;
  expect(total, 'one event lands in exactly one bucket').toBe(1);
  if (batch.accepted.length === 1) return 'accepted';
  return batch.ignored.length === 1 ? 'ignored' : 'rejected';
}

async function reasonFor(body: unknown): Promise<string> {
  const batch = await parse(body);
  const skipped = [...batch.ignored, ...batch.rejected];
  expect(skipped).toHaveLength(1);
  return skipped[0].reason;
}

describe('the published event samples', () => {
  const expected: Record<string, 'accepted' | 'ignored' | 'rejected'> = {
    'SYNTHESIZED-appservice-config-web-write-egschema.json': 'accepted',
    'arn-createdorupdated-cloudevents.json': 'accepted',
    'arn-createdorupdated-egschema.json': 'accepted',
    // Upstream spells `specVersion`, so it is no valid CloudEvent (and a delete anyway).
    'cloudevents-resource-delete-success.json': 'rejected',
    'cloudevents-resource-write-success.json': 'accepted',
    'egschema-resource-write-success.json': 'accepted',
    'egschema-subscription-validation.json': 'ignored',
  };

  it('are all covered by this table, so a new sample cannot go untested', () => {
    expect(sampleFiles()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s is %s', async (file, bucket) => {
    expect(bucketOf(await parse(sample(file)))).toBe(bucket);
  });

  it('an Event Grid schema write names the storage account, the caller by UPN and the correlation id', async () => {
    const { accepted } = await parse(sample('egschema-resource-write-success.json'));
    expect(accepted[0]).toEqual({
      eventId: '4db48cba-50a2-455a-93b4-de41a3b5b7f6',
      eventType: 'Microsoft.Resources.ResourceWriteSuccess',
      operationName: 'Microsoft.Storage/storageAccounts/write',
      subscriptionId: SUBSCRIPTION,
      writtenResourceId: STORAGE_ID,
      resourceId: STORAGE_ID,
      resourceType: 'Microsoft.Storage/storageAccounts',
      actor: '{user-name}',
      actorObjectId: '{ID}',
      actorAppId: '{ID}',
      correlationId: '{ID}',
      eventTime: '2018-07-19T18:38:04.611Z',
    });
  });

  it('a CloudEvents write yields the same intent as its Event Grid schema twin', async () => {
    const cloud = (await parse(sample('cloudevents-resource-write-success.json'))).accepted[0];
    const grid = (await parse(sample('egschema-resource-write-success.json'))).accepted[0];
    expect(cloud).toEqual(grid);
  });

  it('a config/web write is evaluated on its site, with the actor from the name claim when there is no UPN', async () => {
    const { accepted } = await parse(sample('SYNTHESIZED-appservice-config-web-write-egschema.json'));
    expect(accepted[0]).toMatchObject({
      writtenResourceId: `${SITE_ID}/config/web`,
      resourceId: SITE_ID,
      resourceType: 'Microsoft.Web/sites',
      operationName: 'Microsoft.Web/sites/config/write',
      actor: '{caller}',
      actorObjectId: '{caller-oid}',
      actorAppId: '{client-app-id}',
    });
  });

  it.each(['arn-createdorupdated-egschema.json', 'arn-createdorupdated-cloudevents.json'])(
    'a Resource Notifications write (%s, booleans as 1/0, `resourceInfo` on the wire) is accepted with no actor',
    async (file) => {
      const { accepted } = await parse(sample(file));
      expect(accepted[0]).toMatchObject({
        eventType: 'Microsoft.ResourceNotifications.Resources.CreatedOrUpdated',
        resourceId: STORAGE_ID,
        operationName: null,
        actor: null,
        actorObjectId: null,
        actorAppId: null,
        correlationId: null,
        eventTime: '2023-07-28T20:13:10.841Z',
      });
    },
  );

  it('a Resource Notifications write shaped as the SDK types it (`resourceDetails`) is accepted too', async () => {
    const event = sampleEvent('arn-createdorupdated-egschema.json');
    const { resourceInfo, ...rest } = event.data as Record<string, unknown>;
    const { accepted } = await parse({ ...event, data: { ...rest, resourceDetails: resourceInfo } });
    expect(accepted[0]).toMatchObject({ resourceId: STORAGE_ID, actor: null });
  });

  it('the delete sample with the upstream specVersion typo is rejected with the reason the SDK gives', async () => {
    expect(await reasonFor(sample('cloudevents-resource-delete-success.json'))).toMatch(/CloudEvents 1\.0.*specversion/);
  });

  it('the subscription validation event is ignored, not rejected', async () => {
    expect(await reasonFor(sample('egschema-subscription-validation.json'))).toMatch(/validation/);
  });

  it('the raw samples, whose subscription is a {placeholder}, are never accepted and never crash the parser', async () => {
    for (const file of sampleFiles()) {
      const batch = await parse(rawSample(file));
      expect(batch.accepted, file).toEqual([]);
    }
  });
});

describe('mapping a write to the resource the controls evaluate', () => {
  const mysql = `${RG_ID}/providers/Microsoft.DBforMySQL/flexibleServers/mysql-1`;
  const postgres = `${RG_ID}/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-1`;
  const slot = `${SITE_ID}/slots/staging`;

  it.each([
    ['a site config/web write → the site', `${SITE_ID}/config/web`, SITE_ID, 'Microsoft.Web/sites'],
    ['a slot write → the slot', slot, slot, 'Microsoft.Web/sites/slots'],
    ['a slot config/web write → the slot', `${slot}/config/web`, slot, 'Microsoft.Web/sites/slots'],
    ['a config/WEB write in other casing → the site', `${SITE_ID}/config/WEB`, SITE_ID, 'Microsoft.Web/sites'],
    ['a MySQL require_secure_transport write → the server', `${mysql}/configurations/require_secure_transport`, mysql, 'Microsoft.DBforMySQL/flexibleServers'],
    ['a MySQL tls_version write → the server', `${mysql}/configurations/tls_version`, mysql, 'Microsoft.DBforMySQL/flexibleServers'],
    ['a MySQL server write → the server', mysql, mysql, 'Microsoft.DBforMySQL/flexibleServers'],
    ['a PostgreSQL ssl_min_protocol_version write → the server', `${postgres}/configurations/ssl_min_protocol_version`, postgres, 'Microsoft.DBforPostgreSQL/flexibleServers'],
    ['a PostgreSQL parameter in upper case → the server', `${postgres}/configurations/REQUIRE_SECURE_TRANSPORT`, postgres, 'Microsoft.DBforPostgreSQL/flexibleServers'],
    ['a redis write (lower-case type) → the cache, typed as the catalog spells it', `${RG_ID}/providers/Microsoft.Cache/redis/cache-1`, `${RG_ID}/providers/Microsoft.Cache/redis/cache-1`, 'Microsoft.Cache/Redis'],
    ['a Redis Enterprise database write → the database', `${RG_ID}/providers/Microsoft.Cache/redisEnterprise/re-1/databases/default`, `${RG_ID}/providers/Microsoft.Cache/redisEnterprise/re-1/databases/default`, 'Microsoft.Cache/redisEnterprise/databases'],
  ])('%s', async (_name, written, owner, type) => {
    const { accepted } = await parse(writeEvent(written));
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({ writtenResourceId: written, resourceId: owner, resourceType: type });
  });

  it.each(['resourceGroups', 'resourcegroups', 'RESOURCEGROUPS'])('an id spelling %s is accepted and canonicalised', async (spelling) => {
    const written = `/subscriptions/${SUBSCRIPTION}/${spelling}/${RESOURCE_GROUP}/providers/Microsoft.Web/sites/${APP}/config/web`;
    const { accepted } = await parse(writeEvent(written));
    expect(accepted[0]).toMatchObject({ resourceId: SITE_ID, writtenResourceId: `${SITE_ID}/config/web` });
  });

  it.each([
    ['an appsettings write', `${SITE_ID}/config/appsettings`, /config\/appsettings.*cannot change a control/],
    ['a slot appsettings write', `${SITE_ID}/slots/staging/config/appsettings`, /config\/appsettings/],
    ['a MySQL parameter no control reads', `${RG_ID}/providers/Microsoft.DBforMySQL/flexibleServers/mysql-1/configurations/some_other_parameter`, /some_other_parameter/],
    ['a deployment', `${RG_ID}/providers/Microsoft.Resources/deployments/main`, /deployment/],
    ['an uncovered type', `${RG_ID}/providers/Microsoft.KeyVault/vaults/kv-1`, /no control covers resource type Microsoft\.KeyVault\/vaults/],
    ['a Redis Enterprise cluster (only its databases are covered)', `${RG_ID}/providers/Microsoft.Cache/redisEnterprise/re-1`, /no control covers/],
    ['a resource group write', RG_ID, /resource group/],
    ['a subscription-scope write', `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Security/pricings/default`, /subscription-scope/],
    ['an extension resource write', `${SITE_ID}/providers/Microsoft.Authorization/locks/no-delete`, /extension resource/],
  ])('%s is ignored', async (_name, written, reason) => {
    const batch = await parse(writeEvent(written));
    expect(batch.accepted).toEqual([]);
    expect(batch.rejected).toEqual([]);
    expect(batch.ignored).toEqual([{ eventId: '4db48cba-50a2-455a-93b4-de41a3b5b7f6', reason: expect.stringMatching(reason) }]);
  });
});

describe('event types', () => {
  it.each([
    ['Microsoft.Resources.ResourceDeleteSuccess', /delete/],
    ['Microsoft.Resources.ResourceWriteFailure', /failed/],
    ['Microsoft.Resources.ResourceWriteCancel', /cancelled/],
    ['Microsoft.Resources.ResourceActionSuccess', /action/],
    ['Microsoft.ResourceNotifications.Resources.Deleted', /delete/],
    ['Microsoft.Storage.BlobCreated', /not a resource write/],
  ])('%s is ignored', async (eventType, reason) => {
    const batch = await parse(writeEvent(STORAGE_ID, { eventType }));
    expect(batch.ignored).toEqual([{ eventId: expect.any(String), reason: expect.stringMatching(reason) }]);
  });
});

describe('malformed events', () => {
  it.each([
    ['a `..` segment', `${RG_ID}/providers/Microsoft.Web/sites/../sites/other`, /traversal/],
    ['an encoded slash', `${RG_ID}/providers/Microsoft.Web/sites/app%2Fconfig`, /forbidden character/],
    ['an encoded dot-dot', `${RG_ID}/providers/Microsoft.Web/sites/%2e%2e`, /forbidden character/],
    ['a subscription that is not a GUID', `/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.Web/sites/a`, /GUID/],
    ['unpaired type and name segments', `${RG_ID}/providers/Microsoft.Web/sites`, /pair/],
    ['a relative id', `subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Web/sites/a`, /must start/],
  ])('an id with %s is rejected', async (_name, written, reason) => {
    const batch = await parse(writeEvent(written));
    expect(batch.rejected).toEqual([{ eventId: expect.any(String), reason: expect.stringMatching(reason) }]);
  });

  it('an id in another subscription than the event topic is rejected', async () => {
    const event = writeEvent(STORAGE_ID, { topic: `/subscriptions/${OTHER_SUBSCRIPTION}` });
    expect(await reasonFor(event)).toMatch(/does not match the event topic subscription/);
  });

  it('an id in another resource group than a resource group topic is rejected', async () => {
    const event = writeEvent(STORAGE_ID, { topic: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-other` });
    expect(await reasonFor(event)).toMatch(/resource group/);
  });

  it('a resource group topic in other casing is accepted', async () => {
    const event = writeEvent(STORAGE_ID, { topic: `/subscriptions/${SUBSCRIPTION.toUpperCase()}/resourcegroups/${RESOURCE_GROUP.toUpperCase()}` });
    expect((await parse(event)).accepted).toHaveLength(1);
  });

  it('a CloudEvents source in another subscription is rejected', async () => {
    const event = cloudWriteEvent(STORAGE_ID, { source: `/subscriptions/${OTHER_SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}` });
    expect(await reasonFor(event)).toMatch(/event source subscription/);
  });

  it('a topic that is no subscription is rejected', async () => {
    expect(await reasonFor(writeEvent(STORAGE_ID, { topic: 'https://example.com/topic' }))).toMatch(/not an Azure subscription/);
  });

  it('data.subscriptionId that disagrees with the resource is rejected', async () => {
    expect(await reasonFor(writeEvent(STORAGE_ID, { data: { subscriptionId: OTHER_SUBSCRIPTION } }))).toMatch(/data\.subscriptionId/);
  });

  it('a subject naming another resource than data.resourceUri is rejected', async () => {
    const event = { ...writeEvent(STORAGE_ID), subject: SITE_ID };
    expect(await reasonFor(event)).toMatch(/name different resources/);
  });

  it('a Resource Notifications event whose resourceInfo.id disagrees with its subject is rejected', async () => {
    const event = sampleEvent('arn-createdorupdated-egschema.json');
    const tampered = { ...event, subject: SITE_ID };
    expect(await reasonFor(tampered)).toMatch(/data\.resourceInfo\.id and subject name different resources/);
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['a string', JSON.stringify(sample('egschema-resource-write-success.json'))],
    ['a boolean', true],
  ])('a body that is %s is rejected', async (_name, body) => {
    expect(await reasonFor(body)).toMatch(/must be a JSON object/);
  });

  it('an event without an id is rejected', async () => {
    const { id: _id, ...event } = writeEvent(STORAGE_ID);
    expect(await reasonFor(event)).toMatch(/id/);
  });

  it('an event id of a megabyte is rejected and not echoed back', async () => {
    const batch = await parse(writeEvent(STORAGE_ID, { id: 'x'.repeat(1_000_000) }));
    expect(batch.rejected).toEqual([{ eventId: null, reason: expect.stringMatching(/event id/) }]);
  });

  it('an event without data is rejected', async () => {
    const { data: _data, ...event } = writeEvent(STORAGE_ID);
    expect(await reasonFor(event)).toMatch(/data/);
  });

  it('an event whose data is a string is rejected, although the SDK would turn it into an object', async () => {
    expect(await reasonFor({ ...writeEvent(STORAGE_ID), data: 'surprise' })).toMatch(/data must be a JSON object, got string/);
  });

  it('an event that names no resource is rejected', async () => {
    const event = writeEvent(STORAGE_ID);
    const data = { ...(event.data as Record<string, unknown>) };
    delete data.resourceUri;
    expect(await reasonFor({ ...event, subject: '', data })).toMatch(/names no resource/);
  });

  it('an unreadable event time leaves eventTime null instead of failing', async () => {
    const { accepted } = await parse({ ...writeEvent(STORAGE_ID), eventTime: 'yesterday-ish' });
    expect(accepted[0].eventTime).toBeNull();
  });
});

describe('actors', () => {
  const UPN = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn';
  const OID = 'http://schemas.microsoft.com/identity/claims/objectidentifier';
  const actorOf = async (claims: Record<string, unknown> | undefined) => {
    const event = writeEvent(STORAGE_ID, claims ? { claims } : {});
    if (!claims) delete (event.data as Record<string, unknown>).claims;
    return (await parse(event)).accepted[0];
  };

  it('prefers the UPN, then the name, then the app id', async () => {
    expect((await actorOf({ [UPN]: 'ada@contoso.com', name: 'Ada', appid: 'app-1' })).actor).toBe('ada@contoso.com');
    expect((await actorOf({ name: 'Ada', appid: 'app-1' })).actor).toBe('Ada');
    expect((await actorOf({ appid: 'app-1', [OID]: 'oid-1' }))).toMatchObject({ actor: 'app-1', actorAppId: 'app-1', actorObjectId: 'oid-1' });
  });

  it('is null without claims, and claims that are not short printable strings are dropped', async () => {
    expect(await actorOf(undefined)).toMatchObject({ actor: null, actorObjectId: null, actorAppId: null });
    expect(await actorOf({ [UPN]: 42, name: 'a'.repeat(10_000), appid: 'line\nbreak' })).toMatchObject({ actor: null, actorAppId: null });
  });
});

describe('batches', () => {
  it('an array is parsed event by event, one bad event not sinking the others', async () => {
    const batch = await parse([
      writeEvent(STORAGE_ID, { id: 'a' }),
      null,
      writeEvent(`${SITE_ID}/config/appsettings`, { id: 'b' }),
      writeEvent(`${SITE_ID}/config/web`, { id: 'c' }),
    ]);
    expect(batch.accepted.map((i) => i.eventId)).toEqual(['a', 'c']);
    expect(batch.ignored.map((s) => s.eventId)).toEqual(['b']);
    expect(batch.rejected).toEqual([{ eventId: null, reason: expect.any(String) }]);
  });

  it('an empty array is an empty batch', async () => {
    expect(await parse([])).toEqual({ accepted: [], ignored: [], rejected: [] });
  });

  it('more events than Event Grid ever delivers at once are refused as a whole', async () => {
    const batch = await parse(new Array(MAX_BATCH_SIZE + 1).fill(writeEvent(STORAGE_ID)));
    expect(batch.accepted).toEqual([]);
    expect(batch.rejected).toEqual([{ eventId: null, reason: expect.stringMatching(/at most 5000/) }]);
  });
});

describe('robustness', () => {
  const FUZZ = { seed: 20261123, numRuns: 1000 };

  it('junk of any shape never throws and every event in it is rejected', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything({ maxDepth: 4, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true }), async (body) => {
        const batch = await parse(body);
        const events = Array.isArray(body) ? body.length : 1;
        expect(batch.accepted).toEqual([]);
        expect(batch.ignored).toEqual([]);
        expect(batch.rejected).toHaveLength(events);
      }),
      FUZZ,
    );
  });

  it('a valid event with any one field replaced by junk never throws and lands in exactly one bucket', async () => {
    const valid = writeEvent(`${SITE_ID}/config/web`);
    const junk = fc.oneof(
      fc.anything({ maxDepth: 3, withNullPrototype: true }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc.constantFrom(`${SITE_ID}/../x`, `${SITE_ID}%2Fx`, '', '/', '\u0000', 'x'.repeat(5000)),
    );
    const fields = fc.constantFrom('id', 'topic', 'subject', 'eventType', 'eventTime', 'data', 'dataVersion', 'metadataVersion', 'data.resourceUri', 'data.claims', 'data.subscriptionId', 'data.correlationId');
    await fc.assert(
      fc.asyncProperty(fields, junk, async (field, value) => {
        const event = structuredClone(valid);
        if (field.startsWith('data.')) (event.data as Record<string, unknown>)[field.slice(5)] = value;
        else event[field] = value;
        const batch = await parse(event);
        bucketOf(batch);
        for (const intent of batch.accepted) expect(intent.resourceId).toBe(SITE_ID);
      }),
      FUZZ,
    );
  });
});
