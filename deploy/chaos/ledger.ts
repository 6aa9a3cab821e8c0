// What the load's clients were told happened: the ledger the database is checked against.

export interface TrackedGroup {
  id: string;
  name: string;
  /** The member list of the last acknowledged write. */
  members: string[];
  deleted: boolean;
}

/** A create that got no 200: it may or may not have been committed. */
export interface UnacknowledgedCreate {
  name: string;
  members: string[];
  status: number;
}

export interface Ledger {
  groups: TrackedGroup[];
  unacknowledgedCreates: UnacknowledgedCreate[];
  counts: {
    creates: number;
    updates: number;
    deletes: number;
    acknowledged: number;
    reads: number;
    staleReads: number;
    /** Creates that ended with 409 idempotency_key_in_use after the SDK's retries. */
    keyInUse: number;
    /** Writes that needed more than the SDK's own retries. */
    retriedByClient: number;
  };
  /** Operations that failed for good or answered unexpectedly. */
  unexpected: string[];
}

export function newLedger(): Ledger {
  return {
    groups: [],
    unacknowledgedCreates: [],
    counts: {
      creates: 0,
      updates: 0,
      deletes: 0,
      acknowledged: 0,
      reads: 0,
      staleReads: 0,
      keyInUse: 0,
      retriedByClient: 0,
    },
    unexpected: [],
  };
}

export const sameMembers = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((id, index) => id === [...b].sort()[index]);
