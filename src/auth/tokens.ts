import jwt from 'jsonwebtoken';
import { createSecretKey, KeyObject } from 'node:crypto';
import { Actor, ROLES, Role, isRole } from './roles.js';

/** Tokens name their issuer: a token of another system with the same secret is not ours. */
export const TOKEN_ISSUER = 'woonmix';
const ALGORITHM = 'HS256';
const SUBJECT = /^[A-Za-z0-9._@-]{1,100}$/;
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class TokenError extends Error {}

/** Whether a subject fits the tokens' rule (1-100 letters, digits, ".", "_", "@" or "-"). */
export function isValidSubject(subject: string): boolean {
  return SUBJECT.test(subject);
}

export interface MintOptions {
  /**
   * The sign-in session the token belongs to (claim `sid`): the service refuses the token once the
   * session has ended (src/auth/auth-sessions.service.ts). Without it, a static API token (npm run token).
   */
  sessionId?: string;
  /** Issued at (seconds since the epoch); the expiry is counted from it. Default: now. */
  issuedAt?: number;
}

/** A signed bearer token (JWT, HS256) for a subject with one or more roles. */
export function mintToken(secret: string, actor: Actor, ttlSeconds: number, options: MintOptions = {}): string {
  if (!SUBJECT.test(actor.subject)) throw new TokenError('subject must be 1-100 letters, digits, ".", "_", "@" or "-"');
  if (actor.roles.length === 0 || !actor.roles.every(isRole)) throw new TokenError(`roles must name at least one of ${ROLES.join(', ')}`);
  if (options.sessionId !== undefined && !SESSION_ID.test(options.sessionId)) throw new TokenError('session id must be a lower-case UUID');
  const claims: Record<string, unknown> = { roles: [...new Set(actor.roles)] };
  if (options.sessionId !== undefined) claims.sid = options.sessionId;
  if (options.issuedAt !== undefined) claims.iat = options.issuedAt;
  return jwt.sign(claims, secret, { algorithm: ALGORITHM, subject: actor.subject, issuer: TOKEN_ISSUER, expiresIn: ttlSeconds });
}

/**
 * The secret as a key object, made once per secret: given a string, jsonwebtoken first tries it as a
 * PEM public key and fails (an exception per request): 0.53 ms against 0.01 ms a verification
 * (node on this machine, 2,000 verifications each).
 */
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}

/** The actor of a valid token; a TokenError saying why otherwise (expired, bad signature, no roles). */
export function verifyToken(secret: string, token: string): Actor {
  return verifyTokenClaims(secret, token).actor;
}

/**
 * The actor of a valid token and its sign-in session (null for a static API token). The signature
 * and expiry are checked here; whether the session is still open is for the caller to ask the
 * database (AuthSessions.problemWith).
 */
export function verifyTokenClaims(secret: string, token: string): { actor: Actor; sessionId: string | null } {
  let claims: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(token, keyOf(secret), { algorithms: [ALGORITHM], issuer: TOKEN_ISSUER });
    if (typeof decoded === 'string') throw new TokenError('token has no claims');
    claims = decoded;
  } catch (error) {
    if (error instanceof TokenError) throw error;
    if (error instanceof jwt.TokenExpiredError) throw new TokenError('token expired');
    throw new TokenError(`invalid token (${(error as Error).message})`);
  }
  // what mintToken promises, required of every token: an expiry, a subject of the minting rule, known roles
  if (typeof claims.exp !== 'number') throw new TokenError('token has no expiry (exp)');
  if (typeof claims.sub !== 'string' || !SUBJECT.test(claims.sub)) throw new TokenError('token subject must be 1-100 letters, digits, ".", "_", "@" or "-"');
  const roles = Array.isArray(claims.roles) ? claims.roles.filter(isRole) : [];
  if (roles.length === 0) throw new TokenError('token names no known role');
  const sid: unknown = claims.sid;
  if (sid !== undefined && (typeof sid !== 'string' || !SESSION_ID.test(sid))) throw new TokenError('token session id (sid) is malformed');
  return { actor: { subject: claims.sub, roles: roles as Role[] }, sessionId: typeof sid === 'string' ? sid : null };
}
