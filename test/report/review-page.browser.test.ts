/**
 * The review page in a real browser: Debian's chromium driven by playwright-core. Skipped (with the
 * reason in its name) only when /usr/bin/chromium is missing; CI installs it with
 * `apt-get install -y --no-install-recommends chromium`.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/audit/record';
import { REVIEW_PAGE_CSP_HEADER, renderReviewPage } from '../../src/report/html';
import { resourceGroup, site, siteConfig, siteId, storageAccount, storageAccountId } from '../fixtures/arm';
import { sandboxEngine } from '../helpers/sandbox-runtime';
import { HOSTILE_RESOURCE, NOW, XSS_IMG, XSS_SCRIPT, auditRecord } from './records';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
// On a developer machine without Chromium the browser tests skip; in CI (.ci/run installs it) a
// missing browser is a failure, so the suite can never go green without running them.
if (!HAS_CHROMIUM && process.env.CI) throw new Error(`${CHROMIUM} is missing in CI: .ci/run should have installed it (apt-get install -y chromium)`);
const SCREENSHOT = resolve(process.cwd(), 'test-output', 'review-page.png');
const BROWSER_TIMEOUT = 30_000;

const HOSTILE_TAG_REASON = `Vendor appliance ${XSS_IMG} ${XSS_SCRIPT} needs TLS 1.0`;
const HOSTILE_ACTOR = `mallory${XSS_SCRIPT}@contoso.com`;
const EXEMPT_UNTIL = '2026-12-01';

/**
 * An audit log written by the real engine over the ARM emulator during a simulated week: fixes by
 * event, a dry-run resource, a tag exemption whose reason carries markup, a pipeline that flaps.
 * Two records are added by hand for what the emulator cannot produce: a failed write and a
 * resource id with markup in it.
 */
async function sandboxRunAudit(): Promise<AuditRecord[]> {
  const shopId = siteId('contoso-shop');
  const stagingId = siteId('contoso-shop-staging');
  const dataId = storageAccountId('stcontosodata');
  const legacyId = storageAccountId('stlegacyftp');
  const previewId = siteId('contoso-preview');
  const t = sandboxEngine([
    resourceGroup(),
    site({ httpsOnly: false }, { name: 'contoso-shop' }),
    siteConfig({ minTlsVersion: '1.0', scmMinTlsVersion: '1.2', ftpsState: 'FtpsOnly' }, { site: 'contoso-shop' }),
    site({ httpsOnly: false }, { name: 'contoso-shop-staging' }),
    siteConfig({ minTlsVersion: '1.2', scmMinTlsVersion: '1.2', ftpsState: 'FtpsOnly' }, { site: 'contoso-shop-staging' }),
    site({ httpsOnly: false }, { name: 'contoso-preview', tags: { 'transit-warden-mode': 'dry-run' } }),
    siteConfig({ minTlsVersion: '1.2', scmMinTlsVersion: '1.2', ftpsState: 'AllAllowed' }, { site: 'contoso-preview' }),
    storageAccount({ supportsHttpsTrafficOnly: false, minimumTlsVersion: 'TLS1_0' }, { name: 'stcontosodata' }),
    storageAccount({ minimumTlsVersion: 'TLS1_0' }, {
      name: 'stlegacyftp',
      tags: { 'transit-warden-exempt': 'storage-min-tls', 'transit-warden-exempt-reason': HOSTILE_TAG_REASON, 'transit-warden-exempt-until': EXEMPT_UNTIL },
    }),
  ]);
  let n = 0;
  const event = async (resourceId: string, at: string, actor: string | null) => {
    t.clock.set(new Date(at));
    n += 1;
    const eventId = `5d1f0c4e-2b7a-4c1d-9e3f-${String(n).padStart(12, '0')}`;
    return t.engine.process({ resourceId, trigger: 'event', occurrence: eventId, eventId, correlationId: eventId, actor });
  };

  await event(shopId, '2026-11-18T09:12:00Z', 'alice@contoso.com');
  await event(previewId, '2026-11-18T15:05:00Z', 'bob@contoso.com');
  // A deployment pipeline keeps turning HTTPS-only off on staging: the fourth fix is quarantined.
  for (const minute of [0, 5, 10, 15]) {
    t.sandbox.set(site({ httpsOnly: false }, { name: 'contoso-shop-staging' }));
    await event(stagingId, `2026-11-19T10:${String(minute).padStart(2, '0')}:00Z`, 'deploy-pipeline@contoso.com');
  }
  await event(legacyId, '2026-11-20T08:00:00Z', 'dave@contoso.com');
  await event(dataId, '2026-11-21T14:00:00Z', HOSTILE_ACTOR);
  t.sandbox.set(site({ httpsOnly: false }, { name: 'contoso-shop' }));
  await event(shopId, '2026-11-23T09:00:00Z', 'alice@contoso.com');
  await event(previewId, '2026-11-23T09:30:00Z', 'bob@contoso.com');

  return [
    ...t.audit.all(),
    auditRecord({ time: '2026-11-22T07:30:00.000Z', resourceId: siteId('contoso-orders-api'), control: 'appservice-min-tls', outcome: 'failed', actor: null, trigger: 'sweep' }),
    auditRecord({
      time: '2026-11-21T13:37:00.000Z', resourceId: HOSTILE_RESOURCE, control: 'appservice-https-only', outcome: 'exempt', actor: HOSTILE_ACTOR,
      reason: `exempt by tag on the resource: ${HOSTILE_TAG_REASON}`,
      exemption: { source: 'resource', scope: '*', reason: HOSTILE_TAG_REASON, until: null, status: 'valid' },
    }),
  ];
}

describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? 'review page in Chromium' : `review page in Chromium — SKIPPED: ${CHROMIUM} is missing (apt-get install -y chromium)`, () => {
  let browser: Browser;
  let server: Server;
  let url: string;
  let records: AuditRecord[];

  beforeAll(async () => {
    records = await sandboxRunAudit();
    const html = renderReviewPage(records, { generatedAt: NOW, scope: 'sandbox run, last 7 days' });
    // Served like the function serves it, CSP header included, from loopback only.
    server = createServer((request, response) => {
      if (request.url !== '/api/review') {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': REVIEW_PAGE_CSP_HEADER });
      response.end(html);
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/review`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      timeout: BROWSER_TIMEOUT,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  });

  /** A fresh page with every request, console error and dialog recorded. */
  async function open(): Promise<{ page: Page; requests: string[]; errors: string[]; dialogs: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    page.setDefaultTimeout(10_000);
    const requests: string[] = [];
    const errors: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text()); });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
    await page.goto(url, { waitUntil: 'load' });
    return { page, requests, errors, dialogs };
  }

  const visibleOutcomes = (page: Page): Promise<string[]> =>
    page.locator('#records-body tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-outcome') ?? ''));

  it('loads with no request leaving the page, no CSP violation and no script error', async () => {
    const { page, requests, errors } = await open();

    await expect.poll(() => page.locator('#records-body tr').count()).toBe(records.length);
    await page.waitForTimeout(300);
    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
    expect(await page.locator('header h1').textContent()).toBe('transit-warden review');
    expect(await page.locator('#records-shown').textContent()).toBe(`${records.length} of ${records.length} records`);
    await page.close();
  }, BROWSER_TIMEOUT);

  it('narrows the table to exactly the fixed records when the fixed filter is clicked, and back on reset', async () => {
    const { page } = await open();
    const fixed = records.filter((r) => r.outcome === 'fixed').length;
    expect(fixed).toBeGreaterThan(2);

    await page.click('.outcome-filter button[data-outcome="fixed"]');
    const outcomes = await visibleOutcomes(page);

    expect(outcomes).toHaveLength(fixed);
    expect(new Set(outcomes)).toEqual(new Set(['fixed']));
    expect(await page.getAttribute('.outcome-filter button[data-outcome="fixed"]', 'aria-pressed')).toBe('true');

    await page.click('#filter-reset');
    expect(await visibleOutcomes(page)).toHaveLength(records.length);
    await page.close();
  }, BROWSER_TIMEOUT);

  it('narrows by actor text and by control together', async () => {
    const { page } = await open();
    await page.fill('#filter-actor', 'ALICE@');
    await page.selectOption('#filter-control', 'appservice-https-only');
    const expected = records.filter((r) => r.actor === 'alice@contoso.com' && r.control === 'appservice-https-only').length;

    expect(expected).toBeGreaterThan(0);
    expect(await visibleOutcomes(page)).toHaveLength(expected);
    await page.close();
  }, BROWSER_TIMEOUT);

  it('sorts by resource when the column header is clicked, and reverses on a second click', async () => {
    const { page } = await open();
    const resourceIds = () => page.locator('#records-body td.resource').evaluateAll((cells) => cells.map((c) => (c.getAttribute('title') ?? '').toLowerCase()));
    const ascending = records.map((r) => r.resourceId.toLowerCase()).sort();

    await page.click('#records th[data-key="resourceId"] button');
    expect(await resourceIds()).toEqual(ascending);
    expect(await page.getAttribute('#records th[data-key="resourceId"]', 'aria-sort')).toBe('ascending');

    await page.click('#records th[data-key="resourceId"] button');
    expect(await resourceIds()).toEqual([...ascending].reverse());
    await page.close();
  }, BROWSER_TIMEOUT);

  it('draws one bar per day and kind with something to show', async () => {
    const { page } = await open();
    const kinds = new Set(['fixed', 'would-fix', 'failed']);
    const bars = new Set(records.filter((r) => kinds.has(r.outcome)).map((r) => `${r.time.slice(0, 10)} ${r.outcome}`));

    expect(await page.locator('#chart g.day').count()).toBe(6); // 2026-11-18 .. 2026-11-23
    expect(await page.locator('#chart rect.bar').count()).toBe(bars.size);
    expect(await page.locator('#chart rect.bar.would-fix').count()).toBe(2);
    const box = await page.locator('#chart').boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(100);
    await page.close();
  }, BROWSER_TIMEOUT);

  it('shows markup from tags, actors and resource ids as literal text and runs none of it', async () => {
    const { page, dialogs } = await open();

    expect(await page.locator('#exemptions').textContent()).toContain(HOSTILE_TAG_REASON);
    expect(await page.locator('#exemptions').textContent()).toContain(`evil${XSS_IMG}`);
    await page.fill('#filter-actor', 'mallory');
    expect(await page.locator('#records-body').textContent()).toContain(HOSTILE_ACTOR);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await page.close();
  }, BROWSER_TIMEOUT);

  it('highlights the exemption that ends within 14 days and lists the flapping resource', async () => {
    const { page } = await open();

    expect(await page.locator('#exemptions tr.soon').count()).toBe(1);
    expect(await page.locator('#exemptions tr.soon').textContent()).toContain('stlegacyftp');
    expect(await page.locator('#quarantined tbody tr').count()).toBe(1);
    expect(await page.locator('#quarantined').textContent()).toContain('contoso-shop-staging');
    await page.close();
  }, BROWSER_TIMEOUT);

  it('saves a screenshot under test-output for people to look at', async () => {
    const { page } = await open();
    mkdirSync(resolve(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    await page.close();
  }, BROWSER_TIMEOUT);
});
