// Writes the Parquet files finguard's reader tests read back, with real writers, into OUT_DIR:
//
//   node write_files.mjs OUT_DIR [SOURCE_DIR]
//
//   rows.jsonl             the rows every writer is given: each value as the exact text it stands for
//                          (decimals, shortest floats, ISO timestamps), null for SQL NULL
//   duckdb-<codec>-<v1|v2>[-nodict].parquet
//                          DuckDB COPY ... (FORMAT PARQUET) of those rows for every codec, DataPage V1 and
//                          V2 (PARQUET_VERSION V2 brings DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY,
//                          BYTE_STREAM_SPLIT), with dictionaries and without (DICTIONARY_SIZE_LIMIT 1)
//   hyparquet-<codec>.parquet
//                          hyparquet-writer with explicit encodings DuckDB never picks (DELTA_BYTE_ARRAY,
//                          RLE booleans, legacy TIMESTAMP_MILLIS / DECIMAL converted types)
//   parquet-testing/<file>.duckdb.json
//                          for the committed apache/parquet-testing files (SOURCE_DIR/tests/data/parquet/
//                          parquet-testing): DuckDB's own reading of them, as text, an independent
//                          expectation (INT96 from Spark and Impala lives there)
//   manifest.json          what was written
//
// Deterministic: the same rows every run (a fixed LCG), so a failure reproduces.
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetWriteFile } from 'hyparquet-writer';
import fs from 'node:fs';
import path from 'node:path';

const out = process.argv[2];
const sourceDir = process.argv[3] ?? path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
if (!out) {
  console.error('usage: node write_files.mjs OUT_DIR [SOURCE_DIR]');
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });
const ROWS = 6000;

let seed = 42;
const rnd = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return Math.floor((seed / 2147483648) * n); // the high bits: an LCG's low bits cycle fast
};
const digits = (n) => Array.from({ length: n }, () => rnd(10)).join('');
const pick = (a) => a[rnd(a.length)];

// The shortest decimal text that reads back as the same 32-bit float.
function shortestFloat(f) {
  for (let p = 1; p <= 9; ++p) {
    const s = Number(f.toPrecision(p));
    if (Math.fround(s) === f) return String(s);
  }
  return String(f);
}

const services = ['Amazon Elastic Compute Cloud', 'Amazon Simple Storage Service', 'Élastic Façade', '数据仓库', 'AWS Lambda'];
const doubles = ['0.1', '0.2', '1e-7', '123.456', '2.5e10', '-0.3', '0', '3.141592653589793', '1.7976931348623157e+20', '5e-324'];
const rows = [];
for (let i = 0; i < ROWS; ++i) {
  const neg = rnd(4) === 0 ? '-' : '';
  const dayMicros = BigInt(Date.UTC(2024, 0, 1)) * 1000n + BigInt(i) * 3600n * 1000000n + BigInt(rnd(1000000));
  const iso = (us) => {
    const ms = Number(us / 1000n);
    const frac = String(us % 1000000n).padStart(6, '0');
    return new Date(ms).toISOString().slice(0, 19) + '.' + frac;
  };
  const nanos = dayMicros * 1000n + BigInt(rnd(1000));
  const tags = rnd(5) === 0 ? null : Array.from({ length: rnd(4) }, (_, k) => ({ key: `user:k${k}`, value: rnd(6) === 0 ? null : `v${rnd(50)}é` }));
  const credits = rnd(6) === 0 ? null : Array.from({ length: rnd(3) }, () => ({ name: pick(['SavingsPlan', 'Promotion']), amount: `-${rnd(100)}.${digits(6)}` }));
  rows.push({
    id: i,
    cost: rnd(9) === 0 ? null : `${neg}${rnd(100000000)}.${digits(10)}`,
    cost18: `${neg}${rnd(1000000)}.${digits(6)}`,
    cost9: rnd(7) === 0 ? null : `${neg}${rnd(100000)}.${digits(2)}`,
    usage: rnd(8) === 0 ? null : pick(doubles),
    ratio: shortestFloat(Math.fround(Number(`${rnd(1000)}.${digits(2)}`))),
    start: iso(dayMicros),
    start_ms: iso((dayMicros / 1000n) * 1000n).slice(0, 23),
    start_ns: `${nanos}`,
    start_tz: iso(dayMicros),
    day: new Date(Date.UTC(2024, 0, 1 + (i % 400))).toISOString().slice(0, 10),
    service: pick(services),
    resource: rnd(10) === 0 ? null : `arn:aws:ec2:us-east-1:123456789012:instance/i-${digits(12)}${rnd(20) === 0 ? '🚀' : ''}`,
    flag: rnd(5) === 0 ? null : rnd(2) === 0,
    small: rnd(65536) - 32768,
    big: `${neg}${rnd(2147483647)}${digits(9)}`,
    tags,
    credits,
    labels: rnd(7) === 0 ? null : Array.from({ length: rnd(4) }, () => (rnd(5) === 0 ? null : pick(['prod', 'dev', 'team-a']))),
  });
}
fs.writeFileSync(path.join(out, 'rows.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');

const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await instance.connect();
const run = (sql) => con.run(sql);
const all = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJson();

await run(`CREATE TABLE t AS SELECT
  id::INTEGER AS id, cost::DECIMAL(38,10) AS cost, cost18::DECIMAL(18,6) AS cost18, cost9::DECIMAL(9,2) AS cost9,
  usage::DOUBLE AS usage, ratio::FLOAT AS ratio, start::TIMESTAMP AS start, start_ms::TIMESTAMP_MS AS start_ms,
  make_timestamp_ns(start_ns::BIGINT) AS start_ns, (start || '+00')::TIMESTAMPTZ AS start_tz, day::DATE AS day,
  service, resource, flag::BOOLEAN AS flag, small::SMALLINT AS small, big::BIGINT AS big,
  map_from_entries(tags) AS tags,
  list_transform(credits, x -> {'name': x.name, 'amount': x.amount::DECIMAL(18,6)}) AS credits,
  labels
  FROM read_json('${path.join(out, 'rows.jsonl')}', format='newline_delimited', columns={
    id: 'INTEGER', cost: 'VARCHAR', cost18: 'VARCHAR', cost9: 'VARCHAR', usage: 'VARCHAR', ratio: 'VARCHAR',
    start: 'VARCHAR', start_ms: 'VARCHAR', start_ns: 'VARCHAR', start_tz: 'VARCHAR', day: 'VARCHAR',
    service: 'VARCHAR', resource: 'VARCHAR', flag: 'BOOLEAN', small: 'INTEGER', big: 'VARCHAR',
    tags: 'STRUCT(key VARCHAR, value VARCHAR)[]', credits: 'STRUCT(name VARCHAR, amount VARCHAR)[]',
    labels: 'VARCHAR[]'})
  ORDER BY id`);

const manifest = { rows: ROWS, files: [] };
const codecs = ['uncompressed', 'snappy', 'gzip', 'zstd', 'lz4_raw', 'brotli'];
for (const codec of codecs) {
  for (const version of ['v1', 'v2']) {
    for (const dict of [true, false]) {
      const name = `duckdb-${codec}-${version}${dict ? '' : '-nodict'}.parquet`;
      const opts = [`FORMAT PARQUET`, `CODEC '${codec}'`, `ROW_GROUP_SIZE 2048`, `PARQUET_VERSION ${version.toUpperCase()}`];
      if (!dict) opts.push('DICTIONARY_SIZE_LIMIT 1');
      await run(`COPY t TO '${path.join(out, name)}' (${opts.join(', ')})`);
      const meta = await all(`SELECT DISTINCT compression, encodings FROM parquet_metadata('${path.join(out, name)}')`);
      manifest.files.push({ name, writer: 'duckdb', codec, version, dictionary: dict,
        encodings: [...new Set(meta.flatMap((m) => String(m.encodings).split(', ')))].sort() });
    }
  }
}

// hyparquet-writer: encodings DuckDB does not write, legacy converted types, DataPage V2.
const col = (name) => rows.map((r) => r[name]);
const bigDecimal = (s, scale) => {
  if (s === null) return null;
  const neg = s.startsWith('-');
  const [ip, fp = ''] = s.replace('-', '').split('.');
  const v = BigInt(ip + fp.padEnd(scale, '0'));
  return neg ? -v : v;
};
for (const codec of ['SNAPPY', 'UNCOMPRESSED']) {
  const name = `hyparquet-${codec.toLowerCase()}.parquet`;
  parquetWriteFile({
    filename: path.join(out, name),
    codec,
    rowGroupSize: 2500,
    pageSize: 16384,
    columnData: [
      { name: 'id', data: Int32Array.from(col('id')), nullable: false, encoding: 'DELTA_BINARY_PACKED' },
      { name: 'big', data: col('big').map((s) => BigInt(s)), nullable: false, encoding: 'DELTA_BINARY_PACKED' },
      { name: 'usage', data: col('usage').map((s) => (s === null ? null : Number(s))), encoding: 'BYTE_STREAM_SPLIT' },
      { name: 'service', data: col('service'), encoding: 'DELTA_BYTE_ARRAY' },
      { name: 'resource', data: col('resource'), encoding: 'DELTA_LENGTH_BYTE_ARRAY' },
      { name: 'flag', data: col('flag'), encoding: 'RLE' },
      { name: 'cost', data: col('cost').map((s) => bigDecimal(s, 10)) },
      { name: 'cost18', data: col('cost18').map((s) => bigDecimal(s, 6)) },
      { name: 'start_ms', data: col('start_ms').map((s) => new Date(s + 'Z')) },
    ],
    schema: [
      { name: 'root', num_children: 9 },
      { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
      { name: 'big', type: 'INT64', repetition_type: 'REQUIRED' },
      { name: 'usage', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
      { name: 'service', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'resource', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'flag', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
      { name: 'cost', type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, converted_type: 'DECIMAL', precision: 38, scale: 10, repetition_type: 'OPTIONAL' },
      { name: 'cost18', type: 'BYTE_ARRAY', converted_type: 'DECIMAL', precision: 18, scale: 6, repetition_type: 'REQUIRED' },
      { name: 'start_ms', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: 'REQUIRED' },
    ],
  });
  manifest.files.push({ name, writer: 'hyparquet-writer', codec: codec.toLowerCase(), version: 'v2', dictionary: false });
}

// A large file for the bounded-memory test: 4M rows in 31 row groups, with DuckDB's exact sum.
{
  const name = 'large.parquet';
  const file = path.join(out, name);
  await run(`COPY (SELECT i AS id, (((i * 7919) % 100000000 - 50000000)::DECIMAL(38,0) * 0.0000001234)::DECIMAL(38,10) AS cost,
      (i % 1000) * 0.001 AS usage, 'service-' || (i % 17) AS service
    FROM range(4000000) r(i)) TO '${file}' (FORMAT PARQUET, CODEC 'zstd', ROW_GROUP_SIZE 131072)`);
  const [agg] = await all(`SELECT count(*)::VARCHAR AS n, sum(cost)::VARCHAR AS total FROM read_parquet('${file}')`);
  manifest.large = { name, rows: Number(agg.n), sum_cost: agg.total };
}

// DuckDB's reading of the committed parquet-testing files, every column as text.
const ptDir = path.join(sourceDir, 'tests/data/parquet/parquet-testing');
if (fs.existsSync(ptDir)) {
  fs.mkdirSync(path.join(out, 'parquet-testing'), { recursive: true });
  for (const f of fs.readdirSync(ptDir).filter((f) => f.endsWith('.parquet')).sort()) {
    const file = path.join(ptDir, f);
    let result;
    try {
      const cols = await all(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${file}'))`);
      // Timestamps as epoch microseconds (no zone formatting to disagree on), the rest as DuckDB's text.
      const exprs = cols.map(({ column_name: n, column_type: t }) => {
        const q = `"${n.replaceAll('"', '""')}"`;
        return t.startsWith('TIMESTAMP') ? `epoch_us(${q})::VARCHAR AS ${q}` : `${q}::VARCHAR AS ${q}`;
      });
      const data = await all(`SELECT ${exprs.join(', ')} FROM read_parquet('${file}')`);
      result = { columns: cols, rows: data };
    } catch (e) {
      result = { error: String(e.message).split('\n')[0] };
    }
    fs.writeFileSync(path.join(out, 'parquet-testing', f + '.duckdb.json'), JSON.stringify(result));
  }
}
fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 1));
console.log(`parquet-writers: ${manifest.files.length} files, ${ROWS} rows each, in ${out}`);
