// npm run cluster:up: the reference deployment, running until Ctrl-C, for a person to look at
// (HAProxy's stats page, the nodes' status, the API). Same topology as the cluster test, no load.
import { missingPackages, serviceCommands, Topology } from './cluster.js';

const missing = missingPackages();
if (missing.length > 0) {
  console.error(`Needs the Debian packages: ${missing.join(' ')} (apt-get install -y ${missing.join(' ')})`);
  process.exit(1);
}

const topology = await Topology.create();
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await topology.destroy();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

try {
  await topology.startGalera();
  topology.startHaproxy();
  console.log(topology.runServiceCommand(serviceCommands.migrate));
  await topology.startApis();
  const lines = [
    `Folder (configs, data, logs): ${topology.dir}`,
    `API through HAProxy:  ${topology.apiUrl}/readyz`,
    `Database through HAProxy: ${topology.databaseUrl} (the writer; any Synced node on port ${topology.ports.dbRead})`,
    `HAProxy stats: http://127.0.0.1:${topology.ports.stats}/stats`,
    ...topology.nodes.map(
      (node) =>
        `${node.name}: mariadb -S ${node.socket}   health http://127.0.0.1:${node.ports.health}/   log ${node.errorLog}`,
    ),
    'Ctrl-C stops everything and removes the folder (CLUSTER_KEEP=1 keeps it).',
  ];
  console.log(lines.join('\n'));
} catch (error) {
  console.error((error as Error).message);
  await stop();
}
