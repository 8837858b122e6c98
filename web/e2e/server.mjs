// A real finguard for the browser tests: a temporary data dir, keys, migrations, an org with its
// Owner, demo data (scripts/load-demo-data.sh), then `finguard serve --with-worker` on a free port of
// 127.0.0.1 serving web/dist. Rate limits are raised for the suite (it is not testing them).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const OWNER_EMAIL = 'owner@e2e.finguard.test';
export const OWNER_PASSWORD = 'e2e-owner-password-long-enough';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function run(bin, args, env, input) {
  const r = spawnSync(bin, args, { env, input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

/**
 * @param {{bin: string, gen?: string, root: string, demo?: boolean, rowsPerMonth?: number, extraEnv?: object,
 *          load?: (env: object) => void}} o
 */
export async function startServer(o) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fg-e2e-'));
  fs.chmodSync(dataDir, 0o700);
  const port = await freePort();
  const limits = {};
  for (const cls of ['auth', 'mutation', 'read']) {
    for (const stage of ['ip', 'principal']) {
      limits[`FINGUARD_RATE_LIMIT_${cls.toUpperCase()}_PER_${stage.toUpperCase()}_PER_MINUTE`] = '100000';
      limits[`FINGUARD_RATE_LIMIT_${cls.toUpperCase()}_PER_${stage.toUpperCase()}_BURST`] = '10000';
    }
  }
  const env = {
    ...process.env,
    FINGUARD_DATA_DIR: dataDir,
    FINGUARD_LOG_FORMAT: 'text',
    FINGUARD_LOG_LEVEL: 'warn',
    FINGUARD_LISTEN: `127.0.0.1:${port}`,
    FINGUARD_WEB_DIR: path.join(o.root, 'web', 'dist'),
    FINGUARD_RATE_LIMIT_LOGIN_FAILURES_PER_IP_PER_MINUTE: '1000',
    FINGUARD_RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_PER_MINUTE: '1000',
    ...limits,
    ...(o.extraEnv ?? {}),
  };
  delete env.FINGUARD_DATABASE_URL; // SQLite in the temp dir: the e2e flows test the browser, not the backend
  run(o.bin, ['keys', 'init'], env);
  run(o.bin, ['migrate'], env);
  const pw = path.join(dataDir, 'owner-password');
  fs.writeFileSync(pw, `${OWNER_PASSWORD}\n`, { mode: 0o600 });
  run(o.bin, ['admin', 'bootstrap', '--org', 'e2e', '--email', OWNER_EMAIL, '--password-file', pw], env);
  if (o.load) o.load(env); // e.g. the performance script's 10M rows
  if (o.demo !== false) {
    run('bash', [path.join(o.root, 'scripts', 'load-demo-data.sh'), o.bin, o.gen, 'e2e', String(o.rowsPerMonth ?? 4000)], env);
  }
  const log = fs.openSync(path.join(dataDir, 'serve.log'), 'a');
  const child = spawn(o.bin, ['serve', '--with-worker'], { env, stdio: ['ignore', log, log] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`finguard serve exited (${child.exitCode}): ${fs.readFileSync(path.join(dataDir, 'serve.log'), 'utf8')}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error('finguard serve did not answer /healthz in 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dataDir,
    env,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      if (!process.env.FG_E2E_KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
