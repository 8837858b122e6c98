// Loading, empty and error states. An error shows the server's own message and its request id, so a
// user can quote it to an operator who finds the matching log line.
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

export function Loading({ what }: { what: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const e = error instanceof ApiError ? error : null;
  const message = e ? e.message : error instanceof Error ? error.message : String(error);
  return (
    <div className="state state-error" role="alert">
      <strong>{e?.status === 403 ? 'Not allowed' : e?.status === 404 ? 'Not found' : 'Something went wrong'}</strong>
      <span className="error-message">{message}</span>
      {e?.field && <span className="error-field">Field: {e.field}</span>}
      {e?.requestId && (
        <span className="error-request-id">
          Request id: <code>{e.requestId}</code>
        </span>
      )}
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Renders a query's state: loading, error (with retry) or the content. */
export function QueryState<T>({
  query,
  what,
  children,
}: {
  query: { isPending: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading what={what} />;
  if (query.error) return <ErrorBox error={query.error} onRetry={() => void query.refetch()} />;
  return <>{query.data !== undefined ? children(query.data) : null}</>;
}
