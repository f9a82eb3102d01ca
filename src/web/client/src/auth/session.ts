/** The signed-in user of this browser tab: the token and what it says (sessionStorage: a tab's session ends with it). */
export interface Session {
  token: string;
  subject: string;
  roles: readonly string[];
  expiresAt: string;
}

const KEY = 'woonmix.session';

export function currentSession(): Session | null {
  const text = sessionStorage.getItem(KEY);
  if (!text) return null;
  try {
    const session = JSON.parse(text) as Session;
    if (Date.parse(session.expiresAt) <= Date.now()) {
      endSession();
      return null;
    }
    return session;
  } catch {
    endSession();
    return null;
  }
}

export function startSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function endSession(): void {
  sessionStorage.removeItem(KEY);
}

export function hasRole(session: Session | null, ...roles: string[]): boolean {
  return !!session && session.roles.some((r) => roles.includes(r));
}

/**
 * Signs out: this tab forgets the session at once, and the service ends it (its token is refused
 * from then on, on every instance). The request is `keepalive`, so it completes even when the page
 * is left right away; an unreachable service does not keep anyone signed in here. A session from the
 * identity provider is ended there too: the answer is the provider's sign-out address to go to
 * (it returns to the sign-in page); null: nothing more to do.
 */
export async function signOut(): Promise<string | null> {
  const session = currentSession();
  endSession();
  if (!session) return null;
  try {
    const response = await fetch('/auth/sign-out', { method: 'POST', keepalive: true, headers: { authorization: `Bearer ${session.token}` } });
    const body = (await response.json()) as { endSessionUrl?: unknown };
    return typeof body.endSessionUrl === 'string' && /^https?:\/\//.test(body.endSessionUrl) ? body.endSessionUrl : null;
  } catch {
    // unreachable: the token still expires by itself
    return null;
  }
}
