import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { startSession, type Session } from './session';
import { forgetSignInNonce, signInNonce } from './sign-in-nonce';

type Completion = { kind: 'session'; session: Session; next: string } | { kind: 'no-session' } | { kind: 'other-tab' };

/**
 * The session the service handed over in the address's fragment (never sent to a server, so never
 * logged), if it belongs to the sign-in this tab started: the tab nonce beside it must be the one
 * this tab remembered when it went to the provider (login CSRF: a completion address made for
 * someone else's account signs no one in here).
 */
function completionFromFragment(hash: string, expectedNonce: string | null): Completion {
  const given = new URLSearchParams(hash.replace(/^#/, ''));
  const token = given.get('token');
  const subject = given.get('subject');
  const roles = (given.get('roles') ?? '').split(',').filter(Boolean);
  const expiresAt = given.get('expiresAt');
  if (!token || !subject || roles.length === 0 || !expiresAt || Number.isNaN(Date.parse(expiresAt))) return { kind: 'no-session' };
  if (!expectedNonce || given.get('tabNonce') !== expectedNonce) return { kind: 'other-tab' };
  const next = given.get('next') ?? '/';
  return {
    kind: 'session',
    session: { token, subject, roles, expiresAt },
    next: next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/',
  };
}

/**
 * Where the identity provider's sign-in ends (GET /auth/oidc/callback redirects here): the tab keeps
 * the new session and goes on to where the user was going; the token leaves the address bar and the
 * history at once, and the tab's nonce is used up whatever the outcome.
 */
export function SignInCompletePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  // read once, before the effect below wipes the fragment and the nonce
  const [given] = useState(() => completionFromFragment(window.location.hash, signInNonce()));

  useEffect(() => {
    window.history.replaceState(window.history.state, '', window.location.pathname);
    forgetSignInNonce();
    if (given.kind !== 'session') return;
    startSession(given.session);
    void navigate(given.next, { replace: true });
  }, [given, navigate]);

  return (
    <main id="main" className="sign-in">
      <h1>{t('signIn.title')}</h1>
      {given.kind !== 'session' ? (
        <>
          <p role="alert" className="error">
            {t(given.kind === 'other-tab' ? 'signIn.complete.otherTab' : 'signIn.complete.failed')}
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
