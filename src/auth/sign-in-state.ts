import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * What the service must remember between sending the browser to the provider and its return: the
 * PKCE verifier, state and nonce, the nonce of the browser tab that started, and where the user was
 * going. Kept in the browser in a short-lived HttpOnly cookie, sealed (AES-256-GCM under a key
 * derived from AUTH_SECRET): the browser can neither read the verifier nor change anything, and any
 * instance of the service can open it.
 */
export interface SignInState {
  codeVerifier: string;
  state: string;
  nonce: string;
  /**
   * The sign-in page's nonce for the tab that started (see isTabNonce), handed back beside the token:
   * /sign-in/complete takes the token only when it is that tab's own (login CSRF).
   */
  tabNonce: string;
  /** Path in the web application to go to afterwards. */
  next: string;
  /** Seconds since the epoch after which the attempt is void. */
  expiresAt: number;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

function key(secret: string): Buffer {
  return createHmac('sha256', secret).update('woonmix-oidc-sign-in-state').digest();
}

export function sealSignInState(secret: string, value: SignInState): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key(secret), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The state sealed by this service and not yet expired; null for anything else (altered, foreign, expired, garbage). */
export function openSignInState(secret: string, sealed: string | undefined, nowSeconds: number): SignInState | null {
  if (!sealed || !/^[A-Za-z0-9_-]+$/.test(sealed)) return null;
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(secret), bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const text = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    const value = JSON.parse(text) as SignInState;
    if (typeof value.expiresAt !== 'number' || value.expiresAt <= nowSeconds) return null;
    if (![value.codeVerifier, value.state, value.nonce, value.next].every((v) => typeof v === 'string')) return null;
    // sealed before tab nonces existed (or not by this code): its token could be taken by any tab
    if (!isTabNonce(value.tabNonce)) return null;
    return value;
  } catch {
    return null;
  }
}

/** A path of the web application to return to: same origin only ("/x", never "//host" or "/\host"); otherwise "/". */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) && next.length <= 2000 ? next : '/';
}

/**
 * A tab nonce as the sign-in page makes it: 32 bytes of crypto.getRandomValues, base64url without
 * padding (43 characters). Anything else is refused before a sign-in starts.
 */
export function isTabNonce(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}
