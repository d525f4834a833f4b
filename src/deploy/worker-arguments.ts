/**
 * Node.js flags for the deployed Functions worker (app setting `languageWorkers__node__arguments`,
 * infra/app.bicep), and for `npm run bench`, so the benchmark measures Node the way it runs in Azure.
 *
 * Why: the engine-overhead tail is young-generation garbage collection, not work — in the slowest 1 %
 * of events even a Map lookup took 0.7 ms instead of 0.02. A 64 MiB semi-space (V8's default tops out
 * at 16 MiB) makes scavenges rarer: read-only p99 ~0.9 ms instead of ~2.4 and overall p99 median
 * 2.0 ms instead of ~2.5, for about 100 MiB more resident memory on an instance that has 2 GiB
 * (bench figures in README). A test holds infra/app.bicep and package.json to this value.
 */
export const WORKER_NODE_ARGUMENTS = '--max-semi-space-size=64';
