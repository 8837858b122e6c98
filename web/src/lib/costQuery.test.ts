import { costApiSearch, defaultQuery, explorerCalls, explorerSearch, parseExplorerSearch } from './costQuery';

const now = new Date('2026-12-02T10:00:00Z');

describe('the explorer query in the URL', () => {
  it('defaults to this month by service and day', () => {
    const q = parseExplorerSearch('', now);
    expect(q).toMatchObject({ from: '2026-12-01', to: '2026-12-03', groupBy: 'service_name', grain: 'day', metric: 'billed_cost' });
  });
  it('round-trips every field, tags and repeated filters included', () => {
    const q = { ...defaultQuery(now), from: '2024-09-01', to: '2024-10-01', groupBy: 'tag:team', grain: 'month' as const,
      filters: [['provider_name', ['AWS', 'Google Cloud']], ['tag:env', ['prod']]] as [string, string[]][],
      metric: 'effective_cost' as const, chart: 'bar' as const, series: 5 };
    const s = explorerSearch(q);
    expect(parseExplorerSearch(s, now)).toEqual(q);
    expect(explorerSearch(parseExplorerSearch(s, now))).toBe(s);
  });
  it('ignores what it does not know instead of sending it on', () => {
    const q = parseExplorerSearch('?group_by=drop_table&grain=hourly&metric=__proto__&series=1000&filter[nope]=x&filter[tag:a b]=y&from=2024-02-30&to=yesterday', now);
    expect(q.groupBy).toBe('service_name');
    expect(q.grain).toBeNull();
    expect(q.metric).toBe('billed_cost');
    expect(q.series).toBe(10);
    expect(q.filters).toEqual([]);
    expect(q.from).toBe('2026-12-01');
  });
  it('keeps the range non-empty', () => {
    const q = parseExplorerSearch('?from=2024-09-10&to=2024-09-01', now);
    expect(q.to).toBe('2024-09-11');
  });
  it('survives hostile values: they are encoded, never spliced', () => {
    const q = parseExplorerSearch(`?filter[service_name]=${encodeURIComponent('a&sums=x&filter[x]=1')}`, now);
    const s = costApiSearch(q, { groupBy: ['service_name'], filters: q.filters, top: 10 });
    const p = new URLSearchParams(s);
    expect(p.getAll('filter[service_name]')).toEqual(['a&sums=x&filter[x]=1']);
    expect(p.getAll('sums')).toEqual(['billed_cost']);
    const long = 'x'.repeat(100_000);
    expect(parseExplorerSearch(`?filter[service_name]=${long}`, now).filters[0]?.[1][0]).toHaveLength(100_000);
  });
});

describe('the cost API calls behind a view', () => {
  it('asks only for the sum it shows', () => {
    const q = { ...defaultQuery(now), metric: 'list_cost' as const };
    const s = new URLSearchParams(costApiSearch(q, { groupBy: ['service_name', 'day'], filters: [], top: 1000 }));
    expect(s.get('sums')).toBe('list_cost');
    expect(s.get('metric')).toBe('list_cost');
    expect(s.get('group_by')).toBe('service_name,day');
  });
  it('narrows the bucket call to the top series and keeps the other filters', () => {
    const q = { ...defaultQuery(now), filters: [['tag:team', ['data']]] as [string, string[]][] };
    const first = explorerCalls(q);
    expect(first.series).toEqual({ groupBy: ['service_name'], filters: q.filters, top: 10 });
    expect(first.buckets).toBeUndefined();
    const calls = explorerCalls(q, ['A', 'B']);
    expect(calls.buckets).toEqual({ groupBy: ['service_name', 'day'], filters: [['tag:team', ['data']], ['service_name', ['A', 'B']]], top: 1000 });
    expect(calls.totals).toEqual({ groupBy: ['day'], filters: q.filters, top: 1000 });
  });
  it('needs only totals without a group-by', () => {
    const q = { ...defaultQuery(now), groupBy: null };
    expect(explorerCalls(q, ['A'])).toEqual({ totals: { groupBy: ['day'], filters: [], top: 1000 } });
  });
  it('intersects a filter on the grouped dimension with the top values', () => {
    const q = { ...defaultQuery(now), filters: [['service_name', ['A', 'C']]] as [string, string[]][] };
    expect(explorerCalls(q, ['A', 'B']).buckets?.filters).toEqual([['service_name', ['A']]]);
  });
});
