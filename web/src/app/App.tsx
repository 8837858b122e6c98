// The application shell: public pages (sign-in, invitation, password reset) and, once GET
// /api/v1/me answers, the signed-in pages inside the layout. A 401 anywhere returns to sign-in.
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactElement, useContext, useEffect } from 'react';
import { ApiError, csrfToken, setUnauthenticatedHandler } from '../api/client';
import { ErrorBox, Loading } from '../components/States';
import { AcceptInvitationPage } from '../pages/AcceptInvitation';
import { AuditPage } from '../pages/Audit';
import { DataPage } from '../pages/Data';
import { ExplorerPage } from '../pages/Explorer';
import { MembersPage } from '../pages/Members';
import { NotFoundPage } from '../pages/NotFound';
import { OverviewPage } from '../pages/Overview';
import { ResetPasswordPage } from '../pages/ResetPassword';
import { SettingsPage } from '../pages/Settings';
import { SignInPage } from '../pages/SignIn';
import { Layout } from './Layout';
import { navigate, useLocation } from './router';
import { SessionProvider, useMe } from './session';
import { type ThemeChoice, useTheme } from './theme';

export interface ThemeValue {
  dark: boolean;
  choice: ThemeChoice;
  setChoice: (c: ThemeChoice) => void;
}
const ThemeContext = createContext<ThemeValue>({ dark: false, choice: 'system', setChoice: () => {} });
export const useThemeValue = () => useContext(ThemeContext);

const kPublic: Record<string, () => ReactElement> = {
  '/sign-in': () => <SignInPage />,
  '/accept-invitation': () => <AcceptInvitationPage />,
  '/reset-password': () => <ResetPasswordPage />,
  '/verify-email': () => <ResetPasswordPage purpose="verify-email" />,
};

const kPages: Record<string, { title: string; render: () => ReactElement }> = {
  '/': { title: 'Overview', render: () => <OverviewPage /> },
  '/explorer': { title: 'Cost explorer', render: () => <ExplorerPage /> },
  '/data': { title: 'Data', render: () => <DataPage /> },
  '/audit': { title: 'Audit log', render: () => <AuditPage /> },
  '/members': { title: 'Members and roles', render: () => <MembersPage /> },
  '/settings': { title: 'Settings', render: () => <SettingsPage /> },
};

function SignedIn({ path }: { path: string }) {
  // Without the readable CSRF cookie there is no session: go to sign-in without asking the server.
  const hasSession = csrfToken() !== '';
  useEffect(() => {
    if (!hasSession) {
      const here = window.location.pathname + window.location.search;
      navigate(here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`, true);
    }
  }, [hasSession]);
  if (!hasSession) return <Loading what="the sign-in page" />;
  return <SignedInSession path={path} />;
}

function SignedInSession({ path }: { path: string }) {
  const me = useMe();
  const qc = useQueryClient();
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      qc.clear();
      const here = window.location.pathname + window.location.search;
      navigate(`/sign-in?next=${encodeURIComponent(here)}`, true);
    });
    return () => setUnauthenticatedHandler(null);
  }, [qc]);
  useEffect(() => {
    if (me.error instanceof ApiError && me.error.status === 401) {
      const here = window.location.pathname + window.location.search;
      navigate(here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`, true);
    }
  }, [me.error]);
  const page = kPages[path];
  useEffect(() => {
    document.title = `${page?.title ?? 'Not found'} · finguard`;
  }, [page]);
  if (me.isPending) return <Loading what="your session" />;
  if (me.error) {
    if (me.error instanceof ApiError && me.error.status === 401) return <Loading what="the sign-in page" />;
    return (
      <main className="center-page">
        <ErrorBox error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  return (
    <SessionProvider me={me.data}>
      <Layout title={page?.title ?? 'Not found'}>{page ? page.render() : <NotFoundPage />}</Layout>
    </SessionProvider>
  );
}

export function App() {
  const { path } = useLocation();
  const theme = useTheme();
  const publicPage = kPublic[path];
  return (
    <ThemeContext.Provider value={theme}>
      {publicPage ? publicPage() : <SignedIn path={path} />}
    </ThemeContext.Provider>
  );
}
