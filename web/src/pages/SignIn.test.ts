import { ApiError } from '../api/client';
import { needsSecondFactor, safeNext } from './SignIn';

describe('sign-in', () => {
  it('follows only same-origin paths after signing in', () => {
    expect(safeNext('?next=%2Fexplorer%3Ffrom%3D2024-09-01')).toBe('/explorer?from=2024-09-01');
    for (const bad of ['?next=https://evil.test', '?next=//evil.test', '?next=/\\evil.test', '?next=javascript:alert(1)', '?next=/sign-in', '']) {
      expect(safeNext(bad), bad).toBe('/');
    }
  });
  it('recognises the second-factor step', () => {
    expect(needsSecondFactor(new ApiError(401, 'unauthenticated', 'totp_code required'))).toBe(true);
    expect(needsSecondFactor(new ApiError(401, 'unauthenticated', 'x', 'totp_code'))).toBe(true);
    expect(needsSecondFactor(new ApiError(401, 'unauthenticated', 'invalid email or password'))).toBe(false);
    expect(needsSecondFactor(new ApiError(429, 'resource_exhausted', 'totp_code required'))).toBe(false);
  });
});
