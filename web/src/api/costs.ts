import { useQuery } from '@tanstack/react-query';
import type { CostResponse, DimensionValues } from './types';
import { api } from './client';

/** GET /api/v1/costs with a prepared search ("?from=...&sums=..."); disabled when search is null. */
export function useCosts(search: string | null) {
  return useQuery({
    queryKey: ['costs', search],
    queryFn: ({ signal }) => api.get<CostResponse>('/api/v1/costs', { search: search ?? '', signal }),
    enabled: search !== null,
    staleTime: 60_000,
  });
}

export function useDimensionValues(dim: string | null, range: { from: string; to: string }) {
  return useQuery({
    queryKey: ['dimension', dim, range.from, range.to],
    queryFn: ({ signal }) =>
      api.get<DimensionValues>(`/api/v1/costs/dimensions/${encodeURIComponent(dim ?? '')}`, {
        search: `?${new URLSearchParams({ from: range.from, to: range.to, limit: '1000' }).toString()}`,
        signal,
      }),
    enabled: dim !== null && dim !== '' && dim !== 'tag:',
    staleTime: 5 * 60_000,
  });
}
