// The table of the same numbers the chart draws: one row per series, the total first, then one
// column per bucket. Amounts are exact (rounded for display only).
import type { CurrencyPivot } from '../lib/pivot';
import { OTHER, seriesLabel } from '../lib/pivot';
import { formatMoney } from '../lib/money';
import { toPlainString } from '../lib/decimal';

export function PivotTable({ pivot, groupLabel, caption }: { pivot: CurrencyPivot; groupLabel: string; caption: string }) {
  const showBuckets = pivot.buckets.length > 1 || pivot.buckets[0] !== 'Total';
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="data-table" data-testid={`pivot-${pivot.currency}`}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{groupLabel}</th>
            <th scope="col" className="num">Total</th>
            {showBuckets && pivot.buckets.map((b) => <th key={b} scope="col" className="num">{b}</th>)}
          </tr>
        </thead>
        <tbody>
          {pivot.series.map((s) => (
            <tr key={s.key} data-key={s.key} className={s.key === OTHER ? 'other-row' : undefined}>
              <th scope="row">{seriesLabel(s.key)}</th>
              <td className="num" data-testid="series-total" data-exact={toPlainString(s.total)}>
                {formatMoney(s.total, pivot.currency)}
              </td>
              {showBuckets && s.cells.map((c, i) => (
                <td key={pivot.buckets[i]} className="num" data-exact={toPlainString(c)}>
                  {formatMoney(c, pivot.currency)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="num" data-testid="grand-total" data-exact={toPlainString(pivot.total)}>
              {formatMoney(pivot.total, pivot.currency)}
            </td>
            {showBuckets && pivot.bucketTotals.map((c, i) => (
              <td key={pivot.buckets[i]} className="num" data-exact={toPlainString(c)}>
                {formatMoney(c, pivot.currency)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
