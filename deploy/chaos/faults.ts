// Carries out a fault schedule on the topology while the load runs: SIGKILLs and restarts, each
// followed by the wait for HAProxy (and Galera) to see it, which the schedule does not count.
import type { Topology } from '../cluster.js';
import { seconds, sleep } from './format.js';
import type { FaultStep, Schedule, Target } from './schedule.js';
import type { Timeline } from './timeline.js';

/** How the writer came back after a restart. */
export interface Rejoin {
  ms: number;
  transfer: string;
  size: number;
  state: string;
}

/** Runs every step and the load after the last; returns how the writer rejoined each time. */
export async function runSchedule(topology: Topology, schedule: Schedule, timeline: Timeline): Promise<Rejoin[]> {
  const rejoins: Rejoin[] = [];
  let writerKills = 0;
  for (const step of schedule.steps) {
    await sleep(step.afterMs);
    const { target } = step;
    if (target.tier === 'writer' && step.action === 'kill') {
      writerKills++;
      timeline.open(step, `SIGKILL ${target.node} (the writer)${writerKills > 1 ? `, kill ${writerKills}` : ''}`);
      await killWriter(topology, target.node);
    } else if (target.tier === 'writer') {
      rejoins.push(await restartWriter(topology, target.node, step, timeline));
    } else if (step.action === 'kill') {
      timeline.open(step, `SIGKILL ${target.api} and ${target.dispatcher}`);
      await killApi(topology, target);
    } else {
      timeline.open(step, `${target.api} and ${target.dispatcher} restarted`);
      await restartApi(topology, target);
    }
  }
  await sleep(schedule.tailMs);
  return rejoins;
}

const named = <T extends { name: string }>(processes: readonly T[], name: string): T => {
  const found = processes.find((process) => process.name === name);
  if (!found) throw new Error(`the topology has no ${name}`);
  return found;
};

async function killWriter(topology: Topology, node: string): Promise<void> {
  named(topology.nodes, node).kill();
  await topology.waitForHaproxy(`galera/${node}`, 'DOWN', 30_000);
}

async function restartWriter(topology: Topology, name: string, step: FaultStep, timeline: Timeline): Promise<Rejoin> {
  const node = named(topology.nodes, name);
  timeline.open(step, `${name} restarted`);
  const restartedAt = Date.now();
  node.start();
  const status = await node.waitSynced(3, 180_000);
  const rejoin = {
    ms: Date.now() - restartedAt,
    transfer: node.lastStateTransfer(),
    size: status.clusterSize,
    state: status.state,
  };
  // HAProxy sees it healthy within about 3 s and moves every session back to it.
  timeline.open(
    step,
    `${name} Synced again after ${seconds(rejoin.ms)} by ${rejoin.transfer}; HAProxy fails back to it`,
    true,
  );
  await topology.waitForHaproxy(`galera/${name}`, 'UP', 30_000);
  return rejoin;
}

type ApiTarget = Extract<Target, { tier: 'api' }>;

async function killApi(topology: Topology, target: ApiTarget): Promise<void> {
  await Promise.all([named(topology.apis, target.api).kill(), named(topology.dispatchers, target.dispatcher).kill()]);
}

async function restartApi(topology: Topology, target: ApiTarget): Promise<void> {
  const api = named(topology.apis, target.api);
  named(topology.dispatchers, target.dispatcher).start();
  api.start();
  await api.waitReady(90_000);
  await topology.waitForHaproxy(`api/${target.api}`, 'UP', 30_000);
}
