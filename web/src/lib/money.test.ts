import { parseDecimal } from './decimal';
import { formatMoney, percentChange, totalsByCurrency } from './money';

describe('money', () => {
  it('formats the API decimal strings exactly, with the currency', () => {
    expect(formatMoney('1234.5678', 'USD')).toBe('USD 1,234.57');
    expect(formatMoney('1234567.005', 'EUR')).toBe('EUR 1,234,567.00');
    expect(formatMoney('1234567.015', 'EUR')).toBe('EUR 1,234,567.02');
    expect(formatMoney('-0.5', 'USD')).toBe('USD -0.50');
    expect(formatMoney('0.0000000072922557', 'USD')).toBe('USD 0.00');
    expect(formatMoney('1500.5', 'JPY')).toBe('JPY 1,500');
    expect(formatMoney('99999999999999999999.995', 'USD')).toBe('USD 100,000,000,000,000,000,000.00');
  });
  it('never adds across currencies', () => {
    const t = totalsByCurrency([
      { currency: 'USD', amount: '10.10' },
      { currency: 'EUR', amount: '5' },
      { currency: 'USD', amount: '0.20' },
    ]);
    expect([...t.keys()]).toEqual(['EUR', 'USD']);
    expect(formatMoney(t.get('USD')!, 'USD')).toBe('USD 10.30');
    expect(formatMoney(t.get('EUR')!, 'EUR')).toBe('EUR 5.00');
  });
  it('gives the change in percent, or nothing against zero', () => {
    expect(percentChange(parseDecimal('110'), parseDecimal('100'))).toBe('+10.0%');
    expect(percentChange(parseDecimal('50'), parseDecimal('200'))).toBe('-75.0%');
    expect(percentChange(parseDecimal('100'), parseDecimal('100'))).toBe('0.0%');
    expect(percentChange(parseDecimal('1'), parseDecimal('3'))).toBe('-66.7%');
    expect(percentChange(parseDecimal('5'), parseDecimal('0'))).toBeNull();
  });
  it('rejects a malformed amount instead of showing NaN', () => {
    expect(() => formatMoney('12abc', 'USD')).toThrow();
  });
});
