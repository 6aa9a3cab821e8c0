// The write load: SDK clients that create groups, replace their member lists, delete them and
// read them back, each choosing what to do, with whom and how long to pause from its own
// seeded stream, and writing what they were told into the ledger.
import { GroupsApiError, type GroupsClient } from '../../sdk/src/index.js';
import { adminId, athletes } from './fixture.js';
import { sleep } from './format.js';
import type { Ledger, TrackedGroup } from './ledger.js';
import { sameMembers } from './ledger.js';
import { seededRandom, streams, type SeededRandom } from './seeded-random.js';

export interface LoadOptions {
  client: GroupsClient;
  clients: number;
  thinkMs: number;
  seed: number;
  ledger: Ledger;
}

/** Starts the clients; `stop` lets each finish its current operation and resolves when all have. */
export function startLoad(options: LoadOptions): { stop: () => Promise<void> } {
  let running = true;
  const clients = Array.from({ length: options.clients }, (_, index) =>
    runClient(options, index + 1, seededRandom(options.seed, streams.client(index + 1)), () => running),
  );
  return {
    stop: async () => {
      running = false;
      await Promise.all(clients);
    },
  };
}

const transient = (error: unknown) => !(error instanceof GroupsApiError) || error.status === 503;
/** A create whose Idempotency-Key is still claimed by an attempt that died with the database. */
const keyInUse = (error: unknown) => error instanceof GroupsApiError && error.code === 'idempotency_key_in_use';
const describeError = (error: unknown) =>
  error instanceof GroupsApiError ? `${error.status} ${error.code}` : (error as Error).message;

/** Up to `max` athletes, each as likely as the others. */
const someAthletes = (random: SeededRandom, max: number) =>
  athletes.filter(() => random.next() < max / athletes.length).slice(0, max);

async function runClient(
  { client, thinkMs, ledger }: LoadOptions,
  worker: number,
  random: SeededRandom,
  running: () => boolean,
): Promise<void> {
  const { counts } = ledger;
  /** Runs an idempotent write until it is acknowledged (the SDK already retried it a few times). */
  const untilAcknowledged = async <T>(
    what: string,
    write: () => Promise<T>,
    alsoDone?: (error: unknown) => boolean,
  ) => {
    const deadline = Date.now() + 60_000;
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await write();
        if (attempt > 0) counts.retriedByClient++;
        return result;
      } catch (error) {
        if (attempt > 0 && alsoDone?.(error)) return undefined;
        if (!transient(error) || Date.now() > deadline)
          throw new Error(`${what}: ${describeError(error)}`, { cause: error });
        await sleep(500);
      }
    }
  };

  const mine: TrackedGroup[] = [];
  let serial = 0;
  while (running()) {
    const live = mine.filter((group) => !group.deleted);
    const roll = random.next();
    try {
      if (live.length < 3 || roll < 0.25) {
        const name = `chaos w${worker} n${++serial}`;
        const members = someAthletes(random, 4);
        counts.creates++;
        try {
          const { group_id } = await client.createGroup({ name, user_id: adminId, members, privacy: 'private' });
          const group = { id: group_id, name, members, deleted: false };
          mine.push(group);
          ledger.groups.push(group);
          counts.acknowledged++;
        } catch (error) {
          if (!transient(error) && !keyInUse(error)) throw error;
          if (keyInUse(error)) counts.keyInUse++;
          const status = error instanceof GroupsApiError ? error.status : 0;
          ledger.unacknowledgedCreates.push({ name, members, status });
        }
      } else if (roll < 0.6) {
        const group = random.pick(live);
        const members = someAthletes(random, 6);
        counts.updates++;
        await untilAcknowledged(`PUT ${group.id}`, () => client.updateGroup(group.id, { members }));
        group.members = members;
        counts.acknowledged++;
      } else if (roll < 0.7) {
        const group = random.pick(live);
        counts.deletes++;
        // A 404 after a failed attempt: that attempt deleted it.
        await untilAcknowledged(
          `DELETE ${group.id}`,
          () => client.deleteGroup(group.id),
          (error) => error instanceof GroupsApiError && error.status === 404,
        );
        group.deleted = true;
        counts.acknowledged++;
      } else {
        const group = random.pick(live);
        counts.reads++;
        const read = await untilAcknowledged(`GET ${group.id}`, () => client.getGroup(group.id));
        if (read && !sameMembers(read.members, group.members)) counts.staleReads++;
      }
    } catch (error) {
      ledger.unexpected.push(`client ${worker}: ${(error as Error).message}`);
    }
    await sleep(thinkMs * (0.5 + random.next()));
  }
}
