import jwt from 'jsonwebtoken';
import { Actor, Role, isRole } from './roles.js';

/** Tokens name their issuer: a token of another system with the same secret is not ours. */
export const TOKEN_ISSUER = 'woonmix';
const ALGORITHM = 'HS256';
const SUBJECT = /^[A-Za-z0-9._@-]{1,100}$/;

export class TokenError extends Error {}

/** A signed bearer token (JWT, HS256) for a subject with one or more roles. */
export function mintToken(secret: string, actor: Actor, ttlSeconds: number): string {
  if (!SUBJECT.test(actor.subject)) throw new TokenError('subject must be 1-100 letters, digits, ".", "_", "@" or "-"');
  if (actor.roles.length === 0 || !actor.roles.every(isRole)) throw new TokenError('roles must name at least one of OFFICER, MANAGER, AUDITOR, ADMIN');
  return jwt.sign({ roles: [...new Set(actor.roles)] }, secret, { algorithm: ALGORITHM, subject: actor.subject, issuer: TOKEN_ISSUER, expiresIn: ttlSeconds });
}

/** The actor of a valid token; a TokenError saying why otherwise (expired, bad signature, no roles). */
export function verifyToken(secret: string, token: string): Actor {
  let claims: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(token, secret, { algorithms: [ALGORITHM], issuer: TOKEN_ISSUER });
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
  return { subject: claims.sub, roles: roles as Role[] };
}
