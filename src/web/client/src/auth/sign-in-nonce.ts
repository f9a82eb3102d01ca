/**
 * The tab nonce of a sign-in at the identity provider (login CSRF): made by the sign-in page when
 * the person starts, kept in this tab's sessionStorage, carried by the service in its sealed state
 * and handed back beside the token; /sign-in/complete keeps a token only when the nonce that came
 * with it is this tab's. Another site's or person's completion address finds no nonce here, or
 * another one. The service checks the form (src/auth/sign-in-state.ts, isTabNonce).
 */
const KEY = 'woonmix.signInNonce';

/** 32 random bytes, base64url without padding (43 characters). */
export function newSignInNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** This tab started a sign-in with `nonce` (the newest start counts: the service's state cookie is also the newest). */
export function rememberSignInNonce(nonce: string): void {
  sessionStorage.setItem(KEY, nonce);
}

/** The nonce of the sign-in this tab started; null when it started none. */
export function signInNonce(): string | null {
  return sessionStorage.getItem(KEY);
}

/** One start, one completion: the nonce is gone whatever the outcome. */
export function forgetSignInNonce(): void {
  sessionStorage.removeItem(KEY);
}
