// The typed client is generated from the document the server serves: start a bare `finguard serve`
// (no demo data), fetch /api/v1/openapi.json and check web/src/api/schema.gen.ts against it
// (scripts/gen-api.mjs --check). Registered as the ctest test `web_openapi_client`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const args = process.argv.slice(2);
const bin = path.resolve(args.includes('--bin') ? args[args.indexOf('--bin') + 1] : path.join(root, 'build', 'release', 'finguard'));
const server = await startServer({ bin, root, demo: false });
let rc = 1;
try {
  const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).text();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fg-openapi-')), 'openapi.json');
  fs.writeFileSync(file, doc);
  const r = spawnSync(process.execPath, [path.join(root, 'web', 'scripts', 'gen-api.mjs'), '--from', file, '--check'], { stdio: 'inherit' });
  rc = r.status ?? 1;
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  console.log(rc === 0 ? '1 passed, 0 failed' : '0 passed, 1 failed');
} finally {
  await server.stop();
}
process.exit(rc);
