import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Actor } from './roles.js';
import { mintToken } from './tokens.js';

export type SignInMethod = 'DEV' | 'OIDC';

/** What a sign-in hands the browser: the bearer token of a new session and when it ends. */
export interface SignedIn {
  token: string;
  subject: string;
  roles: string[];
  expiresAt: string;
}

/** Sessions past their expiry are kept this long (who was signed in when), then swept. */
const KEEP_EXPIRED_DAYS = 30;

/**
 * Sign-in sessions, kept in the database (table auth_session) so that signing out on one instance
 * of the service is seen by all. Lifetimes run on wall-clock time, as the token's own `exp` does
 * (jsonwebtoken reads Date.now()), not on the service's business clock.
 */
@Injectable()
export class AuthSessions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts a session for the actor and mints its token (valid as long as the session, TOKEN_TTL_SECONDS). */
  async signIn(actor: Actor, method: SignInMethod): Promise<SignedIn> {
    const ttl = this.config.auth.tokenTtlSeconds;
    const id = randomUUID();
    const issuedAt = Math.floor(Date.now() / 1000);
    // minted first: a subject or roles the token refuses leave no session behind
    const token = mintToken(this.config.auth.secret, actor, ttl, { sessionId: id, issuedAt });
    const roles = [...new Set(actor.roles)];
    const createdAt = new Date(issuedAt * 1000);
    const expiresAt = new Date((issuedAt + ttl) * 1000);
    await this.dataSource.query(`INSERT INTO auth_session (id, subject, roles, method, created_at, expires_at) VALUES ($1, $2, $3::text[], $4, $5, $6)`, [
      id,
      actor.subject,
      roles,
      method,
      createdAt.toISOString(),
      expiresAt.toISOString(),
    ]);
    await this.dataSource.query(`DELETE FROM auth_session WHERE expires_at < $1`, [new Date(Date.now() - KEEP_EXPIRED_DAYS * 86_400_000).toISOString()]);
    return { token, subject: actor.subject, roles, expiresAt: expiresAt.toISOString() };
  }

  /** Why a token of this session may no longer be used (unknown, signed out, expired); null while it is open. One key lookup. */
  async problemWith(sessionId: string): Promise<string | null> {
    const [row]: { ended_at: Date | string | null; expires_at: Date | string }[] = await this.dataSource.query(
      `SELECT ended_at, expires_at FROM auth_session WHERE id = $1`,
      [sessionId],
    );
    if (!row) return 'session unknown (sign in again)';
    if (row.ended_at !== null) return 'session ended (signed out)';
    if (new Date(row.expires_at).getTime() <= Date.now()) return 'session expired';
    return null;
  }

  /**
   * Ends the session (sign-out): how it had been signed in to (an OIDC session is also ended at the
   * provider); null when it had already ended or does not exist.
   */
  async end(sessionId: string): Promise<SignInMethod | null> {
    // TypeORM answers an UPDATE with [rows, affected]; the rows are those RETURNING names
    const [rows]: [{ method: SignInMethod }[], number] = await this.dataSource.query(
      `UPDATE auth_session SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL RETURNING method`,
      [sessionId, new Date().toISOString()],
    );
    return rows[0]?.method ?? null;
  }
}
