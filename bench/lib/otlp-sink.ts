// A collector that accepts OTLP/HTTP span exports and keeps nothing: the tracing-on service of
// the benchmark exports to it, so the row measures producing and sending spans, not a collector.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function otlpSink(): Promise<{ url: string; batches: () => number; close: () => Promise<void> }> {
  let batches = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/v1/traces') batches += 1;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    batches: () => batches,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
