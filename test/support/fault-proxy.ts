// A TCP proxy the tests own, between a connection pool and its server (MySQL, Redis), that
// can pass traffic, refuse new connections, reset open ones, stall everything (bytes are held,
// in order, and delivered on resume) and resume. It listens on 127.0.0.1, port 0.
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

interface Pair {
  client: Socket;
  upstream: Socket;
}

export class FaultProxy {
  private server: Server;
  private pairs = new Set<Pair>();
  private held: { to: Socket; chunk: Buffer }[] = [];
  private mode: 'pass' | 'refuse' | 'stall' = 'pass';
  /** Connections accepted so far (refused ones included). */
  accepted = 0;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.server = createServer((client) => this.accept(client));
  }

  static async start(target: { host: string; port: number }): Promise<FaultProxy> {
    const proxy = new FaultProxy(target.host, target.port);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** `url` with its host and port replaced by the proxy's. */
  urlFor(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  /** New connections are reset at once; open ones keep working. */
  refuse(): void {
    this.mode = 'refuse';
  }

  /** Resets every open connection (both sides see ECONNRESET / a lost connection). */
  resetAll(): void {
    for (const { client, upstream } of this.pairs) {
      client.resetAndDestroy();
      upstream.resetAndDestroy();
    }
    this.pairs.clear();
    this.held = [];
  }

  /** Holds every byte in both directions, on open and new connections, until resume(). */
  stall(): void {
    this.mode = 'stall';
  }

  /** Passes traffic again, delivering what was held in the order it came. */
  resume(): void {
    this.mode = 'pass';
    const held = this.held;
    this.held = [];
    for (const { to, chunk } of held) if (!to.destroyed) to.write(chunk);
  }

  async close(): Promise<void> {
    this.resetAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    this.accepted += 1;
    if (this.mode === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(this.targetPort, this.targetHost);
    const pair = { client, upstream };
    this.pairs.add(pair);
    const forward = (from: Socket, to: Socket) => {
      from.on('data', (chunk: Buffer) => {
        if (this.mode === 'stall') this.held.push({ to, chunk });
        else if (!to.destroyed) to.write(chunk);
      });
    };
    forward(client, upstream);
    forward(upstream, client);
    const end = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  }
}
