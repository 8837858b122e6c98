// Exact decimals for money. The API sends every amount as a decimal string ("1234.5600000001", up
// to 18 fractional digits); a client-side sum (a table's total, the "Other" series) is computed on
// BigInt units so it never passes through a binary float. Only charts convert to Number, for drawing.

export interface Decimal {
  readonly units: bigint; // the value times 10^scale
  readonly scale: number; // fractional digits, 0..36
}

const kPattern = /^([+-]?)(\d+)(?:\.(\d+))?$/;
const kMaxScale = 36;

/** Parses "-12.50", "0.000000000000000001", "7". Throws on anything else (exponents, spaces, NaN). */
export function parseDecimal(text: string): Decimal {
  const m = kPattern.exec(text);
  if (!m) throw new Error(`not a decimal: ${JSON.stringify(text.slice(0, 40))}`);
  const frac = m[3] ?? '';
  if (frac.length > kMaxScale) throw new Error('too many fractional digits');
  const units = BigInt((m[2] ?? '0') + frac);
  return { units: m[1] === '-' ? -units : units, scale: frac.length };
}

export const ZERO: Decimal = { units: 0n, scale: 0 };

function rescale(d: Decimal, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale);
}

export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function sub(a: Decimal, b: Decimal): Decimal {
  return add(a, { units: -b.units, scale: b.scale });
}

export function compare(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const x = rescale(a, scale);
  const y = rescale(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The exact sum of decimal strings. */
export function sumStrings(values: Iterable<string>): Decimal {
  let total = ZERO;
  for (const v of values) total = add(total, parseDecimal(v));
  return total;
}

/** Rounds to `digits` fractional digits, half to even (as the server's Money rounds). */
export function round(d: Decimal, digits: number): Decimal {
  if (d.scale <= digits) return { units: rescale(d, digits), scale: digits };
  const div = 10n ** BigInt(d.scale - digits);
  const neg = d.units < 0n;
  const abs = neg ? -d.units : d.units;
  let q = abs / div;
  const r = abs % div;
  const twice = r * 2n;
  if (twice > div || (twice === div && q % 2n === 1n)) q += 1n;
  return { units: neg ? -q : q, scale: digits };
}

/** The plain decimal text, trailing zeros kept to the scale ("-0.50" for units -50, scale 2). */
export function toPlainString(d: Decimal): string {
  const neg = d.units < 0n;
  let digits = (neg ? -d.units : d.units).toString();
  if (d.scale > 0) {
    digits = digits.padStart(d.scale + 1, '0');
    digits = `${digits.slice(0, -d.scale)}.${digits.slice(-d.scale)}`;
  }
  return (neg && d.units !== 0n ? '-' : '') + digits;
}

/** The shortest text of the exact value ("12.5", "0", "-3"). */
export function toCanonicalString(d: Decimal): string {
  let s = toPlainString(d);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/** For drawing only: the nearest double. Never sum these. */
export function toNumber(d: Decimal): number {
  return Number(toPlainString(d));
}

/** Thousands separators on the integer part of a plain decimal string. */
export function groupThousands(plain: string): string {
  const neg = plain.startsWith('-');
  const body = neg ? plain.slice(1) : plain;
  const dot = body.indexOf('.');
  const int = dot < 0 ? body : body.slice(0, dot);
  const frac = dot < 0 ? '' : body.slice(dot);
  return (neg ? '-' : '') + int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + frac;
}
