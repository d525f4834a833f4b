/**
 * Carries the SDK clients' requests from engine processes to the one ARM emulator in the soak's
 * conductor process, over plain HTTP on 127.0.0.1. The clients still address the emulator's https
 * endpoint (so their pipelines send the bearer token as they would to ARM); only the transport is
 * a loopback socket instead of a function call. The conductor sees every request of every process,
 * which is where it kills a process right after ARM accepted one of its writes.
 *
 * Soak headers (`x-soak-…`) travel with a request and are taken off before the emulator sees it.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpHeaders, createPipelineRequest, type HttpClient, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';

/** Names the engine process a request comes from. */
export const INSTANCE_HEADER = 'x-soak-instance';
/** On a write: the intent it goes with, as JSON (see IntentTag). */
export const INTENT_HEADER = 'x-soak-intent';

export interface RelayedRequest {
  instance: string;
  request: PipelineRequest;
  /** Soak headers the process sent, by name. */
  soak: Record<string, string>;
}

export interface RelayHooks {
  /** Before the emulator sees the request; false drops it (the process is being killed). */
  before(relayed: RelayedRequest): boolean;
  /** After the emulator answered; false drops the answer (the process is killed before it reads it). */
  after(relayed: RelayedRequest, response: PipelineResponse): boolean;
}

export interface RunningRelay {
  port: number;
  close(): Promise<void>;
}

function readBody(message: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    message.on('error', reject);
  });
}

/** The conductor's side: serves `target` (the emulator's HttpClient) to the engine processes. */
export async function serveRelay(target: HttpClient, endpoint: string, hooks: RelayHooks): Promise<RunningRelay> {
  const server: Server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    void (async () => {
      const body = await readBody(incoming);
      const headers = createHttpHeaders();
      const soak: Record<string, string> = {};
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (value === undefined || name === 'host' || name === 'connection' || name === 'content-length') continue;
        const text = Array.isArray(value) ? value.join(', ') : value;
        if (name.startsWith('x-soak-')) soak[name] = text;
        else headers.set(name, text);
      }
      const request = createPipelineRequest({ url: `${endpoint}${incoming.url ?? '/'}`, method: (incoming.method ?? 'GET') as PipelineRequest['method'], headers, body: body === '' ? undefined : body });
      const relayed: RelayedRequest = { instance: soak[INSTANCE_HEADER] ?? 'unknown', request, soak };
      if (!hooks.before(relayed)) {
        outgoing.destroy();
        return;
      }
      const response = await target.sendRequest(request);
      if (!hooks.after(relayed, response)) {
        outgoing.destroy();
        return;
      }
      const replyHeaders: Record<string, string> = {};
      for (const [name, value] of response.headers) replyHeaders[name] = value;
      delete replyHeaders['content-length'];
      outgoing.writeHead(response.status, replyHeaders);
      outgoing.end(response.bodyAsText ?? '');
    })().catch((err: unknown) => {
      outgoing.writeHead(599, { 'content-type': 'text/plain' });
      outgoing.end(`relay failed: ${err instanceof Error ? err.message : String(err)}`);
    });
  });
  // A socket the conductor drops when it kills a process must not keep the server open.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * The engine process's side: an HttpClient for the SDK clients that sends each request to the relay
 * on `port`, adding the instance name and whatever `extraHeaders` returns for it (the intent a
 * write goes with).
 */
export function relayClient(port: number, instance: string, extraHeaders: (request: PipelineRequest) => Record<string, string>): HttpClient {
  return {
    sendRequest: (request: PipelineRequest): Promise<PipelineResponse> => new Promise((resolve, reject) => {
      const url = new URL(request.url);
      const headers: Record<string, string> = {};
      for (const [name, value] of request.headers) headers[name] = value;
      Object.assign(headers, extraHeaders(request), { [INSTANCE_HEADER]: instance });
      const body = request.body;
      if (body !== undefined && body !== null && typeof body !== 'string') {
        reject(new Error('the soak relay carries text bodies only'));
        return;
      }
      const outgoing = httpRequest({ host: '127.0.0.1', port, method: request.method, path: `${url.pathname}${url.search}`, headers }, (incoming) => {
        void readBody(incoming).then((text) => {
          const replyHeaders = createHttpHeaders();
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value !== undefined) replyHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
          }
          resolve({ request, status: incoming.statusCode ?? 599, headers: replyHeaders, bodyAsText: text });
        }, reject);
      });
      outgoing.on('error', (err) => reject(Object.assign(err, { code: 'REQUEST_SEND_ERROR' })));
      outgoing.end(body ?? undefined);
    }),
  };
}
