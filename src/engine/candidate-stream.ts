import type { ArmObject, ControlDefinition } from '../controls/types';
import { pickCandidates, type SweepCandidate } from './sweep';

/** Resource rows judged at once: a Graph page. */
const FLUSH_ROWS = 1000;

/** `/subscriptions/{s}/resourceGroups/{g}/providers/{ns}/{type}/{name}`, lower-cased: the top-level resource a row belongs to. */
function topLevelOf(id: string): string {
  return id.toLowerCase().split('/').slice(0, 9).join('/');
}

/** An App Service `config/*` document (Graph's appserviceresources rows) and the site or slot it belongs to. */
function configOwner(row: ArmObject): string | undefined {
  const type = typeof row.type === 'string' ? row.type.toLowerCase() : '';
  if (type !== 'microsoft.web/sites/config' && type !== 'microsoft.web/sites/slots/config') return undefined;
  const id = String(row.id).toLowerCase();
  const at = id.lastIndexOf('/config/');
  return at > 0 ? id.slice(0, at) : undefined;
}

/**
 * Picks sweep candidates from rows as they arrive, so that a batch can send them on while it is
 * still reading Graph, and holds only what it must: child documents until their resource's row has
 * come and its top-level resource's rows are complete (rows of one top-level resource arrive
 * together in id order, children right after it; a page may end in the middle of them, so the
 * last such group waits for the next page).
 *
 * Any order of rows is safe, only its cost differs. ResourceGraphSource reads App Service config
 * documents first, so each site is judged with them; list sweeps yield a site's documents right
 * after it. A resource judged before its documents came is undeterminable, so a candidate (a read),
 * and a document whose resource never came is judged on its own at the end: a read, never hidden
 * drift.
 */
export class CandidateStream {
  private readonly configs = new Map<string, ArmObject[]>();
  private buffer: ArmObject[] = [];
  private count = 0;

  constructor(private readonly catalog: readonly ControlDefinition[], private readonly now: Date) {}

  /** Rows taken so far. */
  get rows(): number {
    return this.count;
  }

  /** Takes one row; returns the candidates it completed (usually none). */
  add(row: ArmObject): SweepCandidate[] {
    this.count += 1;
    const owner = configOwner(row);
    if (owner !== undefined) {
      const documents = this.configs.get(owner);
      if (documents) documents.push(row);
      else this.configs.set(owner, [row]);
      return [];
    }
    this.buffer.push(row);
    return this.buffer.length >= FLUSH_ROWS ? this.flush(false) : [];
  }

  /** The candidates of everything not yet judged. */
  end(): SweepCandidate[] {
    const candidates = this.flush(true);
    const orphans = [...this.configs.values()].flat();
    this.configs.clear();
    return orphans.length > 0 ? [...candidates, ...pickCandidates(orphans, this.catalog, this.now).candidates] : candidates;
  }

  private flush(final: boolean): SweepCandidate[] {
    let ready = this.buffer;
    this.buffer = [];
    if (!final && ready.length > 0) {
      const last = topLevelOf(String(ready[ready.length - 1].id));
      let cut = ready.length;
      while (cut > 0 && topLevelOf(String(ready[cut - 1].id)) === last) cut -= 1;
      // A page of one resource's rows alone is judged as it is rather than held without bound.
      if (cut > 0) {
        this.buffer = ready.slice(cut);
        ready = ready.slice(0, cut);
      }
    }
    if (ready.length === 0) return [];
    const withDocuments: ArmObject[] = [];
    for (const row of ready) {
      withDocuments.push(row);
      const key = String(row.id).toLowerCase();
      const documents = this.configs.get(key);
      if (documents) {
        withDocuments.push(...documents);
        this.configs.delete(key);
      }
    }
    return pickCandidates(withDocuments, this.catalog, this.now).candidates;
  }
}
