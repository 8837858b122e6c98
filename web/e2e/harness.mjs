// The browser side of the end-to-end suite: Debian's Chromium through playwright-core (never a
// downloaded browser), a tiny sequential runner that prints "N passed, N failed", and the watch on
// every page for console errors and Content-Security-Policy violations.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.FG_CHROMIUM ?? '/usr/bin/chromium';
const kArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: kArgs });
}

/** Problems seen on any page: console errors, uncaught exceptions, CSP violations. */
export const problems = [];

/**
 * Requests that fail on purpose in a flow: Chromium logs every 4xx as a console error, so the
 * expected ones are named here (method-less URL suffix and status), and everything else is a problem.
 */
const expectedFailures = [];
export function expectFailure(urlSuffix, status, why) {
  expectedFailures.push({ urlSuffix, status, why });
}

function expected(text, url) {
  const m = /status of (\d{3})/.exec(text);
  if (!m || !url) return false;
  const path = new URL(url).pathname;
  return expectedFailures.some((f) => path.endsWith(f.urlSuffix) && String(f.status) === m[1]);
}

/** A browser context whose pages report problems; dialogs (confirmations) are accepted. */
export async function newContext(browser, options = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  await ctx.exposeBinding('fgReportCsp', (_source, v) => problems.push(`CSP violation: ${v}`));
  await ctx.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      // @ts-ignore: the binding above
      window.fgReportCsp(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  ctx.on('page', (p) => watch(p));
  return ctx;
}

export function watch(page) {
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location()?.url;
    if (expected(m.text(), url)) return;
    problems.push(`console error on ${page.url()}: ${m.text()} (${url ?? ''})`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught exception on ${page.url()}: ${e.message}`));
  page.on('dialog', (d) => void d.accept());
}

const tests = [];
export function test(name, fn) {
  tests.push({ name, fn });
}

/** Runs the tests in order; a failure does not stop the later ones unless they depend on state. */
export async function runAll() {
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    const started = Date.now();
    try {
      await t.fn();
      passed++;
      console.log(`ok   ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${t.name} (${Date.now() - started} ms)\n     ${(e && e.stack) || e}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0;
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

export function assertEqual(actual, expectedValue, message) {
  if (JSON.stringify(actual) !== JSON.stringify(expectedValue)) {
    throw new Error(`${message}\n       expected ${JSON.stringify(expectedValue)}\n       actual   ${JSON.stringify(actual)}`);
  }
}
