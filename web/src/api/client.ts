// The one way the dashboard talks to finguard: same-origin fetch with the session cookie (HttpOnly,
// SameSite=Strict: the page never sees it), the CSRF token echoed in X-CSRF-Token on every mutation
// (read from the fg_csrf cookie at the moment of the call, never stored), and the API's error shape
// {"error":{code,message,field,request_id}} turned into an ApiError the pages show as is.
import type { paths } from './schema.gen';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly requestId: string | undefined;
  constructor(status: number, code: string, message: string, field?: string, requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.requestId = requestId;
  }
}

const kCsrfCookies = ['__Host-fg_csrf', 'fg_csrf'];

/** The CSRF token from the readable cookie the server set at sign-in, or '' when signed out. */
export function csrfToken(cookie: string = document.cookie): string {
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq).trim();
    if (kCsrfCookies.includes(name)) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return '';
}

export type ApiPath = keyof paths;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export function isMutation(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

async function errorFrom(res: Response): Promise<ApiError> {
  const requestId = res.headers.get('X-Request-Id') ?? undefined;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; field?: string; request_id?: string } };
    const e = body.error ?? {};
    return new ApiError(res.status, e.code ?? 'unknown', e.message ?? res.statusText, e.field, e.request_id ?? requestId);
  } catch {
    return new ApiError(res.status, 'unknown', `HTTP ${res.status}`, undefined, requestId);
  }
}

/** Called on every 401 so the app can return to the sign-in page. */
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(f: (() => void) | null): void {
  onUnauthenticated = f;
}

export interface RequestOptions {
  body?: unknown;
  search?: string; // "?a=1&b=2"
  signal?: AbortSignal;
  /** A 401 here is part of the flow (sign-in), not a lost session. */
  expectUnauthenticated?: boolean;
}

/** Sends one request; resolves with the parsed JSON (undefined for 204), rejects with ApiError. */
export async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (isMutation(method)) headers['X-CSRF-Token'] = csrfToken();
  let res: Response;
  try {
    res = await fetch(path + (opts.search ?? ''), {
      method,
      headers,
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'unavailable', 'finguard is not reachable; check the connection and try again');
  }
  if (!res.ok) {
    const err = await errorFrom(res);
    if (res.status === 401 && !opts.expectUnauthenticated) onUnauthenticated?.();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Typed by path: the generated `paths` table says which paths exist. */
export const api = {
  get: <T>(path: ApiPath | string, opts?: RequestOptions) => request<T>('GET', path, opts),
  // A POST without a body sends none: routes that take no body refuse even "{}" (docs/API.md).
  post: <T>(path: ApiPath | string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body }),
  patch: <T>(path: ApiPath | string, body: unknown, opts?: RequestOptions) => request<T>('PATCH', path, { ...opts, body }),
  del: <T>(path: ApiPath | string, body?: unknown, opts?: RequestOptions) =>
    request<T>('DELETE', path, { ...opts, body }),
};

/** Replaces {name} segments of an API path, each value percent-encoded. */
export function pathOf(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k] ?? ''));
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Streams a file to POST /api/v1/ingest with upload progress (fetch has none; XMLHttpRequest does).
 * The body is the file itself with its media type; the CSRF header is set like every mutation's.
 */
/** The billing formats an upload can be read as (POST /api/v1/ingest `format`; docs/FORMATS.md). */
export type UploadFormat = 'auto' | 'focus' | 'aws-cur' | 'azure-actual' | 'azure-amortized' | 'gcp-billing';

export function uploadFile(
  file: File,
  params: { source?: string; mode: 'strict' | 'lenient'; format?: UploadFormat },
  onProgress: (p: UploadProgress) => void,
): Promise<{ job_id: string; upload_id: string }> {
  return new Promise((resolve, reject) => {
    const q = new URLSearchParams();
    if (params.source) q.set('source', params.source);
    else q.set('filename', file.name);
    q.set('mode', params.mode);
    if (params.format && params.format !== 'auto') q.set('format', params.format);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/ingest?${q.toString()}`);
    xhr.setRequestHeader('Content-Type', mediaTypeOf(file.name));
    xhr.setRequestHeader('X-CSRF-Token', csrfToken());
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onerror = () => reject(new ApiError(0, 'unavailable', 'the upload was interrupted'));
    xhr.onload = () => {
      let body: { error?: { code?: string; message?: string; field?: string; request_id?: string } } & {
        job_id?: string;
        upload_id?: string;
      } = {};
      try {
        body = JSON.parse(xhr.responseText || '{}');
      } catch {
        /* not JSON: handled below */
      }
      if (xhr.status === 202 && body.job_id && body.upload_id) {
        resolve({ job_id: body.job_id, upload_id: body.upload_id });
        return;
      }
      const e = body.error ?? {};
      if (xhr.status === 401) onUnauthenticated?.();
      reject(
        new ApiError(xhr.status, e.code ?? 'unknown', e.message ?? `HTTP ${xhr.status}`, e.field,
          e.request_id ?? xhr.getResponseHeader('X-Request-Id') ?? undefined),
      );
    };
    xhr.send(file);
  });
}

/** The media type POST /api/v1/ingest expects for a file name (the server sniffs the bytes too). */
export function mediaTypeOf(name: string): string {
  const n = name.toLowerCase();
  if (n.endsWith('.gz')) return 'application/gzip';
  if (n.endsWith('.zst')) return 'application/zstd';
  if (n.endsWith('.csv')) return 'text/csv';
  return 'application/octet-stream';
}
