// The API contract, checked against a bare `finguard serve` (no demo data):
//   1. /api/v1/openapi.json validates as OpenAPI 3.1 (@seriousme/openapi-schema-validator, which checks
//      against the official 3.1 JSON schemas);
//   2. every operation refuses an unknown query parameter with a 400 naming it (issue 21: `?statsu=dead`
//      once returned every job), signed in as the Owner so the request reaches input validation;
//   3. every operation declares its success answer: a 2xx (or the OIDC redirects' 302) with a schema,
//      or a 204 without a body (the integration tests check real answers against these);
//   4. web/src/api/schema.gen.ts is what scripts/gen-api.mjs generates from the document (--check).
// Registered as the ctest test `web_openapi_client`.
import { Validator } from '@seriousme/openapi-schema-validator';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OWNER_EMAIL, OWNER_PASSWORD, startServer } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const args = process.argv.slice(2);
const bin = path.resolve(args.includes('--bin') ? args[args.indexOf('--bin') + 1] : path.join(root, 'build', 'release', 'finguard'));
const server = await startServer({ bin, root, demo: false });
let rc = 1;
let passed = 0;
const failures = [];

async function checkValid(doc) {
  const res = await new Validator().validate(JSON.parse(doc));
  if (res.valid) passed++;
  else failures.push(`the document is not valid OpenAPI 3.1: ${JSON.stringify(res.errors).slice(0, 2000)}`);
}

// Each operation with a random id in its path and `zz_probe=1` in its query must answer 400, field
// "query", and name the parameter (a route that ignores its query, the OIDC callback, is marked
// x-query-open and skipped). Input validation runs before any handler, so no probe changes anything,
// logout included.
async function checkUnknownQueryRefused(doc) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: OWNER_EMAIL, password: OWNER_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`owner login: ${login.status} ${await login.text()}`);
  const jar = login.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = jar.find((c) => c.split('=')[0].endsWith('fg_csrf'))?.split('=')[1] ?? '';
  let probed = 0;
  for (const [pattern, ops] of Object.entries(JSON.parse(doc).paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (op['x-query-open']) continue;
      const filled = pattern.replace(/\{dim\}/g, 'service').replace(/\{[a-z_]+\}/g, crypto.randomUUID());
      const r = await fetch(`${server.url}${filled}?zz_probe=1`, {
        method: method.toUpperCase(),
        redirect: 'manual',
        headers: { Cookie: jar.join('; '), 'X-CSRF-Token': csrf },
      });
      const body = await r.text();
      let err = {};
      try {
        err = JSON.parse(body).error ?? {};
      } catch {
        /* reported below */
      }
      if (r.status !== 400 || err.field !== 'query' || !String(err.message).includes('zz_probe')) {
        failures.push(`${method.toUpperCase()} ${pattern} ?zz_probe=1: ${r.status} ${body.slice(0, 200)}`);
      }
      probed++;
    }
  }
  if (probed < 40) failures.push(`only ${probed} operations probed`);
  else passed++;
}

function checkResponsesDeclared(doc) {
  const missing = [];
  let declared = 0;
  for (const [pattern, ops] of Object.entries(JSON.parse(doc).paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const ok = Object.entries(op.responses ?? {}).filter(([code]) => /^(2\d\d|302)$/.test(code));
      const complete = ok.length > 0 && ok.every(([code, r]) => code === '204' || code === '302' || r.content);
      if (op['x-response-undeclared'] || !complete) missing.push(`${method.toUpperCase()} ${pattern}`);
      else declared++;
    }
  }
  if (missing.length) failures.push(`operations without a declared success answer: ${missing.join(', ')}`);
  else if (declared < 40) failures.push(`only ${declared} operations declare their answer`);
  else passed++;
}

try {
  const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).text();
  await checkValid(doc);
  await checkUnknownQueryRefused(doc);
  checkResponsesDeclared(doc);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fg-openapi-')), 'openapi.json');
  fs.writeFileSync(file, doc);
  const r = spawnSync(process.execPath, [path.join(root, 'web', 'scripts', 'gen-api.mjs'), '--from', file, '--check'], { stdio: 'inherit' });
  if (r.status === 0) passed++;
  else failures.push('web/src/api/schema.gen.ts is not what the document generates');
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  for (const f of failures) console.log(`FAIL ${f}`);
  console.log(`${passed} passed, ${failures.length} failed`);
  rc = failures.length === 0 ? 0 : 1;
} finally {
  await server.stop();
}
process.exit(rc);
