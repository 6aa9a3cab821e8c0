// The LRU every caller-keyed cache is built on: a capacity that must be a positive integer,
// eviction of the least recently used entry, and a read that counts as a use.
import { expect } from 'chai';
import { BoundedCache } from '../../../src/lib/bounded-cache.js';

describe('BoundedCache', () => {
  it('refuses a capacity that is not a positive integer', () => {
    for (const capacity of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new BoundedCache(capacity), String(capacity)).to.throw(RangeError, 'positive integer');
    }
    expect(new BoundedCache(1).capacity).to.equal(1);
  });

  it('holds one entry at capacity 1: a second key evicts the first', () => {
    const cache = new BoundedCache<string, number>(1);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.size).to.equal(1);
    expect(cache.get('a')).to.equal(undefined);
    expect(cache.get('b')).to.equal(2);
  });

  it('evicts the least recently used entry, where a read or a write is a use', () => {
    const cache = new BoundedCache<string, number>(3);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).to.equal(1);
    cache.set('b', 20);
    cache.set('d', 4);
    expect(cache.get('c')).to.equal(undefined);
    expect([cache.get('a'), cache.get('b'), cache.get('d')]).to.deep.equal([1, 20, 4]);
    expect(cache.size).to.equal(3);
  });

  it('creates a missing entry once with getOrCreate and returns the cached one after', () => {
    const cache = new BoundedCache<string, { n: number }>(2);
    let created = 0;
    const make = () => ({ n: ++created });
    const first = cache.getOrCreate('k', make);
    expect(cache.getOrCreate('k', make)).to.equal(first);
    expect(created).to.equal(1);
  });
});
