// An exact decimal adder and formatter for the tests' own expectations, written apart from the
// app's lib/decimal.ts so that a bug there cannot hide itself.
export function parse(s) {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) throw new Error(`not a decimal: ${s}`);
  const frac = m[3] ?? '';
  return { n: (m[1] ? -1n : 1n) * BigInt(m[2] + frac), s: frac.length };
}
export function plus(a, b) {
  const s = Math.max(a.s, b.s);
  return { n: a.n * 10n ** BigInt(s - a.s) + b.n * 10n ** BigInt(s - b.s), s };
}
export function minus(a, b) {
  return plus(a, { n: -b.n, s: b.s });
}
export function sum(strings) {
  return strings.reduce((acc, x) => plus(acc, parse(x)), { n: 0n, s: 0 });
}
export function equal(a, b) {
  return minus(a, b).n === 0n;
}
/** "USD 1,234.57": two digits, half to even, grouped. */
export function money(d, currency) {
  let n = d.n;
  let s = d.s;
  if (s < 2) { n *= 10n ** BigInt(2 - s); s = 2; }
  const div = 10n ** BigInt(s - 2);
  const neg = n < 0n;
  let q = (neg ? -n : n) / div;
  const r = (neg ? -n : n) % div;
  if (r * 2n > div || (r * 2n === div && q % 2n === 1n)) q += 1n;
  const digits = q.toString().padStart(3, '0');
  const int = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${currency} ${neg && q !== 0n ? '-' : ''}${int}.${digits.slice(-2)}`;
}
