// Dates as ISO strings (YYYY-MM-DD) in UTC: the cost store's ChargePeriodStart is UTC, so the
// dashboard's days and months are UTC days and months.

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '1970-01-01';
}

export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function monthStart(iso: string): string {
  return `${iso.slice(0, 7)}-01`;
}

export function addMonths(iso: string, months: number): string {
  const d = new Date(`${monthStart(iso)}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** Every day in [from, to) (at most 400), or every month start. */
export function buckets(from: string, to: string, grain: 'day' | 'month'): string[] {
  const out: string[] = [];
  if (grain === 'day') {
    for (let d = from; d < to && out.length < 400; d = addDays(d, 1)) out.push(d);
  } else {
    for (let m = monthStart(from); m < to && out.length < 400; m = addMonths(m, 1)) out.push(m.slice(0, 7));
  }
  return out;
}

/** The bucket label the API uses for a time key ("2024-09-18" for day, "2024-09" for month). */
export function bucketOf(key: string, grain: 'day' | 'month'): string {
  return grain === 'day' ? key.slice(0, 10) : key.slice(0, 7);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} UTC`;
}
