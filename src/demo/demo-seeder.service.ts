import { createHash } from 'node:crypto';
import { CompositionPolicyService } from '../allocation/composition-policy.service.js';
import { SYSTEM_ACTOR } from '../auth/roles.js';
import { CompositionPolicyDocument } from '../engine/allocation/composition-policy-document.js';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CLOCK, holdingDeadlines, type Clock } from '../common/clock.js';
import { ImportsService } from '../imports/imports.service.js';
import { PartnerActionStatus } from '../resilience/graphql/programme.type.js';
import { addDays, addYears } from '../engine/common/dates.js';
import { PartnerGrantsService } from '../resilience/partner-grants.service.js';
import { ProgrammesService } from '../resilience/programmes.service.js';
import { LettingReplayService } from '../allocation/letting-replay.service.js';
import { SeededRandom } from '../engine/common/seeded-random.js';
import { demoAnswers } from './demo-letting-answers.js';
import { DEMO_PROGRAMME_YEARS_AGO, DemoLettingHistory, DemoScale, generateDemoMunicipality } from './generate-demo.js';

/** What loading the demo took (issue 18's bench reports the import's rows per second). */
export interface DemoLoadTimings {
  generateMs: number;
  importMs: number;
  /** Rows of the import's sections (a household's members and a vacancy's respondents ride on their rows). */
  rowsImported: number;
  historyMs: number;
}

/** How often a large import logs its progress. */
const PROGRESS_EVERY_MS = 5000;

/** Tables holding demo-replaceable data, children first (rule parameters and the class scale stay). */
/** Subjects of the development officer tokens (src/main.ts), assigned to the demo municipality. */
export const DEMO_OFFICERS = ['dev-officer', 'dev-officer-2'];
/** Subject of the development partner token (src/web/dev-sign-in.controller.ts): the wijkteam, granted Rozenwijk. */
export const DEMO_PARTNER = 'dev-partner';

export const DATA_TABLES = [
  'vera_record_key',
  'dossier_release',
  'objection',
  'sanction',
  'candidate_event',
  'candidate',
  'vacancy_publication',
  'partner_grant',
  'programme_action',
  'programme_goal',
  'programme',
  'outcome_observation',
  'officer_assignment',
  'simulation',
  'offer',
  'proposal',
  'allocation_round',
  'allocation',
  'vacancy_response',
  'vacancy',
  'tenancy',
  'household_member',
  'household',
  'dwelling',
  'complex',
  'neighbourhood_reading',
  'neighbourhood',
];

@Injectable()
export class DemoSeederService {
  private readonly logger = new Logger('Demo');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly imports: ImportsService,
    private readonly compositionPolicies: CompositionPolicyService,
    private readonly programmes: ProgrammesService,
    private readonly grants: PartnerGrantsService,
    private readonly lettings: LettingReplayService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async isEmpty(): Promise<boolean> {
    const [{ n }] = await this.dataSource.query('SELECT count(*)::int AS n FROM complex');
    return Number(n) === 0;
  }

  /** Generates the demo municipality for today and imports it (all or nothing). */
  /**
   * `lettingHistory: false` leaves the letting activity out: the past year's lettings (their vacancies
   * are not imported and nothing is played back) and the advertisement whose window has ended, so
   * every open vacancy is unpublished: for tests that need the stock and the open vacancies only.
   */
  async load(
    seed: number,
    replaceExisting = false,
    {
      lettingHistory = true,
      scale = 'demo',
      progress = (line) => this.logger.log(line),
    }: { lettingHistory?: boolean; scale?: DemoScale; progress?: (line: string) => void } = {},
  ): Promise<{ caseComplexCode: string; counts: Record<string, number>; timings: DemoLoadTimings }> {
    const started = Date.now();
    const generated = generateDemoMunicipality({ seed, referenceDate: this.clock.today(), scale });
    const generateMs = Date.now() - started;
    progress(`Generated the ${scale === 'large' ? 'large demo region' : 'demo municipality'} (seed ${seed}) in ${Date.now() - started} ms`);
    const played = new Set(generated.lettingHistory.vacancies);
    const dataset = lettingHistory
      ? generated
      : { ...generated, vacancies: generated.vacancies.filter((v) => !played.has(v.reference)), lettingHistory: { vacancies: [], choosyApplicant: null } };
    // replacing happens inside the import's transaction: a failed reload leaves the old data in place
    const replace = replaceExisting
      ? async (m: EntityManager) => {
          await m.query(`TRUNCATE ${DATA_TABLES.join(', ')} RESTART IDENTITY CASCADE`);
        }
      : undefined;
    // the large region holds more rows than one import may (MAX_IMPORT_ROWS): the same validation, in
    // batches, still one transaction; progress is logged at most every few seconds
    let lastProgress = 0;
    const importStarted = Date.now();
    const result =
      scale === 'large'
        ? await this.imports.importDatasetInBatches(dataset, {
            beforeWrite: replace,
            onProgress: (p) => {
              if (p.done < p.total && p.elapsedMs - lastProgress < PROGRESS_EVERY_MS) return;
              lastProgress = p.elapsedMs;
              progress(
                `Importing: ${p.done} of ${p.total} rows (${p.section} ${p.sectionDone}/${p.sectionTotal}), ${Math.round(p.done / (p.elapsedMs / 1000))} rows/s`,
              );
            },
          })
        : await this.imports.importDataset(dataset, replace);
    if (!result.ok) {
      const first = result.errors
        .slice(0, 5)
        .map((e) => `${e.section}:${e.line} ${e.field} ${e.reason}`)
        .join('; ');
      throw new Error(`Demo data failed validation (${result.errors.length} problems): ${first}`);
    }
    const importMs = Date.now() - importStarted;
    await this.addPlanRozenhof();
    await this.assignDemoOfficers();
    await this.addRozenhofProgramme(dataset.caseComplexCode);
    const historyStarted = Date.now();
    // the deadline job judges by today's date: it waits while the history's offers are open between steps
    const history = await holdingDeadlines(() => this.playLettingHistory(dataset.lettingHistory, seed));
    progress(`Played back ${history.let} of the past year's ${dataset.lettingHistory.vacancies.length} lettings in ${Date.now() - historyStarted} ms`);
    if (lettingHistory) await this.advertiseEndedWindow();
    const counts = { ...Object.fromEntries(result.rows.map((r) => [r.section, r.rows])), 'lettings played back': history.let };
    this.logger.log(
      `Loaded demo municipality (seed ${seed}) in ${Date.now() - started} ms: ${JSON.stringify(counts)}; case complex ${dataset.caseComplexCode}`,
    );
    const timings = { generateMs, importMs, rowsImported: result.rows.reduce((n, r) => n + r.rows, 0), historyMs: Date.now() - historyStarted };
    return { caseComplexCode: dataset.caseComplexCode, counts, timings };
  }

  /**
   * One open regular vacancy (the last by id with respondents) advertised over the past week, its
   * window ended yesterday: the officer's next step is to close it and make the candidate list. The
   * other open vacancies stay unpublished, ready to be advertised or proposed directly.
   */
  private async advertiseEndedWindow(): Promise<void> {
    const [last]: { id: number }[] = await this.dataSource.query(
      `SELECT v.id FROM vacancy v WHERE v.status = 'OPEN' AND v.route = 'REGULAR'
          AND (SELECT count(*) FROM vacancy_response r WHERE r.vacancy_id = v.id) > 1
          AND NOT EXISTS (SELECT 1 FROM vacancy_publication p WHERE p.vacancy_id = v.id)
        ORDER BY v.id DESC LIMIT 1`,
    );
    if (!last) return;
    const today = this.clock.today();
    await this.lettings.advertise(
      last.id,
      { opensOn: addDays(today, -8), closesOn: addDays(today, -1) },
      'Bezichtiging op afspraak na het maken van de kandidatenlijst.',
      { subject: DEMO_OFFICERS[0], roles: ['OFFICER'] },
    );
  }

  /**
   * The development officers (`npm start` prints their tokens; src/main.ts) work in the demo
   * municipality: without an assignment an officer may not propose or decide (README, need-to-know).
   */
  private async assignDemoOfficers(): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO officer_assignment (subject, municipality_code, assigned_by)
       SELECT s, m.municipality_code, 'demo' FROM unnest($1::text[]) AS s, (SELECT DISTINCT municipality_code FROM neighbourhood) AS m
       ON CONFLICT DO NOTHING`,
      [[...DEMO_OFFICERS]],
    );
  }

  /**
   * The demo's policy decision to compare (docs/domain.md §7): "Plan Rozenhof", the next version of the
   * composition policy from 1 January: the same targets, but an urgent household may be passed over
   * within the displacement bound like anyone, with the reasons recorded (displacement.protectUrgent
   * off); the simulation states the price, urgent households' waiting time included.
   * Added once, through the audited path; a manager simulates it against the plain order and the
   * version in force before it takes effect.
   */
  private async addPlanRozenhof(): Promise<void> {
    const versions = await this.compositionPolicies.versions();
    if (versions.length !== 1) return;
    const document = structuredClone(versions[0].document) as unknown as CompositionPolicyDocument;
    document.displacement = { ...document.displacement, protectUrgent: false };
    const nextJanuary = `${Number(this.clock.today().slice(0, 4)) + 1}-01-01`;
    await this.compositionPolicies.addVersion({ effectiveFrom: nextJanuary, name: 'Plan Rozenhof', document: JSON.stringify(document) }, SYSTEM_ACTOR);
  }

  /**
   * The programme the demo evaluates (issue 16): "Plan Rozenhof" in Rozenwijk since 1 January three
   * years ago, allocating Rozenhof differentiated under the composition policy in force (version 1),
   * with the partners' actions of its deep-dive sessions; its next step is the composition policy
   * version of the same name (addPlanRozenhof). The demo partner (the wijkteam, dev-partner) is granted
   * Rozenwijk. Both through the audited paths a manager and an admin use.
   */
  private async addRozenhofProgramme(caseComplexCode: string): Promise<void> {
    const [{ buurt_code: buurtCode }]: { buurt_code: string }[] = await this.dataSource.query(
      `SELECT n.buurt_code FROM complex c JOIN neighbourhood n ON n.id = c.neighbourhood_id WHERE c.code = $1`,
      [caseComplexCode],
    );
    const year = Number(this.clock.today().slice(0, 4));
    const start = `${year - DEMO_PROGRAMME_YEARS_AGO}-01-01`;
    const at = (yearsAfterStart: number, monthDay: string) => `${year - DEMO_PROGRAMME_YEARS_AGO + yearsAfterStart}-${monthDay}`;
    await this.programmes.create(
      {
        name: 'Plan Rozenhof',
        buurtCode,
        complexCodes: [caseComplexCode],
        startDate: start,
        reviewDate: at(4, '01-01'),
        compositionPolicyVersion: 1,
        description:
          'Rozenhof gedifferentieerd toewijzen (samenstellingsbeleid: hoogstens een deel kwetsbare huishoudens per complex), met de partners uit de buurtsessies. Demo: gegenereerd.',
        goals: [
          { indicatorCode: 'NUISANCE_REPORTS', target: 25, byDate: at(3, '12-31') },
          { indicatorCode: 'TURNOVER', target: 10, byDate: at(3, '12-31') },
          { indicatorCode: 'ARREARS', target: 8, byDate: at(3, '12-31') },
        ],
        actions: [
          {
            partner: 'Wijkteam',
            action: 'Welkomstgesprek met elke nieuwe huurder binnen zes weken',
            dueDate: at(0, '03-01'),
            status: PartnerActionStatus.DONE,
          },
          {
            partner: 'Politie',
            action: 'Wijkagent schouwt het complex elk kwartaal met de huismeester',
            dueDate: at(0, '06-30'),
            status: PartnerActionStatus.IN_PROGRESS,
          },
          { partner: 'Gemeente', action: 'Verlichting en speelplek op het binnenterrein', dueDate: at(1, '09-01'), status: PartnerActionStatus.DONE },
          {
            partner: 'Zorgaanbieder',
            action: 'Ambulante begeleiding bij elke instroom met een ondersteuningsvraag',
            dueDate: at(0, '04-01'),
            status: PartnerActionStatus.IN_PROGRESS,
          },
          {
            partner: 'Schuldhulp',
            action: 'Vroegsignalering huurachterstand: contact binnen twee weken',
            dueDate: at(4, '01-01'),
            status: PartnerActionStatus.PLANNED,
          },
        ],
      },
      SYSTEM_ACTOR,
      'nl',
    );
    // for a year, the longest a grant runs (partner-grants.service.ts)
    await this.grants.grant({ subject: DEMO_PARTNER, organisation: 'Wijkteam Demostad', buurtCode, expiresOn: addYears(this.clock.today(), 1) }, SYSTEM_ACTOR);
  }

  /**
   * The past year's lettings (issue 17), played through the live flow on their own dates by the demo
   * officers: publication, candidate list, proposal, offers with coded refusals (demo modelling:
   * demo-letting-answers.ts) and their sanctions, stages and the letting. So the accountability page,
   * quota status and the sanctions have real content, and the audit trail records each step.
   * A vacancy the flow cannot let (for example without rule parameters for its year) is withdrawn
   * (LettingReplayService). Not one transaction with the import: each step commits as in the live flow.
   */
  private async playLettingHistory(history: DemoLettingHistory, seed: number): Promise<{ let: number }> {
    const answer = demoAnswers(new SeededRandom(seed).fork('letting-answers'), history.choosyApplicant);
    const [officer, secondOfficer] = DEMO_OFFICERS.map((subject) => ({ subject, roles: ['OFFICER'] as const }));
    let let_ = 0;
    for (const vacancyReference of history.vacancies) {
      const result = await this.lettings.replay(
        {
          vacancyReference,
          conditions: 'Inkomens- en passendheidstoets bij aanbieding; bezichtiging op de gepubliceerde datum.',
          // derived from the demo's seed: the same draw on every load, published like any lottery's seed
          lotterySeed: createHash('sha256').update(`demo:${seed}:${vacancyReference}`).digest('hex').slice(0, 32),
          answer,
        },
        officer,
        secondOfficer,
      );
      if (result.let) let_ += 1;
    }
    return { let: let_ };
  }

  /** Replaces the stock and waiting list by a freshly generated demo municipality. */
  reload(seed: number, scale: DemoScale = 'demo', progress?: (line: string) => void) {
    return this.load(seed, true, { scale, progress });
  }
}
