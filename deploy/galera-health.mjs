// Health check of one Galera node for HAProxy, run beside the node (the role of Percona's
// `clustercheck`): GET / answers 200 when the node is Synced, in the primary component and
// ready for queries, and 503 otherwise. A node that is joining, donating a copy (rsync SST
// blocks the donor) or cut off from the majority still accepts MySQL connections, so a plain
// TCP or `mysql-check` would send traffic to it.
//
//   GALERA_HEALTH_PORT=9200 GALERA_MYSQL_URL=mysql://monitor:secret@127.0.0.1:3306 node deploy/galera-health.mjs
import { createServer } from 'node:http';
import mysql from 'mysql2/promise';

const port = Number(process.env.GALERA_HEALTH_PORT ?? 9200);
const target = new URL(process.env.GALERA_MYSQL_URL ?? 'mysql://monitor@127.0.0.1:3306');

let connection;

async function nodeStatus() {
  connection ??= await mysql.createConnection({
    host: target.hostname,
    port: Number(target.port || 3306),
    user: decodeURIComponent(target.username),
    password: decodeURIComponent(target.password),
    connectTimeout: 1000,
  });
  try {
    const [rows] = await connection.query(
      "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_state', 'wsrep_local_state_comment', 'wsrep_ready', 'wsrep_cluster_status', 'wsrep_cluster_size')",
    );
    return Object.fromEntries(rows.map((row) => [row.Variable_name, row.Value]));
  } catch (error) {
    connection.destroy();
    connection = undefined;
    throw error;
  }
}

createServer((_req, res) => {
  const answer = (status, body) => {
    res.writeHead(status, { 'Content-Type': 'application/json', Connection: 'close' });
    res.end(JSON.stringify(body));
  };
  nodeStatus().then(
    (status) => {
      // wsrep_local_state 4 is Synced.
      const synced =
        status.wsrep_local_state === '4' && status.wsrep_ready === 'ON' && status.wsrep_cluster_status === 'Primary';
      answer(synced ? 200 : 503, status);
    },
    (error) => {
      connection = undefined;
      answer(503, { error: error.code ?? error.message });
    },
  );
}).listen(port, '127.0.0.1');
