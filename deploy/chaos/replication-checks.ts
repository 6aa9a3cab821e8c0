// What Galera asks of the schema and of the service, read from the nodes themselves: a primary
// key on every table, certification conflicts retried, and the same tables on every node.
import knexFactory, { type Knex } from 'knex';
import mysql from 'mysql2/promise';
import { inTransaction } from '../../src/data/transaction.js';
import { databaseName, type Topology } from '../cluster.js';
import { orgId } from './fixture.js';
import { sleep } from './format.js';

/** Two nodes write the same row at once: Galera certifies one and aborts the other as a deadlock. */
export async function certificationProbe(topology: Topology): Promise<{ pairs: number; conflicts: number }> {
  const direct = (port: number) =>
    knexFactory({ client: 'mysql2', connection: topology.connection(port), pool: { min: 0, max: 2 } });
  const nodes = [direct(topology.nodes[0]!.ports.mysql), direct(topology.nodes[1]!.ports.mysql)];
  let conflicts = 0;
  const counting = (db: Knex) =>
    ({
      transaction: (work: (trx: Knex.Transaction) => Promise<unknown>) =>
        db.transaction(work).catch((error: { errno?: number }) => {
          if (error.errno === 1213) conflicts++;
          throw error;
        }),
    }) as unknown as Knex;
  const pairs = 10;
  try {
    for (let pair = 0; pair < pairs; pair++) {
      await Promise.all(
        nodes.map((db, index) =>
          inTransaction(counting(db), async (trx) => {
            await trx('organizations')
              .where({ id: orgId })
              .update({ name: `Chaos club ${pair}.${index}` });
            await sleep(30);
          }),
        ),
      );
    }
  } finally {
    await Promise.all(nodes.map((db) => db.destroy()));
  }
  return { pairs, conflicts };
}

/** Tables of the service's schema (Knex's migration tables included) that lack a primary key. */
export async function tablesWithoutPrimaryKey(topology: Topology): Promise<string[]> {
  const connection = await mysql.createConnection({ socketPath: topology.nodes[0]!.socket, user: 'root' });
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>(
      `SELECT t.table_name AS name FROM information_schema.tables t
       LEFT JOIN information_schema.table_constraints c
         ON c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY'
       WHERE t.table_schema = ? AND t.table_type = 'BASE TABLE' AND c.constraint_name IS NULL`,
      [databaseName],
    );
    return rows.map((row) => row.name as string);
  } finally {
    await connection.end();
  }
}

/** Each node's CHECKSUM TABLE of the service's tables, one line per node. */
export async function tableChecksums(topology: Topology): Promise<string[]> {
  return Promise.all(
    topology.nodes.map(async (node) => {
      const connection = await mysql.createConnection({ socketPath: node.socket, user: 'root' });
      try {
        const [rows] = await connection.query<mysql.RowDataPacket[]>(
          `CHECKSUM TABLE ${['organizations', 'users', 'groups', 'group_members', 'audit_events'].map((table) => `${databaseName}.${table}`).join(', ')}`,
        );
        return rows.map((row) => `${row.Table as string}=${row.Checksum as string}`).join(' ');
      } finally {
        await connection.end();
      }
    }),
  );
}
