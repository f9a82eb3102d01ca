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
