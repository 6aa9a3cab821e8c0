// A plain HTTP client over node:http against the app listening on a local port: it sends
// exactly the bytes it is given (raw paths, duplicate keys, corrupt gzip), which a
// convenience client would normalize away.
import { Agent, createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  durationMs: number;
}

export interface Client {
  send(raw: RawRequest): Promise<RawResponse>;
  close(): Promise<void>;
}

/** Serves the app on a free local port; `configure` wires the server as production does. */
export async function listen(app: Express, configure: (server: Server) => void = () => undefined): Promise<Client> {
  const server: Server = createServer(app);
  configure(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  return {
    send(raw) {
      const started = performance.now();
      return new Promise((resolve, reject) => {
        const outgoing = request(
          { host: '127.0.0.1', port, method: raw.method, path: raw.path, headers: raw.headers, agent },
          (incoming) => {
            const chunks: Buffer[] = [];
            incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
            incoming.on('end', () =>
              resolve({
                status: incoming.statusCode ?? 0,
                headers: incoming.headers,
                text: Buffer.concat(chunks).toString('utf8'),
                durationMs: performance.now() - started,
              }),
            );
            incoming.on('error', reject);
          },
        );
        outgoing.on('error', reject);
        outgoing.end(raw.body);
      });
    },
    async close() {
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
