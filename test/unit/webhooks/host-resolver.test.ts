// Resolving webhook hosts with c-ares (src/webhooks/host-resolver.ts) against a name server the
// test owns: both families, why a name failed, a bound on a server that never answers, one
// query pair however many ask at once, answers kept for their TTL, and, the point of it all, a
// zone that never answers leaves libuv's thread pool (dns.lookup, file reads) free.
import { lookup } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { createHostResolver, resolveHostWith, type HostResolver } from '../../../src/webhooks/host-resolver.js';
import { startDnsServer, type DnsServer } from '../../support/dns-server.js';

const TIMEOUT_MS = 300;

async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

describe('webhook host resolver', () => {
  let server: DnsServer;
  let resolver: HostResolver;
  const queriesFor = (name: string) => server.queries.filter((query) => query.startsWith(`${name}/`)).sort();

  before(async () => {
    server = await startDnsServer({
      answers: {
        'hooks.test': { a: ['93.184.216.34', '93.184.216.35'], aaaa: ['2606:2800:220:1::1946'], ttl: 30 },
        'v4only.test': { a: ['93.184.216.36'] },
        'v6only.test': { aaaa: ['2606:2800:220:1::7'] },
        'noaddress.test': {},
        'shared.test': { a: ['93.184.216.37'] },
        'brief.test': { a: ['93.184.216.38'], ttl: 1 },
        'uncached.test': { a: ['93.184.216.39'], ttl: 0 },
      },
      blackHoleSuffixes: ['blackhole.test'],
    });
  });

  after(() => server.close());

  beforeEach(() => {
    resolver = createHostResolver({ servers: [`127.0.0.1:${server.port}`], timeoutMs: TIMEOUT_MS });
  });

  it('returns the A and the AAAA records, IPv4 first', async () => {
    expect(await resolver('hooks.test')).to.deep.equal([
      { address: '93.184.216.34', family: 4 },
      { address: '93.184.216.35', family: 4 },
      { address: '2606:2800:220:1::1946', family: 6 },
    ]);
    expect(queriesFor('hooks.test')).to.deep.equal(['hooks.test/A', 'hooks.test/AAAA']);
  });

  it('takes one family when the other has no records', async () => {
    expect(await resolver('v4only.test')).to.deep.equal([{ address: '93.184.216.36', family: 4 }]);
    expect(await resolver('v6only.test')).to.deep.equal([{ address: '2606:2800:220:1::7', family: 6 }]);
  });

  it('says ENOTFOUND for a name that does not exist, ENODATA for one without addresses', async () => {
    const missing = await rejection(resolver('missing.test'));
    expect(missing.code).to.equal('ENOTFOUND');
    expect(missing.message).to.contain('missing.test');
    expect((await rejection(resolver('noaddress.test'))).code).to.equal('ENODATA');
  });

  it('gives up on a server that never answers with ETIMEOUT, within its bound', async () => {
    const started = performance.now();
    const error = await rejection(resolver('a.blackhole.test'));
    const tookMs = performance.now() - started;
    expect(error.code).to.equal('ETIMEOUT');
    expect(tookMs).to.be.at.least(TIMEOUT_MS - 10);
    expect(tookMs, 'two tries and a margin, generously').to.be.below(TIMEOUT_MS * 2 + 2000);
    expect(queriesFor('a.blackhole.test')).to.have.length.of.at.least(2);
  });

  it('holds to its own bound when c-ares would wait longer', async () => {
    // Two servers that never answer: c-ares tries each in turn, over 2 s here; the bound is
    // two timeouts and a margin (850 ms).
    const second = await startDnsServer({ answers: {}, blackHoleSuffixes: ['blackhole.test'] });
    try {
      const servers = [`127.0.0.1:${server.port}`, `127.0.0.1:${second.port}`];
      const bounded = createHostResolver({ servers, timeoutMs: TIMEOUT_MS });
      const started = performance.now();
      expect((await rejection(bounded('b.blackhole.test'))).code).to.equal('ETIMEOUT');
      expect(performance.now() - started).to.be.below(1800);
    } finally {
      await second.close();
    }
  });

  it('makes one query pair for 50 resolutions of one name at once', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, () => resolver('shared.test')));
    for (const answer of answers) expect(answer).to.deep.equal([{ address: '93.184.216.37', family: 4 }]);
    expect(queriesFor('shared.test')).to.deep.equal(['shared.test/A', 'shared.test/AAAA']);
  });

  it('answers from its cache within the TTL, and asks again after it', async () => {
    await resolver('brief.test');
    const asked = queriesFor('brief.test').length;
    expect(await resolver('BRIEF.test.')).to.deep.equal([{ address: '93.184.216.38', family: 4 }]);
    expect(queriesFor('brief.test'), 'within the TTL').to.have.length(asked);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await resolver('brief.test');
    expect(queriesFor('brief.test'), 'after the TTL').to.have.length(asked + 2);
  });

  it('keeps no answer with a TTL of 0, and no failure', async () => {
    await resolver('uncached.test');
    await resolver('uncached.test');
    expect(queriesFor('uncached.test')).to.have.length(4);
    await rejection(resolver('gone.test'));
    await rejection(resolver('gone.test'));
    expect(queriesFor('gone.test')).to.have.length(4);
  });

  it('answers localhost itself, and returns an address as it is', async () => {
    const before = server.queries.length;
    const loopback = [
      { address: '127.0.0.1', family: 4 },
      { address: '::1', family: 6 },
    ];
    expect(await resolver('localhost')).to.deep.equal(loopback);
    expect(await resolver('hooks.localhost')).to.deep.equal(loopback);
    expect(await resolver('93.184.216.34')).to.deep.equal([{ address: '93.184.216.34', family: 4 }]);
    expect(await resolver('[2606:2800:220:1::1946]')).to.deep.equal([{ address: '2606:2800:220:1::1946', family: 6 }]);
    expect(server.queries.length, 'no query').to.equal(before);
  });

  it('hands out answers that a caller cannot change for the next one', async () => {
    const first = await resolver('hooks.test');
    expect(() => first.push({ address: '10.0.0.1', family: 4 })).to.throw(TypeError);
    expect(await resolver('hooks.test')).to.have.length(3);
  });

  it('gives the registration check the addresses alone', async () => {
    expect(await resolveHostWith(resolver)('hooks.test')).to.deep.equal([
      '93.184.216.34',
      '93.184.216.35',
      '2606:2800:220:1::1946',
    ]);
  });

  it('leaves the thread pool free while 20 names never answer', async () => {
    const pending = Array.from({ length: 20 }, (_, index) => rejection(resolver(`n${index}.blackhole.test`)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await Promise.all([lookup('localhost'), readFile(fileURLToPath(import.meta.url))]);
    expect(performance.now() - started, 'dns.lookup and a file read').to.be.below(1000);
    for (const error of await Promise.all(pending)) expect(error.code).to.equal('ETIMEOUT');
  });
});
