import pg from 'pg';
import { AppConfig } from '../config/app-config.js';

/**
 * Checks that the configured PostgreSQL server answers before Nest boots, so a wrong DATABASE_URL
 * gives one clear line instead of the framework's retry log and stack trace. Returns the problem, or null.
 */
export async function databaseProblem(config: Pick<AppConfig, 'database'>): Promise<string | null> {
  if (config.database.kind !== 'postgres') return null;
  const client = new pg.Client({ connectionString: config.database.url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    return (e as Error).message.split('\n')[0] || String(e);
  } finally {
    await client.end().catch(() => undefined);
  }
}
