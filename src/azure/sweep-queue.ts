import type { TokenCredential } from '@azure/core-auth';
import type { StoragePipelineOptions } from '@azure/storage-queue';
import { WardenError, describeError } from '../errors';
import { storageQueueSdk } from './sdk';

/** The Storage queue the sweep fans out on; its poison queue is `transit-warden-sweep-poison` (infra/app.bicep creates both). */
export const SWEEP_QUEUE = 'transit-warden-sweep';

/** Where a batch message sends the candidates it finds, while it is still reading Graph. */
export interface SweepQueue {
  send(messages: readonly object[]): Promise<void>;
}

/** Messages in flight at once: enough to keep up with a Graph page, few enough not to flood the account. */
const SEND_CONCURRENCY = 8;

/**
 * The sweep queue reached with the app's identity (Storage Queue Data Contributor, which the
 * queue trigger already needs). Messages are base64-encoded JSON, as the Functions queue trigger
 * reads them by default (host.json's messageEncoding) and as the output binding writes them.
 */
export function storageSweepQueue(serviceUrl: string, queueName: string, credential: TokenCredential, options: { httpClient?: StoragePipelineOptions['httpClient'] } = {}): SweepQueue {
  const { QueueClient } = storageQueueSdk();
  const client = new QueueClient(`${serviceUrl}/${queueName}`, credential, options.httpClient ? { httpClient: options.httpClient, retryOptions: { maxTries: 1 } } : {});
  return {
    async send(messages) {
      let next = 0;
      const workers = Array.from({ length: Math.min(SEND_CONCURRENCY, messages.length) }, async () => {
        while (next < messages.length) {
          const message = messages[next++];
          try {
            await client.sendMessage(Buffer.from(JSON.stringify(message)).toString('base64'));
          } catch (err) {
            throw new WardenError('COORDINATION_FAILED', `could not enqueue a sweep message on ${queueName}: ${describeError(err)}`, undefined, { cause: err });
          }
        }
      });
      await Promise.all(workers);
    },
  };
}
