import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { toCsv } from '../common/csv.js';
import { DomainError, FieldProblem } from '../common/domain-error.js';
import { parseId } from '../common/ids.js';
import type { LoaderScope } from '../common/request-context.js';
import { CompositionService } from '../composition/composition.service.js';
import type { Language } from '../engine/common/language.js';
import type { IsoDate } from '../engine/model.js';
import { suppressComposition } from '../engine/privacy/small-cells.js';
import { standingObservations } from '../engine/resilience/dossier.js';
import { evaluateProgramme, summariseDeviations } from '../engine/resilience/programme-evaluation.js';
import {
  CreateProgrammeInput,
  PartnerAction,
  PartnerActionStatus,
  Programme,
  ProgrammeEvaluation,
  UpdatePartnerActionInput,
} from './graphql/programme.type.js';
import { IndicatorRow, OutcomesService, indicatorName } from './outcomes.service.js';

interface ProgrammeRow {
  id: number;
  name: string;
  neighbourhood_id: number;
  buurt_code: string;
  buurt_name: string;
  complex_ids: number[];
  start_date: string;
  review_date: string;
  composition_policy_version: number;
  description: string;
  created_by: string;
}

const PROGRAMME_SELECT = `SELECT p.id, p.name, p.neighbourhood_id, n.buurt_code, n.name AS buurt_name, p.complex_ids, to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
    to_char(p.review_date, 'YYYY-MM-DD') AS review_date, p.composition_policy_version, p.description, p.created_by
  FROM programme p JOIN neighbourhood n ON n.id = p.neighbourhood_id`;

/** Inflow window for the composition read at the start and today (as on the complexes page). */
const INFLOW_YEARS = 3;

/**
 * Fields whose text holds a household's reference (one problem per field). Words are cut at what a
 * reference does not hold (letters, digits, "-", "_", "." and "/" stay together) and looked up exactly.
 */
async function householdsNamedIn(m: EntityManager, fields: readonly { field: string; text: string }[]): Promise<FieldProblem[]> {
  // "... H-003940." or "(N-1/2)": a word is also tried without the punctuation it ends with
  const wordsOf = (text: string) =>
    text
      .split(/[^\p{L}\p{N}\-_./]+/u)
      .flatMap((w) => [w, w.replace(/[-_./]+$/, '')])
      .filter((w) => w.length > 0);
  const words = [...new Set(fields.flatMap((f) => wordsOf(f.text)))];
  if (words.length === 0) return [];
  const rows: { reference: string }[] = await m.query(`SELECT reference FROM household WHERE reference = ANY($1)`, [words]);
  const named = new Set(rows.map((r) => r.reference));
  return fields.flatMap(({ field, text }) => {
    const found = wordsOf(text).find((w) => named.has(w));
    return found === undefined
      ? []
      : [{ field, reason: `names household ${found}: partners read this, and what they read is about the buurt and the work, never a household` }];
  });
}

/**
 * Programmes (issue 16): a buurt's plan with its complexes, dates, the composition policy version it
 * allocates by, goals per indicator and the partners' actions; and whether it helped, computed in the
 * engine (src/engine/resilience/programme-evaluation.ts) from the standing observations.
 */
@Injectable()
export class ProgrammesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly outcomes: OutcomesService,
    private readonly compositions: CompositionService,
  ) {}

  /** Programmes, newest start first; of the given buurten only when `buurtCodes` is not null. */
  async list(buurtCodes: ReadonlySet<string> | null, language: Language, m: EntityManager = this.dataSource.manager): Promise<Programme[]> {
    const rows: ProgrammeRow[] = await m.query(`${PROGRAMME_SELECT} WHERE $1::text[] IS NULL OR n.buurt_code = ANY($1) ORDER BY p.start_date DESC, p.id`, [
      buurtCodes === null ? null : [...buurtCodes],
    ]);
    return this.withDetails(m, rows, language);
  }

  async one(id: string, language: Language, m: EntityManager = this.dataSource.manager): Promise<Programme> {
    const rows: ProgrammeRow[] = await m.query(`${PROGRAMME_SELECT} WHERE p.id = $1`, [parseId(id, 'id')]);
    if (!rows.length) throw DomainError.notFound('Programme', id);
    return (await this.withDetails(m, rows, language))[0];
  }

  async create(input: CreateProgrammeInput, actor: Actor, language: Language): Promise<Programme> {
    return this.dataSource.transaction(async (m) => {
      const problems: FieldProblem[] = [];
      if (input.reviewDate <= input.startDate) problems.push({ field: 'reviewDate', reason: `must be after startDate (${input.startDate})` });
      const [buurt]: { id: number }[] = await m.query(`SELECT id FROM neighbourhood WHERE buurt_code = $1`, [input.buurtCode]);
      if (!buurt) problems.push({ field: 'buurtCode', reason: `is not a known neighbourhood (${input.buurtCode})` });
      const codes = [...new Set(input.complexCodes)];
      if (codes.length !== input.complexCodes.length) problems.push({ field: 'complexCodes', reason: 'names a complex twice' });
      const complexes: { id: number; code: string; buurt_code: string }[] = codes.length
        ? await m.query(`SELECT c.id, c.code, n.buurt_code FROM complex c JOIN neighbourhood n ON n.id = c.neighbourhood_id WHERE c.code = ANY($1)`, [codes])
        : [];
      for (const code of codes) {
        const found = complexes.find((c) => c.code === code);
        if (!found) problems.push({ field: 'complexCodes', reason: `${code} is not a known complex` });
        else if (found.buurt_code !== input.buurtCode)
          problems.push({ field: 'complexCodes', reason: `${code} lies in ${found.buurt_code}, not in ${input.buurtCode}` });
      }
      const [policy] = await m.query(`SELECT 1 FROM composition_policy WHERE version = $1`, [input.compositionPolicyVersion]);
      if (!policy)
        problems.push({ field: 'compositionPolicyVersion', reason: `is not a version of the composition policy (${input.compositionPolicyVersion})` });
      const indicators = new Map((await this.outcomes.indicatorRows(m)).map((r) => [r.code, r]));
      input.goals.forEach((g, i) => {
        const indicator = indicators.get(g.indicatorCode);
        if (!indicator) problems.push({ field: `goals.${i}.indicatorCode`, reason: `is not a known indicator (${g.indicatorCode})` });
        else if (indicator.kind !== 'COUNT')
          problems.push({ field: `goals.${i}.indicatorCode`, reason: `${g.indicatorCode} is a class, not a count: a goal needs a rate` });
        if (g.byDate <= input.startDate) problems.push({ field: `goals.${i}.byDate`, reason: `must be after startDate (${input.startDate})` });
      });
      // what partners read names no household (src/common/graphql/free-text.ts, PARTNER_TEXT)
      problems.push(
        ...(await householdsNamedIn(m, [
          { field: 'name', text: input.name },
          { field: 'description', text: input.description },
          ...input.actions.flatMap((a, i) => [
            { field: `actions.${i}.partner`, text: a.partner },
            { field: `actions.${i}.action`, text: a.action },
          ]),
        ])),
      );
      const [taken] = await m.query(`SELECT 1 FROM programme WHERE name = $1`, [input.name.trim()]);
      if (taken) problems.push({ field: 'name', reason: `is the name of another programme (${input.name.trim()})` });
      if (problems.length) throw DomainError.invalid(problems);
      const [{ id }]: { id: number }[] = await m.query(
        `INSERT INTO programme (name, neighbourhood_id, complex_ids, start_date, review_date, composition_policy_version, description, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          input.name.trim(),
          buurt.id,
          complexes.map((c) => c.id).sort((a, b) => a - b),
          input.startDate,
          input.reviewDate,
          input.compositionPolicyVersion,
          input.description.trim(),
          actor.subject,
        ],
      );
      for (const g of input.goals)
        await m.query(`INSERT INTO programme_goal (programme_id, indicator_code, target, by_date) VALUES ($1, $2, $3, $4)`, [
          id,
          g.indicatorCode,
          g.target,
          g.byDate,
        ]);
      for (const a of input.actions)
        await m.query(`INSERT INTO programme_action (programme_id, partner, action, due_date, status, updated_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
          id,
          a.partner.trim(),
          a.action.trim(),
          a.dueDate,
          a.status,
          actor.subject,
        ]);
      await this.audit.append(m, actor, 'PROGRAMME_CREATED', { programmeId: id }, { ...input, name: input.name.trim() });
      return this.one(String(id), language, m);
    });
  }

  async updateAction(input: UpdatePartnerActionInput, actor: Actor): Promise<PartnerAction> {
    return this.dataSource.transaction(async (m) => {
      const [before]: { id: number; programme_id: number; status: string; due_date: string }[] = await m.query(
        `SELECT id, programme_id, status, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM programme_action WHERE id = $1 FOR UPDATE`,
        [parseId(input.actionId, 'actionId')],
      );
      if (!before) throw DomainError.notFound('Partner action', input.actionId);
      // TypeORM answers an UPDATE with [rows, affected]
      const [[row]]: [ActionRow[], number] = await m.query(
        `UPDATE programme_action SET status = $2, due_date = coalesce($3, due_date), updated_by = $4, updated_at = now() WHERE id = $1
         RETURNING id, programme_id, partner, action, to_char(due_date, 'YYYY-MM-DD') AS due_date, status, updated_at`,
        [before.id, input.status, input.dueDate ?? null, actor.subject],
      );
      await this.audit.append(
        m,
        actor,
        'PROGRAMME_ACTION_UPDATED',
        { programmeId: before.programme_id, actionId: before.id },
        { before: { status: before.status, dueDate: before.due_date }, after: { status: row.status, dueDate: row.due_date } },
      );
      return toAction(row);
    });
  }

  /**
   * Did the programme help: each counted indicator before and after the start against comparable
   * complexes (same resilience class of their buurt, in no programme), the composition of its
   * complexes at the start and today, and the allocations since the start that deviated from plain order.
   */
  async evaluation(id: string, windowYears: number, decimalComma: boolean, language: Language, loaders: LoaderScope): Promise<ProgrammeEvaluation> {
    const m = this.dataSource.manager;
    const asOf = this.clock.today();
    const programme = await this.one(id, language, m);
    const scope: { id: number; code: string }[] = await m.query(
      `SELECT c.id, c.code FROM complex c JOIN programme p ON p.neighbourhood_id = c.neighbourhood_id
        WHERE p.id = $1 AND (cardinality(p.complex_ids) = 0 OR c.id = ANY(p.complex_ids)) ORDER BY c.code`,
      [Number(id)],
    );
    // comparable: a buurt of the same resilience class, and no programme covering the complex
    const comparison: { id: number; code: string }[] = await m.query(
      `SELECT c.id, c.code FROM complex c JOIN neighbourhood n ON n.id = c.neighbourhood_id
        WHERE n.resilience_class = (SELECT pn.resilience_class FROM programme p JOIN neighbourhood pn ON pn.id = p.neighbourhood_id WHERE p.id = $1)
          AND NOT EXISTS (SELECT 1 FROM programme q WHERE q.neighbourhood_id = c.neighbourhood_id AND (cardinality(q.complex_ids) = 0 OR c.id = ANY(q.complex_ids)))
        ORDER BY c.code`,
      [Number(id)],
    );
    const ids = [...scope, ...comparison].map((c) => c.id);
    const rows: {
      id: number;
      corrects_id: number | null;
      indicator_code: string;
      complex_id: number;
      period_start: string;
      period_end: string;
      count: number;
      denominator: number;
    }[] = await m.query(
      `SELECT id, corrects_id, indicator_code, complex_id, to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(period_end, 'YYYY-MM-DD') AS period_end, count, denominator
           FROM outcome_observation WHERE complex_id = ANY($1) ORDER BY id`,
      [ids],
    );
    const observations = standingObservations(rows.map((r) => ({ ...r, correctsId: r.corrects_id }))).map((r) => ({
      indicatorCode: r.indicator_code,
      complexId: r.complex_id,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      count: Number(r.count),
      denominator: Number(r.denominator),
    }));
    const indicatorRows = (await this.outcomes.indicatorRows(m)).filter((r) => r.kind === 'COUNT');
    const scopeIds = new Set(scope.map((c) => c.id));
    // the goals' indicators, and any other the programme's complexes have observations of
    const evaluated = indicatorRows.filter(
      (r) => programme.goals.some((g) => g.indicatorCode === r.code) || observations.some((o) => o.indicatorCode === r.code && scopeIds.has(o.complexId)),
    );
    const result = evaluateProgramme(
      {
        start: programme.startDate,
        asOf,
        windowYears,
        indicators: evaluated.map((r) => ({ code: r.code, basis: r.basis!, lowerIsBetter: r.lower_is_better })),
        programmeComplexIds: scope.map((c) => c.id),
        comparisonComplexIds: comparison.map((c) => c.id),
        observations,
      },
      language,
    );
    const byCode = new Map<string, IndicatorRow>(evaluated.map((r) => [r.code, r]));
    const indicators = result.indicators.map((e) => ({
      ...e,
      indicatorName: indicatorName(byCode.get(e.indicatorCode)!, language),
      lowerIsBetter: byCode.get(e.indicatorCode)!.lower_is_better,
      programme: { ...e.programme, complexes: scope.length },
      goals: programme.goals.filter((g) => g.indicatorCode === e.indicatorCode),
    }));
    const composition = await this.compositionShift(scope, programme.startDate, asOf, loaders);
    const deviations = summariseDeviations(
      await this.allocationsSince(
        m,
        scope.map((c) => c.id),
        programme.startDate,
        asOf,
      ),
    );
    const csv = toCsv(
      [
        [
          'section',
          'indicator',
          'group',
          'window',
          'from',
          'to',
          'count',
          'exposure',
          'rate_per_100',
          'change',
          'difference_in_differences',
          'band_low',
          'band_high',
          'verdict',
        ],
        ...indicators.flatMap((e) =>
          (['programme', 'comparison'] as const).flatMap((group) =>
            (['before', 'after'] as const).map((window) => [
              'INDICATOR',
              e.indicatorCode,
              group,
              window,
              window === 'before' ? result.before.from : result.after.from,
              window === 'before' ? result.before.to : result.after.to,
              e[group][window].count,
              e[group][window].exposure,
              e[group][window].rate,
              e[group].change,
              e.differenceInDifferences,
              e.band?.low ?? null,
              e.band?.high ?? null,
              e.verdict,
            ]),
          ),
        ),
        ...composition.map((c) => [
          'COMPOSITION',
          `${c.dimension}:${c.category}`,
          c.complexCode,
          'start/today',
          programme.startDate,
          asOf,
          null,
          null,
          c.before,
          c.after,
          null,
          null,
          null,
          null,
        ]),
        [
          'DEVIATIONS',
          'PLAIN_ORDER_PASSED_OVER',
          'programme',
          'since start',
          programme.startDate,
          asOf,
          deviations.deviated,
          deviations.allocations,
          deviations.deviatedShare,
          null,
          null,
          null,
          null,
          null,
        ],
      ],
      { decimalComma, bom: true },
    );
    return {
      programme,
      asOf,
      windowYears,
      beforeFrom: result.before.from,
      beforeTo: result.before.to,
      afterFrom: result.after.from,
      afterTo: result.after.to,
      comparisonComplexCodes: comparison.map((c) => c.code),
      indicators,
      composition,
      deviations,
      csv,
    };
  }

  private async compositionShift(scope: { id: number; code: string }[], start: IsoDate, asOf: IsoDate, loaders: LoaderScope) {
    const out: { complexCode: string; dimension: string; category: string; before: number | null; after: number | null }[] = [];
    // both dates judged by this year's income limits: the bands then mean the same on both sides
    const parameterYear = Number(asOf.slice(0, 4));
    for (const c of scope) {
      const [before, after] = await Promise.all([
        this.compositions.composition(c.id, loaders, start < asOf ? start : asOf, INFLOW_YEARS, parameterYear).then(suppressComposition),
        this.compositions.composition(c.id, loaders, asOf, INFLOW_YEARS, parameterYear).then(suppressComposition),
      ]);
      for (const d of after.dimensions)
        for (const cat of d.categories)
          out.push({
            complexCode: c.code,
            dimension: d.dimension,
            category: cat.category,
            before: before.dimensions.find((x) => x.dimension === d.dimension)?.categories.find((x) => x.category === cat.category)?.share ?? null,
            after: cat.share,
          });
    }
    return out;
  }

  /** Allocations recorded in the complexes since the start, with the proposal they were decided on. */
  private async allocationsSince(m: EntityManager, complexIds: number[], start: IsoDate, asOf: IsoDate) {
    const rows: { deviated: boolean; days_given_up: number | null }[] = await m.query(
      `SELECT (p.plain_order_household_id IS NOT NULL AND p.plain_order_household_id <> a.household_id) AS deviated,
              CASE WHEN p.plain_order_household_id IS NOT NULL AND p.plain_order_household_id <> a.household_id
                   THEN chosen.registration_date - plain.registration_date END AS days_given_up
         FROM allocation a JOIN dwelling d ON d.id = a.dwelling_id
         LEFT JOIN LATERAL (SELECT * FROM proposal WHERE vacancy_id = a.vacancy_id AND status = 'DECIDED' ORDER BY id DESC LIMIT 1) p ON true
         LEFT JOIN household chosen ON chosen.id = a.household_id LEFT JOIN household plain ON plain.id = p.plain_order_household_id
        WHERE d.complex_id = ANY($1) AND a.allocation_date BETWEEN $2 AND $3 ORDER BY a.id`,
      [complexIds, start, asOf],
    );
    return rows.map((r) => ({ deviated: r.deviated, registrationDaysGivenUp: r.days_given_up === null ? null : Number(r.days_given_up) }));
  }

  private async withDetails(m: EntityManager, rows: ProgrammeRow[], language: Language): Promise<Programme[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const [goals, actions, complexes]: [(GoalRow & { programme_id: number })[], ActionRow[], { id: number; code: string; neighbourhood_id: number }[]] =
      await Promise.all([
        m.query(
          `SELECT g.programme_id, g.indicator_code, i.name_nl, i.name_en, g.target::float AS target, to_char(g.by_date, 'YYYY-MM-DD') AS by_date
           FROM programme_goal g JOIN outcome_indicator i ON i.code = g.indicator_code WHERE g.programme_id = ANY($1) ORDER BY g.by_date, g.indicator_code`,
          [ids],
        ),
        m.query(
          `SELECT id, programme_id, partner, action, to_char(due_date, 'YYYY-MM-DD') AS due_date, status, updated_at FROM programme_action
          WHERE programme_id = ANY($1) ORDER BY due_date, id`,
          [ids],
        ),
        m.query(`SELECT id, code, neighbourhood_id FROM complex WHERE neighbourhood_id = ANY($1) ORDER BY code`, [rows.map((r) => r.neighbourhood_id)]),
      ]);
    const today = this.clock.today();
    return rows.map((r) => {
      const named = r.complex_ids.map(Number);
      return {
        id: String(r.id),
        name: r.name,
        buurtCode: r.buurt_code,
        buurtName: r.buurt_name,
        complexCodes: complexes.filter((c) => c.neighbourhood_id === r.neighbourhood_id && (named.length === 0 || named.includes(c.id))).map((c) => c.code),
        wholeBuurt: named.length === 0,
        startDate: r.start_date,
        reviewDate: r.review_date,
        compositionPolicyVersion: r.composition_policy_version,
        description: r.description,
        active: r.start_date <= today && today <= r.review_date,
        goals: goals
          .filter((g) => g.programme_id === r.id)
          .map((g) => ({ indicatorCode: g.indicator_code, indicatorName: indicatorName(g, language), target: Number(g.target), byDate: g.by_date })),
        actions: actions.filter((a) => a.programme_id === r.id).map(toAction),
        createdBy: r.created_by,
      };
    });
  }
}

interface GoalRow {
  indicator_code: string;
  name_nl: string;
  name_en: string;
  target: number;
  by_date: string;
}

interface ActionRow {
  id: number;
  programme_id: number;
  partner: string;
  action: string;
  due_date: string;
  status: PartnerActionStatus;
  updated_at: Date;
}

const toAction = (a: ActionRow): PartnerAction => ({
  id: String(a.id),
  partner: a.partner,
  action: a.action,
  dueDate: a.due_date,
  status: a.status,
  updatedAt: a.updated_at,
});
