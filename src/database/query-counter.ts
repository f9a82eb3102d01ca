import { AbstractLogger, LogLevel, LogMessage, QueryRunner } from 'typeorm';

/**
 * TypeORM logger that counts queries (used by tests to prove batching) and prints SQL only when
 * DB_LOG is on.
 */
export class QueryCountingLogger extends AbstractLogger {
  queryCount = 0;
  constructor(private readonly printSql: boolean) {
    super(['query', 'error', 'warn']);
  }
  override logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    this.queryCount += 1;
    if (this.printSql) super.logQuery(query, parameters, queryRunner);
  }
  protected writeLog(level: LogLevel, logMessage: LogMessage | LogMessage[]): void {
    if (!this.printSql && level !== 'error') return;
    const messages = Array.isArray(logMessage) ? logMessage : [logMessage];
    for (const m of messages) console.log(`[sql:${level}] ${String(m.message)}`);
  }
}
