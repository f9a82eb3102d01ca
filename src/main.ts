import 'reflect-metadata';
import { loadConfigOrExit } from './config/app-config.js';
import { createApp } from './bootstrap.js';
import { ROLES } from './auth/roles.js';
import { mintToken } from './auth/tokens.js';
import { databaseProblem } from './database/preflight.js';
import { DemoSeederService } from './demo/demo-seeder.service.js';
import { RuleParametersService } from './parameters/rule-parameters.service.js';
import { CLOCK, type Clock } from './common/clock.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const where =
    config.database.kind === 'postgres' ? `PostgreSQL at ${redact(config.database.url)}` : `embedded PostgreSQL (PGlite) in ${config.database.dataDir}`;
  const problem = await databaseProblem(config);
  if (problem) {
    console.error(`Cannot start: database unavailable (${where}): ${problem}`);
    process.exit(1);
  }
  let app;
  try {
    app = await createApp({ config });
  } catch (e) {
    console.error(`Cannot start: database unavailable (${where}): ${(e as Error).message.split('\n')[0]}`);
    process.exit(1);
  }
  if (config.seedDemoOnEmpty) {
    const seeder = app.get(DemoSeederService);
    if (await seeder.isEmpty()) {
      console.log('Empty database: loading the demo municipality (once)...');
      const { counts, caseComplexCode } = await seeder.load(config.demoSeed, false, { scale: config.demoScale, progress: (line) => console.log(line) });
      console.log(
        `Loaded demo municipality (seed ${config.demoSeed}): ${Object.entries(counts)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')}; case complex ${caseComplexCode}`,
      );
    }
  }
  try {
    await app.listen(config.port, config.host);
  } catch (e) {
    console.error(`Cannot listen on ${config.host}:${config.port}: ${(e as Error).message}`);
    await app.close();
    process.exit(1);
  }
  const base = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  console.log(`\nWoonmix is running (${config.nodeEnv}) on ${where}`);
  console.log(`  Workplace:    ${base}/   (the web application; served locally, nothing loads from the internet)`);
  console.log(`  GraphQL API:  POST ${base}/graphql`);
  console.log(`  Health:       GET  ${base}/health  and  ${base}/health/ready`);
  // legal parameters are per calendar year: say so well before 1 January, not on it
  const coverage = await app.get(RuleParametersService).coverage(app.get<Clock>(CLOCK).today());
  if (coverage.warning) console.log(`  WARNING:      ${coverage.warning}`);
  if (config.nodeEnv === 'development') {
    console.log(
      `  Sign in:      open ${base}/ and pick a demo role: Woonconsulent (officer; a second officer signs in as dev-officer-2), Manager, Auditor, Beheerder (admin) or Partner (the wijkteam, granted Rozenhof's buurt)`,
    );
    // ready tokens for a newcomer (development only; production tokens come from your identity provider or npm run token)
    const tokens = [
      ...ROLES.map(
        (role) => [role, mintToken(config.auth.secret, { subject: `dev-${role.toLowerCase()}`, roles: [role] }, config.auth.tokenTtlSeconds)] as const,
      ),
      // a second officer for four-eyes approvals (both are assigned to the demo municipality)
      ['OFFICER2', mintToken(config.auth.secret, { subject: 'dev-officer-2', roles: ['OFFICER'] }, config.auth.tokenTtlSeconds)] as const,
    ];
    console.log(`  Tokens (development, valid ${Math.round(config.auth.tokenTtlSeconds / 3600)} h; npm run token -- --role OFFICER mints more):`);
    for (const [role, token] of tokens) console.log(`    ${role.padEnd(8)} ${token}`);
    console.log(
      `  Try:          curl -s ${base}/graphql -H 'content-type: application/json' -H 'authorization: Bearer ${tokens[0][1]}' -d '{"query":"{ complexes(first: 3) { totalCount nodes { code name } } }"}'\n`,
    );
  } else {
    console.log(`  Access:       every request needs Authorization: Bearer <token> (npm run token -- --role OFFICER)\n`);
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

void main();
