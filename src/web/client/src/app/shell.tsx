import type { ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { NavLink, useNavigate } from 'react-router';
import { currentSession, hasRole, signOut, type Session } from '../auth/session';
import { useI18n, type Language } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

interface NavItem {
  to: string;
  label: MessageKey;
  roles: string[];
}

/** Screens per role (README, "The workplace"): each role sees its own work, nothing else. */
export const NAVIGATION: NavItem[] = [
  { to: '/worklist', label: 'nav.worklist', roles: ['OFFICER', 'ADMIN'] },
  { to: '/approvals', label: 'nav.approvals', roles: ['OFFICER', 'ADMIN'] },
  // before the resilience screens: an auditor starts at the log
  { to: '/audit', label: 'nav.audit', roles: ['AUDITOR'] },
  // sanctions and objections (issue 17): officers handle them, auditors (and admins, sanctions) read
  { to: '/sanctions', label: 'nav.sanctions', roles: ['OFFICER', 'AUDITOR', 'ADMIN'] },
  { to: '/objections', label: 'nav.objections', roles: ['OFFICER', 'AUDITOR'] },
  { to: '/complexes', label: 'nav.complexes', roles: ['MANAGER'] },
  // a partner (wijkteam, zorg, gemeente, politie) reads its granted buurten and their dossiers, nothing else
  { to: '/priorities', label: 'nav.priorities', roles: ['MANAGER', 'AUDITOR', 'PARTNER'] },
  { to: '/programmes', label: 'nav.programmes', roles: ['MANAGER', 'AUDITOR'] },
  { to: '/simulations', label: 'nav.simulations', roles: ['MANAGER'] },
  { to: '/policies', label: 'nav.policies', roles: ['MANAGER'] },
  { to: '/rounds', label: 'nav.rounds', roles: ['OFFICER', 'MANAGER', 'ADMIN'] },
  { to: '/reports', label: 'nav.reports', roles: ['MANAGER', 'AUDITOR'] },
  // what the association publishes about its lettings (no personal data)
  { to: '/verantwoording', label: 'nav.accountability', roles: ['MANAGER', 'AUDITOR', 'ADMIN'] },
  { to: '/imports', label: 'nav.imports', roles: ['ADMIN'] },
];

export function homeFor(session: Session | null): string {
  const first = NAVIGATION.find((item) => hasRole(session, ...item.roles));
  return first?.to ?? '/worklist';
}

export function Shell({ children }: { children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const navigate = useNavigate();
  const session = currentSession();
  const items = NAVIGATION.filter((item) => hasRole(session, ...item.roles));
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <header className="topbar">
        <span className="brand">Woonmix</span>
        <nav aria-label={t('shell.navigation')}>
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{t(item.label)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          <label className="language">
            <span className="visually-hidden">{t('shell.language')}</span>
            <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
              <option value="nl">Nederlands</option>
              <option value="en">English</option>
            </select>
          </label>
          <span className="who" data-testid="signed-in-as">
            {session?.subject} ({session?.roles.map((r) => t(`role.${r}` as MessageKey)).join(', ')})
          </span>
          <Button
            className="button secondary"
            onPress={() => {
              // the tab forgets the session at once; the service ends it (its token is refused from then on),
              // and a session from the identity provider ends there too (which returns to the sign-in page)
              void signOut().then((atProvider) =>
                atProvider ? window.location.assign(atProvider) : navigate('/sign-in?reason=signed-out', { replace: true }),
              );
            }}
          >
            {t('shell.signOut')}
          </Button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
