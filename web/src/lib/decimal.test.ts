import { add, compare, parseDecimal, round, sub, sumStrings, toCanonicalString, toPlainString } from './decimal';

describe('decimal', () => {
  it('adds exactly where binary floats do not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(toCanonicalString(sumStrings(['0.1', '0.2']))).toBe('0.3');
  });
  it('keeps 18 fractional digits and values past 2^53', () => {
    const s = sumStrings(['9007199254740993.000000000000000001', '0.000000000000000001']);
    expect(toPlainString(s)).toBe('9007199254740993.000000000000000002');
  });
  it('handles negatives (credits) and subtraction', () => {
    expect(toCanonicalString(sumStrings(['-12.50', '2.5']))).toBe('-10');
    expect(toPlainString(sub(parseDecimal('1'), parseDecimal('1.25')))).toBe('-0.25');
    expect(compare(parseDecimal('-0.01'), parseDecimal('0'))).toBe(-1);
    expect(compare(parseDecimal('1.10'), parseDecimal('1.1'))).toBe(0);
  });
  it('rounds half to even like the server', () => {
    expect(toPlainString(round(parseDecimal('2.345'), 2))).toBe('2.34');
    expect(toPlainString(round(parseDecimal('2.355'), 2))).toBe('2.36');
    expect(toPlainString(round(parseDecimal('2.3451'), 2))).toBe('2.35');
    expect(toPlainString(round(parseDecimal('-2.345'), 2))).toBe('-2.34');
    expect(toPlainString(round(parseDecimal('7'), 2))).toBe('7.00');
    expect(toPlainString(round(parseDecimal('-0.004'), 2))).toBe('0.00');
  });
  it('refuses anything that is not a plain decimal', () => {
    for (const bad of ['', ' 1', '1e3', 'NaN', 'Infinity', '1,5', '--1', '0x10', '١٢', '1.', '.5', `1.${'1'.repeat(37)}`]) {
      expect(() => parseDecimal(bad), bad).toThrow();
    }
  });
  it('survives a huge amount (a VND budget) without overflow', () => {
    const big = '1'.repeat(40);
    expect(toPlainString(add(parseDecimal(big), parseDecimal(big)))).toBe('2'.repeat(40));
  });
});
