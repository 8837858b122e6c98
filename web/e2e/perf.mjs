// How fast the overview and a month's service × day explorer view render at 10M cost rows, measured
// with the browser's own performance timing (not asserted; docs/PERFORMANCE.md "Dashboard"):
//
//   nice node web/e2e/perf.mjs --bin build/release/finguard --gen build/release/focus_gen [--rows 10000000] [--runs 5]
//
// Time to render = performance.now() when the page has no loading state left and its charts have
// drawn, counted from the navigation's start (a full page load: HTML, scripts, /me, /roles, then
// the cost calls). Also reported: each GET /api/v1/costs call's duration from the resource timings,
// with the `sums=` it asked for.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, newContext } from './harness.mjs';
import { OWNER_EMAIL, OWNER_PASSWORD, startServer } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(n) ? args[args.indexOf(n) + 1] : d);
const bin = path.resolve(opt('--bin', path.join(root, 'build', 'release', 'finguard')));
const gen = path.resolve(opt('--gen', path.join(root, 'build', 'release', 'focus_gen')));
const rows = Number(opt('--rows', '10000000'));
const runs = Number(opt('--runs', '5'));
const month = opt('--month', '2026-11');
const next = (() => { const d = new Date(`${month}-01T00:00:00Z`); d.setUTCMonth(d.getUTCMonth() + 1); return d.toISOString().slice(0, 10); })();

const t0 = Date.now();
const server = await startServer({
  bin, gen, root, demo: false,
  // Streamed from the generator into `finguard ingest -`: the CSV never touches the disk.
  load: (env) => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${gen}" --rows ${rows} --seed 5 --month ${month} | "${bin}" ingest --org e2e --source perf -`],
      { env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error('ingest failed');
  },
});
console.log(`perf: ${rows} rows of ${month} ingested and served in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

const browser = await launch();
const ctx = await newContext(browser);
const page = await ctx.newPage();
await page.goto(`${server.url}/sign-in`);
await page.getByLabel('Email').fill(OWNER_EMAIL);
await page.getByLabel('Password', { exact: true }).fill(OWNER_PASSWORD);
await page.getByRole('button', { name: 'Sign in' }).click();
await page.waitForURL(`${server.url}/`);

async function measure(where) {
  await page.goto(`${server.url}${where}`);
  const ms = await page.waitForFunction(() => {
    const busy = document.querySelector('.state-loading');
    const charts = [...document.querySelectorAll('.chart')];
    const drawn = charts.length > 0 && charts.every((c) => c.querySelector('canvas'));
    return !busy && drawn && document.querySelector('h1') ? performance.now() : false;
  }, null, { timeout: 120_000, polling: 10 }).then((h) => h.jsonValue());
  const calls = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.name.includes('/api/v1/costs'))
    .map((e) => ({ sums: new URL(e.name).searchParams.get('sums'), group_by: new URL(e.name).searchParams.get('group_by'), ms: Math.round(e.duration) })));
  return { ms, calls };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const views = [
  ['overview', `/?month=${month}`],
  ['explorer service × day', `/explorer?from=${month}-01&to=${next}&group_by=service_name&grain=day&metric=billed_cost&series=10`],
];
for (const [name, where] of views) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await measure(where));
  const times = results.map((r) => Math.round(r.ms));
  console.log(`perf: ${name}: render ${times.join(', ')} ms; median ${median(times)} ms`);
  const last = results[results.length - 1];
  for (const c of last.calls) console.log(`perf:   GET /api/v1/costs group_by=${c.group_by ?? '(none)'} sums=${c.sums}: ${c.ms} ms`);
}
await browser.close();
await server.stop();
