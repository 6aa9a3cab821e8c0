// What holds the service's memory at the end of a run: a V8 heap snapshot, written by the
// service itself on SIGUSR2 (node --heapsnapshot-signal), summarized by what its objects are.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface HeapSummary {
  /** Bytes of every object in the snapshot (the V8 heap in use, not the RSS). */
  totalMb: number;
  objects: number;
  /** The largest holders by their objects' own sizes: a constructor, or a kind of V8 object. */
  top: { holder: string; mb: number; count: number }[];
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

/** Asks the process for a snapshot and waits until the file is whole (its size stops changing). */
export async function takeHeapSnapshot(pid: number, dir: string, timeoutMs = 60_000): Promise<string> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + timeoutMs;
  let lastSize = -1;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const file = readdirSync(dir).find((name) => name.endsWith('.heapsnapshot') && !before.has(name));
    if (!file) continue;
    const size = statSync(join(dir, file)).size;
    if (size > 0 && size === lastSize) return join(dir, file);
    lastSize = size;
  }
  throw new Error(`no heap snapshot from process ${pid} in ${dir} within ${timeoutMs} ms`);
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export function summarizeHeapSnapshot(file: string, topCount = 8): HeapSummary {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field)) as [
    number,
    number,
    number,
  ];
  const holders = new Map<string, { bytes: number; count: number }>();
  let total = 0;
  let objects = 0;
  for (let node = 0; node < snapshot.nodes.length; node += fields.length) {
    const type = types[snapshot.nodes[node + typeAt]!]!;
    const size = snapshot.nodes[node + sizeAt]!;
    total += size;
    objects += 1;
    // Objects by constructor; strings, code, arrays and the rest by their kind.
    const holder = type === 'object' ? snapshot.strings[snapshot.nodes[node + nameAt]!]! : `(${type})`;
    const entry = holders.get(holder) ?? { bytes: 0, count: 0 };
    entry.bytes += size;
    entry.count += 1;
    holders.set(holder, entry);
  }
  const top = [...holders]
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .slice(0, topCount)
    .map(([holder, { bytes, count }]) => ({ holder, mb: mb(bytes), count }));
  return { totalMb: mb(total), objects, top };
}
