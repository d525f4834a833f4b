import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/controls';
import type { ArmObject } from '../../src/controls/types';
import { CandidateStream } from '../../src/engine/candidate-stream';
import { pickCandidates } from '../../src/engine/sweep';
import { FIXTURES_BY_KIND } from '../../src/kinds/generated/fixtures';
import { siteConfig, siteId, storageAccount, webApp } from '../fixtures/arm';
import { authSettingsV2 } from '../../src/kinds/appservice/fixtures';

const NOW = new Date('2026-12-04T12:00:00Z');
const isConfig = (o: ArmObject) => /^microsoft\.web\/sites(\/slots)?\/config$/i.test(String(o.type));
const byId = (a: ArmObject, b: ArmObject) => (String(a.id).toLowerCase() < String(b.id).toLowerCase() ? -1 : 1);

/** Rows in the order ResourceGraphSource yields them: config documents, then resources in id order. */
function graphOrder(objects: ArmObject[]): ArmObject[] {
  return [...objects.filter(isConfig).sort(byId), ...objects.filter((o) => !isConfig(o)).sort(byId)];
}

function streamed(rows: ArmObject[]) {
  const stream = new CandidateStream(catalog, NOW);
  const out = rows.flatMap((row) => stream.add(row));
  return { candidates: [...out, ...stream.end()], rows: stream.rows };
}

const ids = (candidates: { resourceId: string }[]) => candidates.map((c) => c.resourceId.toLowerCase()).sort();

describe('CandidateStream', () => {
  it('picks exactly the candidates a whole-estate pick does, across page boundaries, for every kind', () => {
    // Every kind's drifted resources with their child documents, around 1,500 compliant accounts
    // so that flushes fall between a resource and its children.
    const drifted = Object.values(FIXTURES_BY_KIND).flatMap((f) => f.failsEveryControl());
    const filler = Array.from({ length: 1500 }, (_, i) => storageAccount({}, { name: `st${String(i).padStart(5, '0')}` }));
    const all = graphOrder([...filler, ...drifted, ...webApp({ httpsOnly: true, clientCertEnabled: true }, { minTlsVersion: '1.0' }, { name: 'app-only-config-bad' }),
      ...webApp({ httpsOnly: true, clientCertEnabled: true, clientCertMode: 'Required' }, { minTlsVersion: '1.2', scmMinTlsVersion: '1.2', ftpsState: 'FtpsOnly', http20Enabled: true }, { name: 'app-good' }),
      authSettingsV2(siteId('app-good'), true)]);
    const whole = pickCandidates(all, catalog, NOW).candidates;
    const { candidates, rows } = streamed(all);

    expect(rows).toBe(all.length);
    expect(ids(candidates)).toEqual(ids(whole));
    expect(ids(candidates)).toContain(siteId('app-only-config-bad').toLowerCase());
    // A compliant site is judged with its config document, so it is no candidate.
    expect(ids(whole)).not.toContain(siteId('app-good').toLowerCase());
    // Hints carry the same documents, so the engine may record from them just as often.
    const withHint = (list: typeof whole) => list.filter((c) => c.hint).map((c) => `${c.resourceId.toLowerCase()} ${Object.keys(c.hint?.documents ?? {}).sort().join(',')}`).sort();
    expect(withHint(candidates)).toEqual(withHint(whole));
  });

  it('judges a config document whose site never came on its own: a read, never hidden drift', () => {
    const { candidates } = streamed([siteConfig({ minTlsVersion: '1.0' }, { site: 'app-gone' }), storageAccount()]);
    expect(ids(candidates)).toEqual([siteId('app-gone').toLowerCase()]);
  });

  it('keeps a resource whose rows fill a whole flush together rather than holding it without bound', () => {
    const rows = graphOrder(Array.from({ length: 1200 }, (_, i) => storageAccount({ supportsHttpsTrafficOnly: i % 2 === 0 }, { name: `st${String(i).padStart(5, '0')}` })));
    expect(streamed(rows).candidates).toHaveLength(600);
  });
});
