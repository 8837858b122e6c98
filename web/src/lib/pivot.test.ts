import type { CostResponse } from '../api/types';
import { toPlainString } from './decimal';
import { OTHER, pivot } from './pivot';

function resp(rows: [string, Record<string, string>, string][], totals: [string, string][]): CostResponse {
  return {
    group_by: [], metric: 'billed_cost', top: 10,
    rows: rows.map(([currency, keys, billed_cost]) => ({ currency, keys, billed_cost, count: 1 })),
    totals: totals.map(([currency, billed_cost]) => ({ currency, billed_cost, count: 1 })),
  };
}

describe('pivot', () => {
  const top = resp([['USD', { service_name: 'A' }, '10.10'], ['USD', { service_name: '' }, '0.20'], ['EUR', { service_name: 'B' }, '3']], [['USD', '11'], ['EUR', '3']]);
  const cells = resp([
    ['USD', { service_name: 'A', day: '2024-09-01' }, '10.00'], ['USD', { service_name: 'A', day: '2024-09-02' }, '0.10'],
    ['USD', { service_name: '', day: '2024-09-02' }, '0.20'], ['EUR', { service_name: 'B', day: '2024-09-01' }, '3'],
  ], [['USD', '10.30'], ['EUR', '3']]);
  const totals = resp([['USD', { day: '2024-09-01' }, '10.50'], ['USD', { day: '2024-09-02' }, '0.50'], ['EUR', { day: '2024-09-01' }, '3']], [['USD', '11.00'], ['EUR', '3']]);
  const p = pivot({ metric: 'billed_cost', groupBy: 'service_name', grain: 'day', buckets: ['2024-09-01', '2024-09-02'], top, cells, totals });

  it('keeps currencies apart', () => {
    expect(p.map((x) => x.currency)).toEqual(['EUR', 'USD']);
    expect(toPlainString(p[0]!.total)).toBe('3');
  });
  it('computes "Other" as the exact rest per bucket', () => {
    const usd = p[1]!;
    expect(usd.series.map((s) => s.key)).toEqual(['A', '', OTHER]);
    const other = usd.series[2]!;
    expect(other.cells.map(toPlainString)).toEqual(['0.50', '0.20']);
    expect(toPlainString(other.total)).toBe('0.70');
    expect(usd.bucketTotals.map(toPlainString)).toEqual(['10.50', '0.50']);
  });
  it('leaves "Other" out when the top series are everything', () => {
    expect(p[0]!.series.map((s) => s.key)).toEqual(['B']);
  });
  it('without a grain, one Total bucket from the top call', () => {
    const q = pivot({ metric: 'billed_cost', groupBy: 'service_name', grain: null, buckets: [], top, totals: top });
    expect(q[1]!.buckets).toEqual(['Total']);
    expect(q[1]!.series.map((s) => toPlainString(s.total))).toEqual(['10.10', '0.20', '0.70']);
  });
});
