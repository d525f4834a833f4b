/**
 * A stand-in Event Grid topic on 127.0.0.1: an HTTP server on a free port that records every request
 * and answers as told. The real EventGridPublisherClient reaches it through `httpClient`: the client
 * builds and authenticates its request for the https topic URL exactly as in Azure (the bearer
 * policy refuses plain http), and only the transport is redirected to loopback.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';

/** The topic URL the client is configured with; never resolved, only rewritten to loopback. */
export const TOPIC_ENDPOINT = 'https://tw-notify.westeurope-1.eventgrid.azure.net/api/events';

export interface ReceivedRequest {
  method: string;
  /** Path and query as the server saw them. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers one request: a status (and body), or `hang` to never answer. */
export type Reply = { status: number; body?: string } | 'hang';

export interface LoopbackTopic {
  requests: ReceivedRequest[];
  /** Parsed bodies of all requests, flattened: every CloudEvent received, in order. */
  events(): Record<string, unknown>[];
  /** Decides the reply to the n-th request (0-based); defaults to 200. */
  reply(next: (n: number) => Reply): void;
  httpClient: HttpClient;
  close(): Promise<void>;
}

export async function startLoopbackTopic(): Promise<LoopbackTopic> {
  const requests: ReceivedRequest[] = [];
  let decide: (n: number) => Reply = () => ({ status: 200 });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const n = requests.length;
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const reply = decide(n);
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const transport = createDefaultHttpClient();
  const topicOrigin = new URL(TOPIC_ENDPOINT).origin;

  const httpClient: HttpClient = {
    sendRequest: async (request) => {
      const target = new URL(request.url);
      // Only the fake topic is redirected; anything else is a test bug, not a network call.
      if (target.origin !== topicOrigin) throw new Error(`unexpected request to ${target.origin}`);
      // The retry policy re-sends this same request object: rewrite it for this attempt only.
      const { url, allowInsecureConnection } = request;
      request.url = `http://127.0.0.1:${port}${target.pathname}${target.search}`;
      request.allowInsecureConnection = true;
      try {
        return await transport.sendRequest(request);
      } finally {
        request.url = url;
        request.allowInsecureConnection = allowInsecureConnection;
      }
    },
  };

  return {
    requests,
    events: () => requests.flatMap((r) => JSON.parse(r.body) as Record<string, unknown>[]),
    reply: (next) => {
      decide = next;
    },
    httpClient,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A TokenCredential that hands out one recognisable token and remembers the scopes asked for. */
export function fakeCredential(token = `tw-test-token-${Math.random().toString(36).slice(2)}`): TokenCredential & { token: string; scopes: string[] } {
  const scopes: string[] = [];
  return {
    token,
    scopes,
    getToken: async (requested): Promise<AccessToken> => {
      scopes.push(...(Array.isArray(requested) ? requested : [requested]));
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}
