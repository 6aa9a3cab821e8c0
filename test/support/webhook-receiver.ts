// A real HTTP receiver of webhooks for the tests, the cluster test and the benchmark: records
// every request (headers and raw body, when it arrived) and answers as told, one answer per
// request in turn (then the last one again).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Answer only after this long (a receiver that times out). */
  delayMs?: number;
  /** Never answer until `release()` (a receiver that hangs while a dispatcher dies). */
  hold?: boolean;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** The answers to give, in order; the last one is repeated. */
  replies: Reply[];
  /** How many requests are being answered right now, by webhook-id: never above 1 for one id. */
  mostConcurrentPerId: number;
  /** Answers every held request with 200. */
  release(): void;
  close(): Promise<void>;
}

export async function startReceiver(replies: Reply[] = [{ status: 204 }]): Promise<Receiver> {
  const open = new Map<string, number>();
  const held: (() => void)[] = [];
  let answered = 0;
  const receiver: Receiver = {
    url: '',
    received: [],
    replies,
    mostConcurrentPerId: 0,
    release() {
      for (const answer of held.splice(0)) answer();
    },
    close: () =>
      new Promise<void>((resolve) => {
        receiver.release();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      open.set(id, (open.get(id) ?? 0) + 1);
      receiver.mostConcurrentPerId = Math.max(receiver.mostConcurrentPerId, open.get(id)!);
      receiver.received.push({
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      const reply = receiver.replies[Math.min(answered++, receiver.replies.length - 1)]!;
      const answer = (status = reply.status) => {
        open.set(id, open.get(id)! - 1);
        if (!res.writableEnded) res.writeHead(status, reply.headers).end(reply.body ?? '');
      };
      if (reply.hold) held.push(() => answer(200));
      else if (reply.delayMs) setTimeout(answer, reply.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}
