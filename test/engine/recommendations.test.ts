/**
 * Every audit record carries the Defender recommendation and Azure Policy definitions of its control
 * for its resource (DESIGN.md's `recommendation`), chosen for App Service by the site's kind.
 */
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/controls';
import { POLICY_DEFINITION_PREFIX } from '../../src/controls/recommendation';
import { undoFix } from '../../src/engine/undo';
import { renderReviewPage } from '../../src/report/html';
import { resourceGroup, siteId, storageAccount, storageAccountId, webApp } from '../fixtures/arm';
import { byControl, sandboxEngine } from '../helpers/sandbox-runtime';

const policy = (guid: string): string => `${POLICY_DEFINITION_PREFIX}${guid}`;

describe('the recommendation on audit records', () => {
  it('labels a web app and a function app with their own assessment, and a setting no policy checks with null', async () => {
    const t = sandboxEngine([
      resourceGroup(),
      ...webApp({ httpsOnly: false }, {}, { name: 'app-web' }),
      ...webApp({ httpsOnly: false }, {}, { name: 'app-func', kind: 'functionapp' }),
    ]);
    const web = byControl(await t.process(siteId('app-web')));
    const func = byControl(await t.process(siteId('app-func')));

    expect(web['appservice-https-only']).toMatchObject({
      outcome: 'fixed',
      recommendation: { assessmentKey: '1b351b29-41ca-6df5-946c-c190a56be5fe', name: 'Web Application should only be accessible over HTTPS', policyDefinitionIds: [policy('a4af4a39-4135-47fb-b175-47fbdf85311d')] },
    });
    expect(func['appservice-https-only']).toMatchObject({
      outcome: 'fixed',
      recommendation: { assessmentKey: 'cb0acdc6-0846-fd48-debe-9905af151b6d', policyDefinitionIds: [policy('6d555dd1-86f2-4f1c-8ed7-5abae7c6cbab')] },
    });
    // Compliant records are labelled too; scmMinTlsVersion has no policy nor assessment.
    expect(web['appservice-scm-min-tls'].recommendation).toBeNull();
    expect(web['appservice-ftps-only'].recommendation?.assessmentKey).toBe('19beaa2a-a126-b4dd-6d35-617f6cc83fca');
  });

  it('keeps the recommendation on the undo record, and the review page groups resources by it', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ supportsHttpsTrafficOnly: false, minimumTlsVersion: 'TLS1_0' })]);
    const records = byControl(await t.process(storageAccountId()));
    expect(records['storage-min-tls'].recommendation).toEqual({
      assessmentKey: null, name: 'Storage accounts should have the specified minimum TLS version', policyDefinitionIds: [policy('fe83a0eb-a853-422d-aac2-1bffd182c5d0')],
    });
    const undone = await undoFix(records['storage-https-only'].id, { audit: t.audit, reader: t.gateway, writer: t.gateway, clock: t.clock, catalog }, 'alice@contoso.com');
    expect(undone).toMatchObject({ outcome: 'undone', recommendation: records['storage-https-only'].recommendation });
    expect(undone.recommendation?.assessmentKey).toBe('1c5de8e1-f68d-6a17-e0d2-ec259c42768c');

    const html = renderReviewPage(await t.audit.query({}), { generatedAt: new Date('2026-12-03T12:00:00Z') });
    const table = html.slice(html.indexOf('<table id="recommendations">'), html.indexOf('</table>', html.indexOf('<table id="recommendations">')));
    // The undone secure-transfer fix leaves that resource unhealthy under its recommendation, listed first.
    const rows = table.split('<tr').slice(2);
    expect(rows[0]).toMatch(/Secure transfer to storage accounts should be enabled.*1c5de8e1-f68d-6a17-e0d2-ec259c42768c.*404c3081-a854-4457-ae30-26a93ef643f9.*storage-https-only<\/td><td class="num">1<\/td><td class="num">0<\/td>/);
    expect(rows[1]).toMatch(/Storage accounts should have the specified minimum TLS version.*Azure Policy only.*storage-min-tls<\/td><td class="num">0<\/td><td class="num">1<\/td>/);
  });
});
