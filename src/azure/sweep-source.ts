import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { Logger } from 'pino';
import type { SweepSourceSetting } from '../config';
import type { ArmObject, ControlDefinition } from '../controls/types';
import { FallbackSource } from '../engine/fallback-source';
import type { CandidateSource } from '../engine/sweep';
import { ListSource } from './list-source';
import { ResourceGraphSource, type ResourceGraph } from './resource-graph';
import { controlsOutsideGraph } from '../kinds/graph-coverage';

export interface SweepSourceOptions {
  setting: SweepSourceSetting;
  credential: TokenCredential;
  subscriptions: readonly string[];
  catalog: readonly ControlDefinition[];
  logger: Logger;
  /** The process's shared Graph client (one quota reading for every query); unset, the source makes its own. */
  graph?: ResourceGraph;
  /** The sandbox's transport; unset in Azure. */
  endpoint?: string;
  httpClient?: HttpClient;
}

/**
 * Where a sweep finds its candidates (TRANSIT_WARDEN_SWEEP_SOURCE, `scan --source`): Resource
 * Graph, ARM list calls, or Graph falling back to list calls when Graph fails before its first row.
 * Both the timer sweep and the CLI scan build their source here, so they behave alike.
 */
export function sweepSource(options: SweepSourceOptions): CandidateSource {
  const { logger, setting } = options;
  const sourceOptions = {
    credential: options.credential, subscriptions: options.subscriptions, catalog: options.catalog, endpoint: options.endpoint, httpClient: options.httpClient,
  };
  const subscriptions = [...options.subscriptions];
  // Types Resource Graph has no rows of (storage file services) are listed by ARM list calls after
  // the Graph rows, so that a Graph sweep still covers every control.
  const outsideGraph = controlsOutsideGraph(options.catalog);
  const graph = (): CandidateSource => {
    const primary = new ResourceGraphSource({ ...sourceOptions, graph: options.graph });
    if (outsideGraph.length === 0) return primary;
    return new MergedSource([primary, list(outsideGraph)]);
  };
  const list = (catalog: readonly ControlDefinition[] = options.catalog): ListSource => {
    const source = new ListSource({
      ...sourceOptions,
      catalog,
      onSkip: (skip) => logger.info(skip, 'resource provider not registered in the subscription: nothing of these types to list'),
    });
    const uncovered = source.uncoveredTypes;
    if (uncovered.length > 0) logger.warn({ subscriptions, uncovered }, 'a sweep by list calls cannot list these types; only events cover them');
    return source;
  };
  switch (setting) {
    case 'graph':
      return graph();
    case 'list':
      return list();
    case 'auto':
      return new FallbackSource({
        primary: graph(),
        fallback: () => list(),
        onFallback: (reason) => logger.warn({ subscriptions, reason }, 'Resource Graph is not available to the sweep; listing candidates with ARM list calls instead (more ARM reads)'),
      });
  }
}

/** What a sweep's candidates cost: Resource Graph queries and ARM list requests (pages and config reads). */
export function sourceRequests(source: CandidateSource): { graphQueries: number; listRequests: number } {
  const parts = (source instanceof FallbackSource ? source.sources : [source]).flatMap((part) => (part instanceof MergedSource ? [...part.sources] : [part]));
  let graphQueries = 0;
  let listRequests = 0;
  for (const part of parts) {
    if (part instanceof ResourceGraphSource) graphQueries += part.queriesMade;
    if (part instanceof ListSource) listRequests += part.requestsMade;
  }
  return { graphQueries, listRequests };
}

/**
 * The rows of several sources as each yields them, read at the same time: the list calls for the
 * types Graph lacks run while Graph's pages come in (its quota, not our requests, sets the pace),
 * rather than after them. A failing source fails the whole (the sweep message is retried).
 */
export class MergedSource implements CandidateSource {
  constructor(readonly sources: readonly CandidateSource[]) {}

  async *rows(): AsyncIterable<ArmObject> {
    const iterators = this.sources.map((source) => source.rows()[Symbol.asyncIterator]());
    const pending = new Map<number, Promise<{ index: number; result: IteratorResult<ArmObject> }>>();
    const pull = (index: number): void => {
      pending.set(index, iterators[index].next().then((result) => ({ index, result })));
    };
    // The others start once the first has answered (a row, or its end): a first source that fails
    // at once fails before any row is handed on, so a FallbackSource around this can still switch.
    pull(0);
    let started = iterators.length === 1;
    try {
      while (pending.size > 0) {
        const { index, result } = await Promise.race(pending.values());
        if (!started) {
          started = true;
          for (let other = 1; other < iterators.length; other += 1) pull(other);
        }
        if (result.done) {
          pending.delete(index);
          continue;
        }
        pull(index);
        yield result.value;
      }
    } finally {
      // Stopped early (a consumer broke off, or one source failed): close the others.
      await Promise.allSettled(iterators.map((iterator) => iterator.return?.()));
    }
  }
}
