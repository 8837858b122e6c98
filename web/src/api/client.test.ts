import { ApiError, csrfToken, mediaTypeOf, request } from './client';

describe('the API client', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads the CSRF token from the readable cookie, __Host- name first', () => {
    expect(csrfToken('a=1; fg_csrf=tok%3D; b=2')).toBe('tok=');
    expect(csrfToken('__Host-fg_csrf=new')).toBe('new');
    expect(csrfToken('fg_session=secret')).toBe('');
  });

  it('sends X-CSRF-Token on mutations only', async () => {
    document.cookie = 'fg_csrf=abc';
    const calls: RequestInit[] = [];
    vi.stubGlobal('fetch', async (_: string, init: RequestInit) => {
      calls.push(init);
      return new Response('{}', { status: 200 });
    });
    await request('GET', '/api/v1/me');
    await request('POST', '/api/v1/api-keys', { body: { name: 'x' } });
    await request('DELETE', '/api/v1/api-keys/1');
    expect((calls[0]!.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
    expect((calls[1]!.headers as Record<string, string>)['X-CSRF-Token']).toBe('abc');
    expect((calls[2]!.headers as Record<string, string>)['X-CSRF-Token']).toBe('abc');
    expect(calls[1]!.credentials).toBe('same-origin');
  });

  it("turns the server's error into an ApiError with its message, field and request id", async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ error: { code: 'invalid_argument', message: 'name: too long', field: 'name', request_id: 'req-1' } }), { status: 400 }));
    const e = await request('POST', '/api/v1/api-keys', { body: {} }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 400, code: 'invalid_argument', message: 'name: too long', field: 'name', requestId: 'req-1' });
  });

  it('survives a non-JSON error body', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>bad gateway</html>', { status: 502, headers: { 'X-Request-Id': 'r2' } }));
    const e = await request('GET', '/api/v1/me').catch((x: unknown) => x);
    expect(e).toMatchObject({ status: 502, code: 'unknown', requestId: 'r2' });
  });

  it('names the media type of an upload by its extension', () => {
    expect(mediaTypeOf('x.CSV')).toBe('text/csv');
    expect(mediaTypeOf('x.csv.gz')).toBe('application/gzip');
    expect(mediaTypeOf('x.csv.zst')).toBe('application/zstd');
    expect(mediaTypeOf('x.parquet')).toBe('application/octet-stream');
  });
});
