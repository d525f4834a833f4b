import type { ArmSandbox } from './arm-sandbox';
import { armListRoute, resourceGraphRoute } from './resource-graph-route';
import { serverRestartRoute, type SandboxRestart } from './server-restart-route';

/**
 * The routes beyond plain resource GET/PATCH that transit-warden's own code calls: Resource Graph
 * and the ARM list calls (the sweep, and its fallback where Graph is missing) and the
 * flexible-server restart (a POST action). Every sandbox the CLI, demo, tests
 * and benchmarks build goes through here, so they all answer the same calls.
 */
export function addStandardRoutes(sandbox: ArmSandbox): { restarts: readonly SandboxRestart[] } {
  sandbox.addRoute(resourceGraphRoute(sandbox));
  sandbox.addRoute(armListRoute(sandbox));
  const restart = serverRestartRoute();
  sandbox.addRoute(restart.route);
  return { restarts: restart.restarts };
}
