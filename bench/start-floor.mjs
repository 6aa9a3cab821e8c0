// The start floor: the least a service of this stack does before it is ready, to set the
// service's start against (issue 31: exec → first /readyz 200 within 2.5 × this one's, measured
// in the same run). Express, a mysql2 pool and a /readyz that runs `select 1`; plain JavaScript,
// so that nothing compiles it on start. Usage: node bench/start-floor.mjs, with PORT, HOST, DATABASE_URL.
import express from 'express';
import mysql from 'mysql2/promise';

const pool = mysql.createPool({ uri: process.env.DATABASE_URL, connectionLimit: 10 });
const app = express();
app.get('/readyz', async (_req, res) => {
  await pool.query('select 1');
  res.json({ status: 'ready' });
});
const server = app.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
