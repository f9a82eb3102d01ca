import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in sessions (README, "Signing in"): one row per sign-in (development sign-in or the
 * association's OpenID Connect provider). A token minted for a sign-in names its session (claim
 * `sid`), and every request with such a token looks the session up by its key: once signed out
 * (ended_at) or past expires_at it is refused with 401, by every instance of the service alike.
 * Static API tokens (npm run token) have no session.
 */
export class AuthSessions1764000000012 implements MigrationInterface {
  name = 'AuthSessions1764000000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE auth_session (
        id uuid PRIMARY KEY,
        subject text NOT NULL,
        roles text[] NOT NULL,
        method text NOT NULL CHECK (method IN ('DEV', 'OIDC')),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        CHECK (expires_at > created_at),
        CHECK (cardinality(roles) > 0)
      )`);
    // sessions long past their expiry are swept (AuthSessions.signIn)
    await q.query(`CREATE INDEX auth_session_expires_at_idx ON auth_session(expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE auth_session`);
  }
}
