// Money display. Amounts stay decimal strings from the API; they are rounded for display with exact
// arithmetic (decimal.ts) and always shown with their ISO 4217 currency: two currencies are never
// added together, so every total is a list of per-currency totals.
import { add, type Decimal, groupThousands, parseDecimal, round, toPlainString, ZERO } from './decimal';

/** Display digits for a currency: JPY and KRW have none, most have two. */
export function currencyDigits(currency: string): number {
  return ['JPY', 'KRW', 'VND', 'IDR', 'CLP', 'ISK'].includes(currency) ? 0 : 2;
}

/** "USD 1,234.57" from ("1234.5678", "USD"); exact, half-to-even. */
export function formatMoney(amount: string | Decimal, currency: string, digits = currencyDigits(currency)): string {
  const d = typeof amount === 'string' ? parseDecimal(amount) : amount;
  return `${currency} ${groupThousands(toPlainString(round(d, digits)))}`;
}

/** A compact axis label ("1.2k", "3.4M") for charts. Display only. */
export function formatCompact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toFixed(1)}B`;
  if (abs >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `${(value / 1e3).toFixed(1)}k`;
  return value.toFixed(abs < 10 ? 2 : 0);
}

export interface CurrencyAmount {
  currency: string;
  amount: string;
}

/** Sums amounts per currency (exactly); the result is sorted by currency code. */
export function totalsByCurrency(items: Iterable<CurrencyAmount>): Map<string, Decimal> {
  const out = new Map<string, Decimal>();
  for (const it of items) out.set(it.currency, add(out.get(it.currency) ?? ZERO, parseDecimal(it.amount)));
  return new Map([...out.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** The change from `before` to `now` in percent, one decimal, or null when before is zero. */
export function percentChange(now: Decimal, before: Decimal): string | null {
  if (before.units === 0n) return null;
  // (now - before) / before, computed on scaled integers to keep it exact before rounding.
  const scale = Math.max(now.scale, before.scale);
  const n = now.units * 10n ** BigInt(scale - now.scale);
  const b = before.units * 10n ** BigInt(scale - before.scale);
  const tenths = ((n - b) * 2000n) / (b < 0n ? -b : b); // in 1/20 %
  const rounded = tenths >= 0n ? (tenths + 1n) / 2n : (tenths - 1n) / 2n;
  const sign = rounded > 0n ? '+' : rounded < 0n ? '-' : '';
  const abs = rounded < 0n ? -rounded : rounded;
  return `${sign}${abs / 10n}.${abs % 10n}%`;
}
