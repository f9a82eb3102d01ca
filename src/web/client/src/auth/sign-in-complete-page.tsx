import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { startSession, type Session } from './session';

/** The session the service handed over in the address's fragment (never sent to a server, so never logged). */
function sessionFromFragment(hash: string): { session: Session; next: string } | null {
  const given = new URLSearchParams(hash.replace(/^#/, ''));
  const token = given.get('token');
  const subject = given.get('subject');
  const roles = (given.get('roles') ?? '').split(',').filter(Boolean);
  const expiresAt = given.get('expiresAt');
  if (!token || !subject || roles.length === 0 || !expiresAt || Number.isNaN(Date.parse(expiresAt))) return null;
  const next = given.get('next') ?? '/';
  return { session: { token, subject, roles, expiresAt }, next: next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/' };
}

/**
 * Where the identity provider's sign-in ends (GET /auth/oidc/callback redirects here): the tab keeps
 * the new session and goes on to where the user was going; the token leaves the address bar and the
 * history at once.
 */
export function SignInCompletePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  // read once, before the effect below wipes the fragment
  const [given] = useState(() => sessionFromFragment(window.location.hash));

  useEffect(() => {
    window.history.replaceState(window.history.state, '', window.location.pathname);
    if (!given) return;
    startSession(given.session);
    void navigate(given.next, { replace: true });
  }, [given, navigate]);

  return (
    <main id="main" className="sign-in">
      <h1>{t('signIn.title')}</h1>
      {!given ? (
        <>
          <p role="alert" className="error">
            {t('signIn.complete.failed')}
          </p>
          <Link to="/sign-in" className="button">
            {t('signIn.again')}
          </Link>
        </>
      ) : (
        <p role="status">{t('signIn.complete.busy')}</p>
      )}
    </main>
  );
}
