// The frame of every signed-in page: a skip link, the navigation (a drawer at phone width), the
// principal's role, the theme switch and sign-out.
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { api } from '../api/client';
import { Link } from '../components/Link';
import { roleLabel } from '../lib/permissions';
import { useThemeValue } from './App';
import { navigate, useLocation } from './router';
import { useSession } from './session';
import type { ThemeChoice } from './theme';

interface NavItem {
  href: string;
  label: string;
  permission?: string;
}

const kNav: NavItem[] = [
  { href: '/', label: 'Overview', permission: 'costs.read' },
  { href: '/explorer', label: 'Cost explorer', permission: 'costs.read' },
  { href: '/data', label: 'Data', permission: 'jobs.read' },
  { href: '/audit', label: 'Audit log', permission: 'audit.read' },
  { href: '/members', label: 'Members and roles', permission: 'roles.read' },
  { href: '/settings', label: 'Settings' },
];

export function Layout({ title, children }: { title: string; children: ReactNode }) {
  const { me, can } = useSession();
  const { path } = useLocation();
  const theme = useThemeValue();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const signOut = async () => {
    try {
      await api.post('/api/v1/auth/logout');
    } finally {
      qc.clear();
      navigate('/sign-in', true);
    }
  };
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="btn nav-toggle"
          aria-expanded={open}
          aria-controls="nav"
          onClick={() => setOpen(!open)}
        >
          Menu
        </button>
        <Link href="/" className="brand">
          finguard
        </Link>
        <span className="topbar-spacer" />
        <label className="theme-select">
          <span className="visually-hidden">Theme</span>
          <select
            value={theme.choice}
            onChange={(e) => theme.setChoice(e.target.value as ThemeChoice)}
            aria-label="Theme"
          >
            <option value="system">System theme</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <span className="whoami" data-testid="whoami">
          {roleLabel(me.role)}
        </span>
        <button type="button" className="btn" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <div className="body">
        <nav id="nav" className={open ? 'nav open' : 'nav'} aria-label="Main">
          <ul>
            {kNav
              .filter((n) => !n.permission || can(n.permission))
              .map((n) => (
                <li key={n.href}>
                  <Link
                    href={n.href}
                    aria-current={path === n.href ? 'page' : undefined}
                    onClick={() => setOpen(false)}
                  >
                    {n.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <main id="main" className="main" tabIndex={-1}>
          <h1>{title}</h1>
          {children}
        </main>
      </div>
    </div>
  );
}
