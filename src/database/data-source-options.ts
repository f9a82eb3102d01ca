import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { LossNotingClient } from './connection-loss.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations.js';
import { createPgliteDriver } from './pglite-driver.js';
import { QueryCountingLogger } from './query-counter.js';

const PG_DATE_OID = 1082;
const identity = (value: string) => value;

/**
 * DATABASE_URL set -> real PostgreSQL via pg; otherwise embedded PGlite in a file-backed directory,
 * with transactions serialised by the driver's mutex (PGlite has one session; typeorm-pglite shares it and
 * so interleaves concurrent transactions: src/database/pglite-driver.ts).
 */
export function dataSourceOptions(config: Pick<AppConfig, 'database' | 'logSql'> & { requests?: Pick<AppConfig['requests'], 'timeoutMs'> }): DataSourceOptions {
  // DATE stays 'YYYY-MM-DD': no time-zone shift between the drivers.
  pg.types.setTypeParser(PG_DATE_OID, identity);
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: true,
    logger: new QueryCountingLogger(config.logSql),
  };
  if (config.database.kind === 'postgres') {
    return {
      ...common,
      url: config.database.url, // statement_timeout: a request past its time limit does not leave its query running on the server
      extra: { max: 10, connectionTimeoutMillis: 5000, ...(config.requests ? { statement_timeout: config.requests.timeoutMs } : {}), Client: LossNotingClient },
    };
  }
  const dir = config.database.dataDir;
  if (!dir.includes('://')) mkdirSync(dir, { recursive: true }); // PGlite does not create parent dirs
  return { ...common, driver: createPgliteDriver(dir, { parsers: { [PG_DATE_OID]: identity } }) };
}
