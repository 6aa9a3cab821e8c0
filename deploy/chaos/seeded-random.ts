// The chaos run's only source of chance. One 32-bit seed, several independent streams: the
// fault schedule draws from its own, each client of the load from its own, so that a run with
// more clients (or a client that drew more often) keeps the schedule of a run with fewer.
import { randomInt } from 'node:crypto';

export interface SeededRandom {
  /** A number in [0, 1). */
  next(): number;
  pick<T>(items: readonly T[]): T;
}

/** Which stream each part of the chaos run draws from. */
export const streams = {
  schedule: 0,
  client: (worker: number) => 1000 + worker,
};

/**
 * sfc32, Chris Doty-Humphrey's Small Fast Counting generator (PractRand): 128 bits of state,
 * so the stream number fits in the state beside the seed; the first outputs are thrown away,
 * as PractRand's own seeding does, to mix the two.
 */
function sfc32(seed: number, stream: number): () => number {
  let a = stream >>> 0;
  let b = seed >>> 0;
  let c = 0;
  let counter = 1;
  const next = () => {
    const t = (((a + b) | 0) + counter) | 0;
    counter = (counter + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let round = 0; round < 15; round++) next();
  return next;
}

export function seededRandom(seed: number, stream: number): SeededRandom {
  const next = sfc32(seed, stream);
  return {
    next,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from nothing');
      return items[Math.floor(next() * items.length)]!;
    },
  };
}

const largestSeed = 2 ** 32 - 1;

/** CHAOS_SEED as given, or a fresh seed when it is unset: a whole number from 0 to 2^32 - 1. */
export function chaosSeed(text: string | undefined): number {
  if (text === undefined || text === '') return randomInt(largestSeed + 1);
  const seed = Number(text);
  if (!/^\d+$/.test(text.trim()) || seed > largestSeed)
    throw new Error(`CHAOS_SEED must be a whole number from 0 to ${largestSeed}, not "${text}"`);
  return seed;
}
