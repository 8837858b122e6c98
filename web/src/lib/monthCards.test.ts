import { describe, expect, it } from 'vitest';
import type { CostResponse } from '../api/types';
import { toPlainString } from './decimal';
import { type MonthCard, monthCards } from './monthCards';

const month: CostResponse = {
  group_by: ['provider_name', 'day'], metric: 'billed_cost', top: 1000,
  rows: [
    { currency: 'USD', keys: { provider_name: 'AWS', day: '2026-12-01' }, billed_cost: '0.1', count: 1 },
    { currency: 'EUR', keys: { provider_name: 'Azure', day: '2026-12-01' }, billed_cost: '5', count: 1 },
  ],
  // The server's totals win: they cover rows a top-N cut would drop.
  totals: [{ currency: 'USD', billed_cost: '10.2', count: 9 }, { currency: 'EUR', billed_cost: '5', count: 1 }],
};
const lastMonth: CostResponse = {
  group_by: ['day'], metric: 'billed_cost', top: 1000,
  rows: [
    { currency: 'USD', keys: { day: '2026-11-01' }, billed_cost: '0.1', count: 1 },
    { currency: 'USD', keys: { day: '2026-11-02' }, billed_cost: '0.2', count: 1 },
    { currency: 'USD', keys: { day: '2026-11-03' }, billed_cost: '7', count: 1 },
    { currency: 'GBP', keys: { day: '2026-11-01' }, billed_cost: '3', count: 1 },
  ],
  totals: [{ currency: 'USD', billed_cost: '7.3', count: 3 }, { currency: 'GBP', billed_cost: '3', count: 1 }],
};

describe('monthCards', () => {
  it('takes the month from the server totals and the same days of last month from its days, per currency', () => {
    const cards = monthCards(month, lastMonth, '2026-11-03', 'billed_cost');
    expect(cards.map((c) => c.currency)).toEqual(['EUR', 'GBP', 'USD']);
    const [eur, gbp, usd] = cards as [MonthCard, MonthCard, MonthCard];
    expect(usd.nowExact).toBe('10.2');
    expect(toPlainString(usd.sameDaysLastMonth)).toBe('0.3'); // exact: 0.1 + 0.2, not 0.30000000000000004
    expect(toPlainString(usd.lastMonth)).toBe('7.3');
    expect(gbp.nowExact).toBe('0');
    expect(toPlainString(gbp.sameDaysLastMonth)).toBe('3');
    expect(toPlainString(eur.lastMonth)).toBe('0');
  });
});
