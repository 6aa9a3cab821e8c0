// Which addresses and URLs may receive webhooks (src/domain/webhook-targets.ts).
import { expect } from 'chai';
import { isAllowedAddress, refusalOfTarget, refusalOfUrl } from '../../../src/domain/webhook-targets.js';

const strict = { allowLoopback: false };
const local = { allowLoopback: true };

describe('webhook targets', () => {
  it('allows public unicast addresses only', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:93.184.216.34'])
      expect(isAllowedAddress(address, strict), address).to.equal(true);
    const refused = [
      '127.0.0.1',
      '127.8.8.8',
      '::1',
      '10.0.0.1',
      '172.16.5.4',
      '172.31.255.255',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '224.0.0.251',
      '192.0.2.1',
      '198.18.0.1',
      'fe80::1',
      'fc00::1',
      'fd00:ec2::254',
      '::',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '64:ff9b::a00:1',
      '2002:a00:1::',
      // IPv4-compatible (deprecated, ::/96): ipaddr.js calls these unicast; they are not global.
      '::7f00:1',
      '::a9fe:a9fe',
      '::a00:1',
      'not an address',
    ];
    for (const address of refused) expect(isAllowedAddress(address, strict), address).to.equal(false);
  });

  it('lets loopback through only when allowed, and nothing else private', () => {
    expect(isAllowedAddress('127.0.0.1', local)).to.equal(true);
    expect(isAllowedAddress('::1', local)).to.equal(true);
    expect(isAllowedAddress('::ffff:127.0.0.1', local)).to.equal(true);
    expect(isAllowedAddress('10.0.0.1', local)).to.equal(false);
    expect(isAllowedAddress('169.254.169.254', local)).to.equal(false);
  });

  it('reads URLs as a browser does before judging their host', () => {
    expect(refusalOfUrl('https://hooks.example.com/x', strict)).to.equal(undefined);
    expect(refusalOfUrl('https://93.184.216.34:8443/x', strict)).to.equal(undefined);
    expect(refusalOfUrl('http://hooks.example.com/x', strict)).to.equal('must be an https URL');
    expect(refusalOfUrl('http://hooks.example.com/x', local)).to.equal('must be an https URL');
    expect(refusalOfUrl('gopher://hooks.example.com/', local)).to.equal('must be an https URL');
    expect(refusalOfUrl('https://a:b@hooks.example.com/', strict)).to.equal('must not carry a user name or password');
    expect(refusalOfUrl('no url', strict)).to.equal('must be an absolute URL');
    for (const loopback of ['https://127.1/', 'https://0x7f000001/', 'https://017700000001/', 'https://[::1]/'])
      expect(refusalOfUrl(loopback, strict), loopback).to.match(/non-public/);
    expect(refusalOfUrl('https://localhost/', strict)).to.equal('must not point at this machine');
    expect(refusalOfUrl('https://api.localhost/', strict)).to.equal('must not point at this machine');
    for (const loopback of ['http://127.0.0.1:9000/', 'http://localhost:9000/', 'http://[::1]:9000/'])
      expect(refusalOfUrl(loopback, local), loopback).to.equal(undefined);
  });

  it('judges every address a name resolves to, and lets an unresolvable name through', async () => {
    const resolvingTo = (addresses: string[]) => () => Promise.resolve(addresses);
    expect(await refusalOfTarget('https://a.example/', strict, resolvingTo(['93.184.216.34']))).to.equal(undefined);
    expect(await refusalOfTarget('https://a.example/', strict, resolvingTo(['93.184.216.34', '10.1.1.1']))).to.match(
      /must not resolve to/,
    );
    expect(await refusalOfTarget('https://a.example/', local, resolvingTo(['127.0.0.1']))).to.equal(undefined);
    expect(await refusalOfTarget('https://a.example/', strict, () => Promise.reject(new Error('ENOTFOUND')))).to.equal(
      undefined,
    );
    let asked = false;
    const resolve = () => {
      asked = true;
      return Promise.resolve(['10.0.0.1']);
    };
    expect(await refusalOfTarget('https://93.184.216.34/', strict, resolve)).to.equal(undefined);
    expect(asked, 'an address needs no lookup').to.equal(false);
    expect(await refusalOfTarget('http://hooks.example/', strict, resolve)).to.equal('must be an https URL');
  });

  it('lets a name through without a resolver, and still judges the URL itself', async () => {
    expect(await refusalOfTarget('https://hooks.example/', strict, undefined)).to.equal(undefined);
    expect(await refusalOfTarget('https://10.0.0.1/', strict, undefined)).to.match(/non-public/);
    expect(await refusalOfTarget('http://hooks.example/', strict, undefined)).to.equal('must be an https URL');
  });

  it('asks no resolver about localhost', async () => {
    let asked = false;
    const resolve = () => {
      asked = true;
      return Promise.resolve(['10.0.0.1']);
    };
    expect(await refusalOfTarget('http://localhost:9000/', local, resolve)).to.equal(undefined);
    expect(asked).to.equal(false);
  });
});
