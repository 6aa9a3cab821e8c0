// Before any load: the cluster up, the schema and the chaos organization in it, and what
// Galera and HAProxy must already do right with nobody writing.
import { serviceCommands, type Topology } from '../cluster.js';
import type { Checks } from './checks.js';
import { writeDataset } from './fixture.js';
import { seconds } from './format.js';
import { certificationProbe, tablesWithoutPrimaryKey } from './replication-checks.js';

/** Three Galera nodes, HAProxy in front, the schema migrated and the chaos organization loaded. */
export async function setUpDatabase(topology: Topology, startedAt: number): Promise<void> {
  await topology.startGalera();
  console.log(`  Galera: 3 nodes Synced after ${seconds(Date.now() - startedAt)}`);
  topology.startHaproxy();
  await topology.waitForHaproxy('galera/db1', 'UP', 30_000);
  console.log(`  ${topology.runServiceCommand(serviceCommands.migrate)}`);
  console.log(`  ${topology.runServiceCommand(serviceCommands.load, writeDataset(topology.dir))}`);
}

/** What Galera needs of the schema and of the service before any load: keys, retried conflicts. */
export async function checkReplicationReadiness(topology: Topology, checks: Checks): Promise<void> {
  const withoutKey = await tablesWithoutPrimaryKey(topology);
  checks.check(
    withoutKey.length === 0,
    `every table has a primary key (Galera replicates rows by key); without one: ${withoutKey.join(', ') || 'none'}`,
  );
  const probe = await certificationProbe(topology);
  checks.check(
    probe.conflicts > 0,
    `certification conflicts between two writer nodes surface as deadlocks and are retried: ${probe.conflicts} met in ${probe.pairs} concurrent pairs, all committed`,
  );
}

/** No API process is up yet: HAProxy answers by itself, and must say when to retry. */
export async function checkHaproxyWithoutApis(topology: Topology, checks: Checks): Promise<void> {
  const refused = await fetch(`${topology.apiUrl}/api/v1/groups`);
  checks.check(
    refused.status === 503 && refused.headers.get('retry-after') === '1',
    `HAProxy with no API process up answers ${refused.status} with Retry-After: ${refused.headers.get('retry-after')}`,
  );
  await refused.body?.cancel();
}
