import { useEffect, useState, type FormEvent } from 'react';
import { Button, Input, Label, Radio, RadioGroup, TextField } from 'react-aria-components';
import { useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { startSession } from './session';
import { newSignInNonce, rememberSignInNonce } from './sign-in-nonce';

interface Options {
  development: { roles: string[]; subjects: Record<string, string> } | null;
  oidc?: { enabled: boolean; providerName?: string };
}

/** Why a sign-in at the identity provider came back without a session (GET /auth/oidc/callback: /sign-in?error=...). */
const PROVIDER_ERRORS = ['state', 'provider', 'token', 'no-role', 'subject', 'unavailable'] as const;

/** A path of this application to go on to after signing in (never another site). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/**
 * Sign-in. With the association's identity provider configured (OIDC_ISSUER) a button leads there
 * (GET /auth/oidc/start; the service finishes the sign-in and returns to /sign-in/complete). In
 * development the service also offers the demo roles and mints a token for the chosen role and
 * subject (POST /auth/dev-sign-in; absent with NODE_ENV=production).
 */
export function SignInPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [options, setOptions] = useState<Options | null>(null);
  const [role, setRole] = useState('OFFICER');
  const [subject, setSubject] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // this page's tab nonce for a sign-in at the provider: remembered when the person starts
  const [tabNonce] = useState(newSignInNonce);

  useEffect(() => {
    fetch('/auth/options')
      .then((r) => r.json() as Promise<Options>)
      .then(setOptions)
      .catch(() => setProblem(t('signIn.unreachable')));
  }, [t]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const response = await fetch('/auth/dev-sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role, subject: subject || undefined }),
      });
      const body = await response.json();
      if (!response.ok) {
        setProblem(body?.errors?.[0]?.message ?? body?.message ?? `HTTP ${response.status}`);
        return;
      }
      startSession(body);
      void navigate(safeNext(params.get('next')), { replace: true });
    } catch {
      setProblem(t('signIn.unreachable'));
    } finally {
      setBusy(false);
    }
  };

  const reason = params.get('reason');
  const providerError = PROVIDER_ERRORS.find((e) => e === params.get('error'));
  const development = options?.development;
  const oidc = options?.oidc?.enabled ? options.oidc : null;
  return (
    <main id="main" className="sign-in">
      <h1>{t('signIn.title')}</h1>
      {reason === 'expired' && <p role="status">{t('signIn.expired')}</p>}
      {reason === 'signed-out' && <p role="status">{t('signIn.signedOut')}</p>}
      {providerError && (
        <p role="alert" className="error">
          {t(`signIn.error.${providerError}`)}
        </p>
      )}
      {options && !development && oidc && <p>{t('signIn.productionOnly')}</p>}
      {options && !development && !oidc && <p>{t('signIn.noProvider')}</p>}
      {oidc && (
        <p>
          {/* a page load, not a fetch: the browser goes to the provider and back; only this tab may complete it */}
          <a
            className="button"
            href={`/auth/oidc/start?${new URLSearchParams({ next: safeNext(params.get('next')), tabNonce }).toString()}`}
            onClick={() => rememberSignInNonce(tabNonce)}
          >
            {t('signIn.withProvider', { provider: oidc.providerName ?? 'OpenID Connect' })}
          </a>
        </p>
      )}
      {development && oidc && <p>{t('signIn.orDevelopment')}</p>}
      {development && (
        <form onSubmit={submit} aria-describedby="dev-note">
          <p id="dev-note" className="note">
            {t('signIn.developmentNote')}
          </p>
          <RadioGroup value={role} onChange={setRole} className="radio-group">
            <Label>{t('signIn.role')}</Label>
            {development.roles.map((r) => (
              <Radio key={r} value={r}>
                {t(`role.${r}` as MessageKey)} <span className="muted">({development.subjects[r]})</span>
              </Radio>
            ))}
          </RadioGroup>
          <TextField value={subject} onChange={setSubject} className="field">
            <Label>{t('signIn.subject')}</Label>
            <Input placeholder={development.subjects[role]} />
          </TextField>
          <Button type="submit" className="button" isDisabled={busy}>
            {t('signIn.submit')}
          </Button>
        </form>
      )}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </main>
  );
}
