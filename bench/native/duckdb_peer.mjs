// DuckDB peer for bench/native/run.sh: loads an AWS CUR CSV into a table of an on-disk database with
// 2 threads, the cost column as DECIMAL(38,10) (exact, like finguard), and prints one JSON line with
// the seconds and the exact USD total.
//
//   node duckdb_peer.mjs FILE DB_PATH
import {DuckDBInstance} from '@duckdb/node-api';

const [file, dbPath] = process.argv.slice(2);
const instance = await DuckDBInstance.create(dbPath, {threads: '2'});
const conn = await instance.connect();
const t0 = performance.now();
await conn.run(`CREATE TABLE cur AS SELECT * FROM read_csv('${file}', header=true,
                types={'lineItem/UnblendedCost': 'DECIMAL(38,10)'})`);
const seconds = (performance.now() - t0) / 1000;
const rows =
    (await conn.runAndReadAll(`SELECT count(*), CAST(sum("lineItem/UnblendedCost") AS VARCHAR) FROM cur`)).getRows()[0];
console.log(JSON.stringify({seconds, rows: Number(rows[0]), total: rows[1]}));
