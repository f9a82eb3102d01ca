import { GraphQLSchema, buildClientSchema, getIntrospectionQuery, getNamedType, isLeafType } from 'graphql';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { Actor } from '../../src/auth/roles.js';
import { formatDate, formatEuros } from '../../src/engine/common/format.js';
import { DEFAULT_LOCAL_POLICY } from '../../src/engine/eligibility/default-local-policy.js';
import { accessibilityIndicationRule } from '../../src/engine/eligibility/rules/accessibility-indication.rule.js';
import { dwellingLabelRule } from '../../src/engine/eligibility/rules/dwelling-label.rule.js';
import { urgencyValidityRule } from '../../src/engine/eligibility/rules/urgency-validity.rule.js';
import { HouseholdBuilder } from '../builders/household.builder.js';
import { Audience, Harvest, Leak, SchemaWalker, SensitiveFacts, WalkReport, describeLeaks, findLeaks, unalias } from '../helpers/schema-walker.js';
import { DEFAULT_TEST_ACTOR, TEST_TODAY, TestApp, asRole, createCaseApp } from '../helpers/test-app.js';
import { waitFor } from '../helpers/wait-for.js';

/*
 * Need to know (privacy by audience: src/privacy/audience.ts; README, "Who sees what"). Auditors see households only under a keyed pseudonym
 * (PSN-…) and never special-category data; incomes and birth dates only as the compared values of
 * rule verdicts. Managers see aggregates only: no household identity, no per-household fact. Partners
 * (welfare, care, the municipality, the police) see aggregates too, and only the priorities and
 * dossiers of the buurten an admin granted them: every other Query field is refused.
 *
 * After a full flow (proposals, an override, four-eyes approval and refusal, a decline, an accept, an
 * allocation round, a simulation, an import, outcome observations, programmes, a partner grant), a
 * walker asks EVERY Query field of the schema (from introspection) with every field it can reach, as an
 * auditor, as a manager and as a partner, and every answer is searched for what that audience may not
 * see. Fields the service refuses with 403 FORBIDDEN and extensions.deniedFields are dropped and the
 * operation asked again.
 */

const AUDITOR = asRole('AUDITOR', 'ntk-auditor');
const MANAGER = asRole('MANAGER', 'ntk-manager');
const ADMIN = asRole('ADMIN', 'ntk-admin');
const SECOND_OFFICER = asRole('OFFICER', 'ntk-second-officer');
const PARTNER = asRole('PARTNER', 'ntk-partner');
/** The case complex's buurt, granted to the partner; the other buurt of the case dataset (PARK, NEXT) is not. */
const GRANTED_BUURT = 'BU90040001';
const OTHER_BUURT = 'BU90040002';
/** All a partner may call (README, "Who sees what"; src/resilience/*.resolver.ts). */
const PARTNER_QUERIES = ['neighbourhoodDossier', 'neighbourhoodDossierCsv', 'neighbourhoodPriorities'];
/** Keys whose numbers count households (or allocations of them): never 1-4 for an aggregate reader (src/engine/privacy/small-cells.ts). */
const HOUSEHOLD_COUNT_KEY = /^(count|households|deviations|allocations|total)$/;
const SMALL_COUNT_IN_WORDS = /(?<![\d.,]|\bto |\btot )\b[1-4] (?:households?|huishoudens?)\b/;
/** Share of the Query fields a role may call that the walk must actually execute with data. */
const MIN_COVERAGE = 0.9;
/** Selection depth: deep enough for proposal -> candidate -> household -> tenancy -> dwelling -> complex -> composition -> … */
const WALK_DEPTH = 10;

/** Households, homes and vacancies added by an import (as ADMIN), with indications, urgencies, support needs and distinct incomes and birth dates. */
const EXTRA = {
  neighbourhoods: [],
  complexes: [],
  tenancies: [],
  dwellings: [
    {
      code: 'W-1',
      complexCode: 'PARK',
      address: 'Parklaan 10',
      postcode: '7312AB',
      rooms: 3,
      floorAreaM2: 70,
      netRentCents: 68_000,
      serviceCostsCents: 0,
      isDaeb: true,
      accessibility: 'WHEELCHAIR',
      labels: ['WHEELCHAIR'],
    },
    {
      code: 'U-1',
      complexCode: 'PARK',
      address: 'Parklaan 11',
      postcode: '7312AB',
      rooms: 2,
      floorAreaM2: 58,
      netRentCents: 64_000,
      serviceCostsCents: 0,
      isDaeb: true,
      accessibility: 'NONE',
      labels: [],
    },
    {
      code: 'G-1',
      complexCode: 'NEXT',
      address: 'Parklaan 12',
      postcode: '7312AB',
      rooms: 3,
      floorAreaM2: 66,
      netRentCents: 67_000,
      serviceCostsCents: 0,
      isDaeb: true,
      accessibility: 'ZERO_STEP',
      labels: [],
    },
  ],
  households: [
    HouseholdBuilder.from({
      reference: 'H-000101',
      members: [{ role: 'APPLICANT', birthDate: '1979-04-23' }],
      taxableIncomeCents: 2_234_567,
      box3AssetsCents: 3_456_789,
      registrationDate: '2011-05-05',
      indicationKind: 'MEDICAL',
      indicationAccessibility: 'WHEELCHAIR',
      supportNeeds: ['DEBT_COUNSELLING'],
    }).build(),
    HouseholdBuilder.from({
      reference: 'H-000102',
      members: [{ role: 'APPLICANT', birthDate: '1990-08-17' }],
      taxableIncomeCents: 2_187_654,
      incomeSource: 'BENEFIT',
      registrationDate: '2013-06-06',
      urgencyCategory: 'SOCIAL',
      urgencyGranted: '2025-11-03',
      urgencyExpires: '2026-11-03',
      supportNeeds: ['SHELTER_OUTFLOW'],
    }).build(),
    HouseholdBuilder.from({
      reference: 'H-000103',
      members: [
        { role: 'APPLICANT', birthDate: '1968-02-11' },
        { role: 'PARTNER', birthDate: '1970-12-05' },
      ],
      taxableIncomeCents: 3_012_345,
      registrationDate: '2012-07-07',
      indicationKind: 'WMO',
      indicationAccessibility: 'ZERO_STEP',
    }).build(),
    HouseholdBuilder.from({
      reference: 'H-000104',
      members: [
        { role: 'APPLICANT', birthDate: '1975-09-30' },
        { role: 'CHILD', birthDate: '2015-03-14' },
      ],
      taxableIncomeCents: 1_765_432,
      registrationDate: '2015-08-08',
      urgencyCategory: 'MEDICAL',
      urgencyGranted: '2026-01-10',
    }).build(),
    HouseholdBuilder.from({
      reference: 'H-000105',
      members: [{ role: 'APPLICANT', birthDate: '1988-12-24' }],
      taxableIncomeCents: 2_345_678,
      registrationDate: '2010-03-03',
    }).build(),
  ],
  vacancies: [
    { reference: 'VAC-W', dwellingCode: 'W-1', availableFrom: '2026-04-01', route: 'REGULAR', respondents: ['H-000101', 'H-000103', 'H-000105', 'N-2'] },
    { reference: 'VAC-U', dwellingCode: 'U-1', availableFrom: '2026-04-15', route: 'URGENCY', respondents: ['H-000102', 'H-000104', 'H-000105'] },
    { reference: 'VAC-G', dwellingCode: 'G-1', availableFrom: '2026-05-01', route: 'REGULAR', respondents: ['H-000103', 'H-000101', 'Y-1'] },
  ],
};

/**
 * Outcome observations of the granted buurt (its complex CASE and the buurt itself) and of the other
 * one: small counts (1-4, and all but 3 of a share) to be hidden, larger ones to be shown.
 */
const OBSERVATIONS_CSV = [
  'indicatorCode,complexCode,buurtCode,periodStart,periodEnd,count,denominator,source',
  'ARREARS,CASE,,2025-01-01,2025-12-31,3,40,incasso',
  'ARREARS,CASE,,2024-01-01,2024-12-31,37,40,incasso',
  'EVICTIONS,CASE,,2025-01-01,2025-12-31,1,40,deurwaarder',
  'NUISANCE_REPORTS,CASE,,2025-01-01,2025-12-31,17,40,wijkbeheer',
  'COMPLAINTS,,BU90040001,2025-01-01,2025-12-31,12,120,klantcontact',
  'COMPLAINTS,,BU90040001,2024-01-01,2024-12-31,2,120,klantcontact',
  'NUISANCE_REPORTS,PARK,,2025-01-01,2025-12-31,23,40,wijkbeheer',
  'COMPLAINTS,,BU90040002,2025-01-01,2025-12-31,4,80,klantcontact',
].join('\n');

/** One household that moved into the granted buurt's vacant home by urgency and moved out again, both inside the last three years. */
const MOVED = {
  neighbourhoods: [],
  complexes: [],
  dwellings: [],
  households: [HouseholdBuilder.from({ reference: 'H-000106', onWaitingList: false, registrationDate: '2018-02-02' }).build()],
  tenancies: [
    { householdReference: 'H-000106', dwellingCode: 'C-10', startDate: '2024-05-01', endDate: '2025-10-31', allocationRoute: 'URGENCY', endReason: 'PAS' },
  ],
  vacancies: [],
};

type Gql = (query: string, variables?: Record<string, unknown>, as?: Actor) => Promise<{ status: number; body: any }>;

describe('need to know: what auditors, managers and partners can see, over every Query field', () => {
  let sut: TestApp;
  let ids: Record<string, string>;
  let gql: Gql;
  let schema: GraphQLSchema;
  let facts: SensitiveFacts;
  const setupNotes: string[] = [];

  /** Runs an operation and fails the setup with the errors when it has any. */
  async function must(label: string, query: string, variables: Record<string, unknown> = {}, as: Actor = DEFAULT_TEST_ACTOR): Promise<any> {
    const { status, body } = await gql(query, variables, as);
    if (body?.errors?.length || !body?.data)
      throw new Error(`setup step "${label}" failed (HTTP ${status}): ${JSON.stringify(body?.errors ?? body).slice(0, 800)}`);
    return body.data;
  }

  async function poll(label: string, query: string, variables: Record<string, unknown>, as: Actor, done: (d: any) => boolean, timeoutMs: number): Promise<any> {
    return waitFor(() => must(label, query, variables, as), { until: done, timeoutMs, intervalMs: 150, what: `setup step "${label}" to finish` });
  }

  beforeAll(async () => {
    ({ sut, ids } = await createCaseApp());
    const server = sut.app.getHttpServer();
    gql = async (query, variables = {}, as = DEFAULT_TEST_ACTOR) => {
      const res = await request(server)
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('authorization', `Bearer ${sut.tokenFor(as)}`)
        .send({ query, variables });
      return { status: res.status, body: res.body };
    };
    schema = buildClientSchema((await must('introspection', getIntrospectionQuery())) as any);

    // officers the deployment knows (if it assigns them): the default actor and the second officer of four-eyes
    const assign = schema.getMutationType()?.getFields().assignOfficer;
    if (assign) {
      const sel = isLeafType(getNamedType(assign.type)) ? '' : '{ __typename }';
      for (const subject of [DEFAULT_TEST_ACTOR.subject, SECOND_OFFICER.subject]) {
        const { body } = await gql(`mutation($s: String!) { assignOfficer(input: { subject: $s, municipalityCode: "GM9004" }) ${sel} }`, { s: subject }, ADMIN);
        // already assigned (the test app may assign its officers itself): noted, not fatal; a missing assignment shows in the steps below
        if (body?.errors?.length) setupNotes.push(`assignOfficer ${subject}: ${body.errors[0].message}`);
      }
    } else setupNotes.push('no assignOfficer mutation in the schema: officers not assigned');

    // an import by an admin: households with special-category data and operational references
    const imported = await must(
      'importData',
      `mutation($input: ImportInput!) { importData(input: $input) { ok written errors { section line field reason } } }`,
      { input: { kind: 'DATASET', format: 'JSON', content: JSON.stringify(EXTRA) } },
      ADMIN,
    );
    if (!imported.importData.ok) throw new Error(`import refused: ${JSON.stringify(imported.importData.errors)}`);
    for (const row of await sut.dataSource.query(`SELECT id::text AS id, reference FROM household UNION ALL SELECT id::text, reference FROM vacancy`))
      ids[row.reference] = row.id;

    const PROPOSE = `mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id chosen { household { id reference } } alternatives { household { id reference } } } }`;
    const DECIDE = `mutation($input: DecideProposalInput!) { decideProposal(input: $input) { id status household { reference } } }`;
    const APPROVE = `mutation($o: ID!) { approveOffer(offerId: $o) { id status } }`;
    const RESPOND = `mutation($input: OfferResponseInput!) { recordOfferResponse(input: $input) { offer { id status } nextOffer { id status household { reference } } tenancyId } }`;

    // VAC-C: accept (passes over the plain order: four-eyes), approve, decline with a reason naming the household, refuse the next offer
    const c = (await must('propose VAC-C', PROPOSE, { v: ids['VAC-C'] })).proposeAllocation;
    const offerC = (await must('accept VAC-C', DECIDE, { input: { proposalId: c.id, decision: 'ACCEPT' } })).decideProposal;
    if (offerC.status === 'PENDING_APPROVAL') await must('approve VAC-C', APPROVE, { o: offerC.id }, SECOND_OFFICER);
    const declined = (
      await must('decline VAC-C', RESPOND, {
        input: { offerId: offerC.id, response: 'DECLINED', reason: `${offerC.household.reference} declined: too far from work` },
      })
    ).recordOfferResponse;
    const next = declined.nextOffer;
    if (next?.status === 'PENDING_APPROVAL') {
      await must(
        'refuse next VAC-C offer',
        `mutation($input: RefuseOfferInput!) { refuseOffer(input: $input) { id status } }`,
        { input: { offerId: next.id, reason: `Refused: ${next.household.reference} would break the vulnerable cap` } },
        SECOND_OFFICER,
      );
    } else setupNotes.push(`next offer on VAC-C was ${next?.status ?? 'absent'}: no four-eyes refusal`);

    // VAC-P: override with another eligible respondent, the reason naming it; approved by a second officer; accepted
    const p = (await must('propose VAC-P', PROPOSE, { v: ids['VAC-P'] })).proposeAllocation;
    const other = p.alternatives.map((a: any) => a.household).find((h: any) => h.reference !== p.chosen?.household?.reference);
    if (!other) throw new Error(`VAC-P has no alternative to override with: ${JSON.stringify(p)}`);
    const override = (
      await must('override VAC-P', DECIDE, {
        input: {
          proposalId: p.id,
          decision: 'OVERRIDE',
          householdId: ids[other.reference] ?? other.id,
          reasonCode: 'SOCIAL_MANAGEMENT',
          reasonText: `Chosen ${other.reference} because support is arranged with the care provider`,
        },
      })
    ).decideProposal;
    if (override.status === 'PENDING_APPROVAL') await must('approve override VAC-P', APPROVE, { o: override.id }, SECOND_OFFICER);
    await must('accept VAC-P offer', RESPOND, { input: { offerId: override.id, response: 'ACCEPTED', documents: { incomeStatement: true, identity: true } } });

    // VAC-W (wheelchair home): proposed and offered
    const w = (await must('propose VAC-W', PROPOSE, { v: ids['VAC-W'] })).proposeAllocation;
    const offerW = (await must('accept VAC-W', DECIDE, { input: { proposalId: w.id, decision: 'ACCEPT' } })).decideProposal;
    if (offerW.status === 'PENDING_APPROVAL') await must('approve VAC-W', APPROVE, { o: offerW.id }, SECOND_OFFICER);

    // an allocation round over the urgency vacancy and another one
    const round = (
      await must('startAllocationRound', `mutation($input: StartAllocationRoundInput!) { startAllocationRound(input: $input) { id } }`, {
        input: { vacancyIds: [ids['VAC-U'], ids['VAC-G']], timeLimitSeconds: 10 },
      })
    ).startAllocationRound;
    const finishedRound = await poll(
      'allocationRound',
      `query($id: ID!) { allocationRound(id: $id) { status error } }`,
      { id: round.id },
      DEFAULT_TEST_ACTOR,
      (d) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(d.allocationRound.status),
      30_000,
    );
    if (finishedRound.allocationRound.status !== 'COMPLETED')
      setupNotes.push(`round ended ${finishedRound.allocationRound.status}: ${finishedRound.allocationRound.error}`);

    // a simulation, as a manager
    const [{ id: caseComplexId }] = await sut.dataSource.query(`SELECT id::text AS id FROM complex WHERE code = 'CASE'`);
    const sim = (
      await must(
        'startSimulation',
        `mutation($input: StartSimulationInput!) { startSimulation(input: $input) { id } }`,
        { input: { complexIds: [caseComplexId], horizonYears: 2, runs: 10, seed: 5 } },
        MANAGER,
      )
    ).startSimulation;
    const finishedSim = await poll(
      'simulation',
      `query($id: ID!) { simulation(id: $id) { status error } }`,
      { id: sim.id },
      MANAGER,
      (d) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(d.simulation.status),
      40_000,
    );
    if (finishedSim.simulation.status !== 'COMPLETED') setupNotes.push(`simulation ended ${finishedSim.simulation.status}: ${finishedSim.simulation.error}`);

    await must('allocationReport', `{ allocationReport(year: 2026) { allocations csv } }`, {}, MANAGER);

    // the partner's buurt: granted by an admin; outcome observations and a programme in it and in the buurt not granted
    await must(
      'grantPartnerAccess',
      `mutation($input: GrantPartnerAccessInput!) { grantPartnerAccess(input: $input) { id buurtCode } }`,
      { input: { subject: PARTNER.subject, organisation: 'Wijkteam Rozenwijk', buurtCode: GRANTED_BUURT, expiresOn: '2026-12-31' } },
      ADMIN,
    );
    const observed = await must(
      'import observations',
      `mutation($input: ImportInput!) { importData(input: $input) { ok errors { section line field reason } } }`,
      { input: { kind: 'OUTCOME_OBSERVATIONS', format: 'CSV', content: OBSERVATIONS_CSV } },
      ADMIN,
    );
    if (!observed.importData.ok) throw new Error(`observations refused: ${JSON.stringify(observed.importData.errors)}`);
    // a tenancy that began (by urgency) and ended inside the dossier's window in the granted buurt: one household, a small cell
    const moved = await must(
      'import a tenancy begun and ended',
      `mutation($input: ImportInput!) { importData(input: $input) { ok errors { section line field reason } } }`,
      { input: { kind: 'DATASET', format: 'JSON', content: JSON.stringify(MOVED) } },
      ADMIN,
    );
    if (!moved.importData.ok) throw new Error(`tenancy import refused: ${JSON.stringify(moved.importData.errors)}`);
    for (const [buurtCode, name, complexCodes] of [
      [GRANTED_BUURT, 'Plan Rozenhof', ['CASE']],
      [OTHER_BUURT, 'Plan Parkzicht', ['PARK']],
    ] as const) {
      await must(
        `createProgramme ${buurtCode}`,
        `mutation($input: CreateProgrammeInput!) { createProgramme(input: $input) { id } }`,
        {
          input: {
            name,
            buurtCode,
            complexCodes,
            startDate: '2025-03-01',
            reviewDate: '2027-03-01',
            compositionPolicyVersion: 1,
            goals: [{ indicatorCode: 'NUISANCE_REPORTS', target: 30, byDate: '2026-12-31' }],
            actions: [{ partner: 'Wijkteam', action: `Huisbezoek bij elke nieuwe huurder (${name})`, dueDate: '2025-06-01' }],
          },
        },
        MANAGER,
      );
    }
    facts = await sensitiveFacts(sut, schema);
  }, 120_000);

  afterAll(async () => {
    // setup deviations are not failures by themselves; shown for whoever reads a failure
    if (setupNotes.length) console.info(`need-to-know setup notes:\n  ${setupNotes.join('\n  ')}`);
    await sut?.close();
  });

  type Reader = 'auditor' | 'manager' | 'partner';
  const walks: Partial<Record<Reader, { audience: Audience; report: WalkReport; leaks: (Leak & { where: string })[] }>> = {};

  /** Walks every Query field as `actor`; `seed` adds argument values the answers cannot show (what the reader may not see). */
  async function walk(reader: Reader, actor: Actor, audience: Audience, seed: (harvest: Harvest) => void = () => {}) {
    const harvest = new Harvest();
    seed(harvest);
    // ids of the database's objects, except households: those only as the reader itself saw them
    for (const [type, table] of [
      ['Vacancy', 'vacancy'],
      ['Proposal', 'proposal'],
      ['Dwelling', 'dwelling'],
      ['Complex', 'complex'],
      ['AllocationRound', 'allocation_round'],
      ['Simulation', 'simulation'],
      ['Offer', 'offer'],
      ['Tenancy', 'tenancy'],
    ]) {
      for (const { id } of await sut.dataSource.query(`SELECT id::text AS id FROM ${table} ORDER BY id`)) harvest.addId(type, id);
    }
    for (const { year } of await sut.dataSource.query(`SELECT DISTINCT year FROM rule_parameter_year ORDER BY year DESC`)) harvest.addValue('year', year);
    harvest.addValue('year', Number(TEST_TODAY.slice(0, 4)));
    const walker = new SchemaWalker({
      schema,
      send: (query, variables) => gql(query, variables, actor),
      harvest,
      maxDepth: Math.min(WALK_DEPTH, sut.config.queryLimits.maxDepth),
    });
    const report = await walker.walkAll();
    const leaks: (Leak & { where: string })[] = [];
    for (const root of report.roots) {
      for (const answer of root.answers) {
        // each aliased call on its own, so a leak names the call (and its arguments) that showed it
        for (const [alias, value] of Object.entries(answer.body?.data ?? {})) {
          const label = answer.labels[Number(/^A(\d+)_/.exec(alias)?.[1] ?? 0)] ?? answer.label;
          for (const leak of findLeaks(value, facts, audience, root.field)) leaks.push({ ...leak, where: `[${label}]` });
        }
        for (const leak of findLeaks(answer.body?.errors ?? [], facts, audience, `${root.field}.errors`)) leaks.push({ ...leak, where: `[${answer.label}]` });
      }
    }
    walks[reader] = { audience, report, leaks };
    // NTK_DUMP=<dir>: every answer of the walk, for a look at what the reader saw
    if (process.env.NTK_DUMP) writeFileSync(join(process.env.NTK_DUMP, `need-to-know-${reader}.json`), JSON.stringify(report.roots, null, 1));
    const c = coverage(report);
    console.info(
      `need-to-know walk as ${actor.roles.join('+')} (${audience}): ${report.requests} requests, ${c.executed.length} of ${c.allowed.length} allowed Query fields executed ` +
        `(${c.all.length} in all; refused for the role: ${c.forbidden.length}), ${report.denied.size} denied fields, ${leaks.length} leaks\n` +
        `  not reached: ${c.missed.join(' | ') || '-'}\n  refused: ${c.forbidden.join(' | ') || '-'}\n  denied: ${[...report.denied].sort().join(', ') || '-'}` +
        (report.unreducible.length ? `\n  unreducible refusals: ${report.unreducible.join(' | ')}` : ''),
    );
    return { report, leaks };
  }

  function coverage(report: WalkReport) {
    const all = report.roots.map((r) => r.field);
    const forbidden = report.roots.filter((r) => r.forbidden).map((r) => `${r.field} (${r.forbidden})`);
    const allowed = report.roots.filter((r) => !r.forbidden);
    const executed = allowed.filter((r) => r.executedCalls > 0).map((r) => r.field);
    const missed = allowed
      .filter((r) => r.executedCalls === 0)
      .map((r) => `${r.field}: ${[...r.unfillable, ...r.errors].join('; ').slice(0, 200) || 'no data'}`);
    return { all, forbidden, allowed: allowed.map((r) => r.field), executed, missed };
  }

  function expectReached(report: WalkReport) {
    const c = coverage(report);
    const summary =
      `executed ${c.executed.length} of ${c.allowed.length} allowed Query fields (${c.all.length} in all)\n` +
      `not reached:\n  ${c.missed.join('\n  ') || '-'}\nrefused for the role:\n  ${c.forbidden.join('\n  ') || '-'}\n` +
      `denied fields: ${[...report.denied].sort().join(', ') || '-'}`;
    // sanity: a walker that reaches nothing, or a role refused (nearly) everything, cannot pass
    expect({ allowedAtLeastAQuarter: c.allowed.length >= c.all.length / 4, summary }).toEqual({ allowedAtLeastAQuarter: true, summary });
    expect({ reached: c.executed.length >= Math.ceil(MIN_COVERAGE * c.allowed.length), summary }).toEqual({ reached: true, summary });
  }

  function expectRefusalsWellFormed(report: WalkReport) {
    const bad: string[] = [];
    for (const root of report.roots) {
      for (const r of root.refusals) {
        if (r.deniedFields && (r.status !== 403 || r.code !== 'FORBIDDEN'))
          bad.push(`${root.field}: deniedFields ${JSON.stringify(r.deniedFields)} with HTTP ${r.status} and code ${r.code}, not 403 FORBIDDEN`);
        for (const coordinate of r.deniedFields ?? [])
          if (!coordinateExists(schema, coordinate)) bad.push(`${root.field}: denied "${coordinate}" is not a schema coordinate`);
      }
    }
    expect(bad).toEqual([]);
  }

  function expectNoLeaks(reader: Reader) {
    const { leaks, audience } = walks[reader]!;
    if (leaks.length) {
      // first by kind: how many, under which Query fields, in which answer fields (a JSON string's field marked <json>)
      const byKind = new Map<string, { n: number; roots: Set<string>; fields: Set<string> }>();
      for (const l of leaks) {
        const kind = l.kind.replace(/ [A-Z][A-Z0-9_-]*$/, '').replace(/ (\S+) outside a rule verdict/, ' outside a rule verdict');
        const k = byKind.get(kind) ?? { n: 0, roots: new Set(), fields: new Set() };
        k.n++;
        k.roots.add(l.path.split(/[.[<]/)[0]);
        const outer = l.path.includes('<json>') ? `${l.path.slice(0, l.path.indexOf('<json>')).split('.').pop()}<json>` : l.path.split('.').pop()!;
        k.fields.add(outer.replace(/\[\d+\]/g, ''));
        byKind.set(kind, k);
      }
      const kinds = [...byKind.entries()].map(
        ([kind, k]) => `  ${kind}: ${k.n}, under ${[...k.roots].join(', ')}; at ${[...k.fields].slice(0, 12).join(', ')}`,
      );
      throw new Error(
        `${leaks.length} leak(s) to the ${audience} audience\n${kinds.join('\n')}\n` +
          `where (path | kind (times): first value   [call]):\n${describeLeaks(leaks, Number(process.env.NTK_MAX_LINES ?? 80))}`,
      );
    }
  }

  it('derives the special-category sentences and the facts to look for from the database', () => {
    expect(facts.references).toEqual(expect.arrayContaining(['V-1', 'H-000101']));
    expect(facts.supportNeeds).toEqual(expect.arrayContaining(['MENTAL_HEALTH', 'DEBT_COUNSELLING']));
    expect(facts.urgencyCategories).toEqual(expect.arrayContaining(['SOCIAL', 'MEDICAL']));
    expect(facts.incomes).toEqual(expect.arrayContaining([2_234_567, 3_456_789]));
    expect(facts.birthDates).toEqual(expect.arrayContaining(['1979-04-23']));
    expect(facts.specialSentences.some((s) => /matching indication/.test(s))).toBe(true);
    expect(facts.specialSentences.some((s) => /urgency \(SOCIAL\) is valid/.test(s))).toBe(true);
    expect(facts.specialSentences.every((s) => !/has no indication|has no urgency/.test(s))).toBe(true);
  });

  describe('auditor (pseudonymous)', () => {
    beforeAll(async () => {
      await walk('auditor', AUDITOR, 'pseudonymous');
    }, 60_000);

    it('reaches (nearly) every Query field an auditor may call', () => expectReached(walks.auditor!.report));
    it('refuses denied fields with 403 FORBIDDEN and schema coordinates', () => expectRefusalsWellFormed(walks.auditor!.report));
    it('sees no operational reference, internal household id or special-category value; incomes and birth dates only in rule verdicts', () =>
      expectNoLeaks('auditor'));
  });

  describe('manager (aggregate)', () => {
    beforeAll(async () => {
      await walk('manager', MANAGER, 'aggregate');
    }, 60_000);

    it('reaches (nearly) every Query field a manager may call', () => expectReached(walks.manager!.report));
    it('refuses denied fields with 403 FORBIDDEN and schema coordinates', () => expectRefusalsWellFormed(walks.manager!.report));
    it('sees no household identity (reference, pseudonym, id) and no per-household fact', () => expectNoLeaks('manager'));
  });

  describe('partner (aggregate, its granted buurt only)', () => {
    /** Codes and names of what lies outside the granted buurt: the other buurt, its complexes. */
    let foreign: string[];

    beforeAll(async () => {
      foreign = (
        await sut.dataSource.query(
          `SELECT n.buurt_code AS v FROM neighbourhood n WHERE n.buurt_code <> $1 UNION SELECT n.name FROM neighbourhood n WHERE n.buurt_code <> $1
           UNION SELECT c.code FROM complex c JOIN neighbourhood n ON n.id = c.neighbourhood_id WHERE n.buurt_code <> $1
           UNION SELECT c.name FROM complex c JOIN neighbourhood n ON n.id = c.neighbourhood_id WHERE n.buurt_code <> $1
           UNION SELECT p.name FROM programme p JOIN neighbourhood n ON n.id = p.neighbourhood_id WHERE n.buurt_code <> $1`,
          [GRANTED_BUURT],
        )
      ).map((r: { v: string }) => r.v);
      // the answers cannot show a partner the buurten it may not read: given, so that the walk asks for them
      await walk('partner', PARTNER, 'aggregate', (harvest) => {
        for (const buurtCode of [OTHER_BUURT, GRANTED_BUURT]) harvest.addValue('buurtCode', buurtCode);
        for (const decimalComma of [false, true]) harvest.addValue('decimalComma', decimalComma);
      });
    }, 60_000);

    /** Every answer's data of the partner walk, with the call that gave it. */
    const answered = () =>
      walks.partner!.report.roots.flatMap((root) =>
        root.answers.flatMap((a) =>
          Object.entries(a.body?.data ?? {}).map(([alias, value]) => ({
            root: root.field,
            label: a.labels[Number(/^A(\d+)_/.exec(alias)?.[1] ?? 0)] ?? a.label,
            value,
          })),
        ),
      );

    it('may call exactly neighbourhoodPriorities, neighbourhoodDossier and neighbourhoodDossierCsv; every other Query field is refused FORBIDDEN', () => {
      const { roots } = walks.partner!.report;
      const allowed = roots.filter((r) => !r.forbidden).map((r) => r.field);
      const refusedOtherwise = roots
        .filter((r) => r.forbidden)
        .filter((r) => r.executedCalls > 0 || r.refusals.length === 0 || r.refusals.some((x) => x.code !== 'FORBIDDEN'))
        .map((r) => `${r.field}: ${JSON.stringify(r.refusals)} executed ${r.executedCalls}`);
      expect({ allowed: allowed.sort(), refusedOtherwise }).toEqual({ allowed: PARTNER_QUERIES, refusedOtherwise: [] });
    });

    it('executes all three with data; the CSV with decimal comma and with decimal point', () => {
      const { roots } = walks.partner!.report;
      expect(PARTNER_QUERIES.map((f) => ({ f, executed: (roots.find((r) => r.field === f)?.executedCalls ?? 0) > 0 }))).toEqual(
        PARTNER_QUERIES.map((f) => ({ f, executed: true })),
      );
      const csvs = answered().flatMap(({ root, value }) => (root === 'neighbourhoodDossierCsv' && value ? [value as any] : []));
      expect(new Set(csvs.map((c) => `${c.buurtCode} ${c.decimalComma}`))).toEqual(new Set([`${GRANTED_BUURT} true`, `${GRANTED_BUURT} false`]));
      for (const c of csvs) expect(c.csv).toContain(GRANTED_BUURT);
      // the dossier has content: the granted buurt's complex and its indicators, a hidden small cell among them
      const dossiers = answered().flatMap(({ root, value }) => (root === 'neighbourhoodDossier' && value ? [value as any] : []));
      expect(dossiers.length).toBeGreaterThan(0);
      for (const d of dossiers) {
        expect(d.complexes.map((c: any) => c.code)).toEqual(['CASE']);
        expect(d.indicators.some((y: any) => y.suppressed === true)).toBe(true);
        expect(d.indicators.some((y: any) => typeof y.count === 'number' && y.count >= 5)).toBe(true);
      }
      const priorities = answered().flatMap(({ root, value }) => (root === 'neighbourhoodPriorities' && value ? [value as any] : []));
      expect(priorities.flatMap((p) => p.buurten.map((b: any) => b.buurtCode))).toContain(GRANTED_BUURT);
    });

    it('is refused the dossier of a buurt not granted to it, in either form (FORBIDDEN)', () => {
      const { roots } = walks.partner!.report;
      for (const field of ['neighbourhoodDossier', 'neighbourhoodDossierCsv']) {
        const refused = roots.find((r) => r.field === field)!.refusedCalls.filter((c) => c.label.includes(`"${OTHER_BUURT}"`));
        expect({ field, refused: refused.length > 0, codes: [...new Set(refused.map((c) => c.code))] }).toEqual({ field, refused: true, codes: ['FORBIDDEN'] });
        // and no call of the granted buurt was refused
        expect(roots.find((r) => r.field === field)!.refusedCalls.filter((c) => c.label.includes(`"${GRANTED_BUURT}"`))).toEqual([]);
      }
    });

    it('sees no household identity (reference, pseudonym, id) and no per-household fact', () => expectNoLeaks('partner'));

    it('sees only its granted buurt: every buurt code in its answers is the granted one; nothing of the other buurt or its complexes', () => {
      const seen: string[] = [];
      for (const { label, value } of answered()) {
        forEachLeaf(value, (key, leaf, path) => {
          // one line per place: a buurt code other than the granted one, any BU code in a text (the CSV), a code or name of the other buurt
          const text = typeof leaf === 'string' ? leaf : '';
          const why =
            (key === 'buurtCode' && leaf !== GRANTED_BUURT && `= ${String(leaf)}`) ||
            (text.match(/BU\d{8}/g) ?? []).filter((code) => code !== GRANTED_BUURT).map((code) => `mentions ${code}`)[0] ||
            foreign.filter((word) => new RegExp(`(?<![A-Za-z0-9_-])${escapeRegExp(word)}(?![A-Za-z0-9_-])`).test(text)).map((word) => `mentions "${word}"`)[0];
          if (why) seen.push(`${path} ${why}   [${label}]`);
        });
      }
      expect(foreign).toEqual(expect.arrayContaining([OTHER_BUURT, 'PARK', 'Plan Parkzicht']));
      expect(seen).toEqual([]);
    });

    it('sees no count of 1 to 4 households, in the answers nor in the CSV', () => {
      const small: string[] = [];
      const isSmall = (n: number) => Number.isInteger(n) && n >= 1 && n <= 4;
      for (const { label, value } of answered()) {
        forEachLeaf(value, (key, leaf, path) => {
          if (typeof leaf === 'number' && HOUSEHOLD_COUNT_KEY.test(key) && isSmall(leaf)) small.push(`${path} = ${leaf}   [${label}]`);
          // in words too ("inflow of 2 households"), not where a range is named ("1 to 4 households")
          if (typeof leaf === 'string' && SMALL_COUNT_IN_WORDS.test(leaf)) small.push(`${path}: "${leaf}"   [${label}]`);
          if (key === 'csv' && typeof leaf === 'string') {
            // the count column (aantal) of every row (src/resilience/dossier.service.ts, csvHeader)
            const lines = leaf
              .replace(/^\uFEFF/, '')
              .trim()
              .split(/\r?\n/);
            const separator = lines[0].includes(';') ? ';' : ',';
            const countAt = lines[0].split(separator).findIndex((h) => h === 'count' || h === 'aantal');
            expect({ path, countAt: countAt >= 0 }).toEqual({ path, countAt: true });
            for (const line of lines.slice(1)) {
              const cell = splitCsvLine(line, separator)[countAt];
              if (cell !== undefined && /^\d+$/.test(cell) && isSmall(Number(cell))) small.push(`${path}: ${line}   [${label}]`);
            }
          }
        });
      }
      expect(small).toEqual([]);
    });
  });
});

/** The leak detector must itself be able to fail. */
describe('need to know: the leak detector', () => {
  const facts: SensitiveFacts = {
    references: ['H-000123', 'V-1'],
    householdIds: ['17', '18'],
    supportNeeds: ['MENTAL_HEALTH'],
    indicationValues: ['MEDICAL', 'WMO', 'WHEELCHAIR', 'ZERO_STEP'],
    urgencyCategories: ['SOCIAL'],
    specialSentences: ['This is a wheelchair home and your household has a matching indication, so your household goes first.'],
    incomes: [2_234_567],
    birthDates: ['1979-04-23'],
    formatEuros,
    formatDate,
  };
  const PSN = 'PSN-0123456789abcdef';
  const verdict = {
    __typename: 'RuleOutcome',
    ruleId: 'DAEB_TARGET_GROUP',
    reference: 'Local policy: priority for households with a Wmo/medical indication',
    explanation: `Your household's income of ${formatEuros(2_234_567)} is at most the limit.`,
    values: [
      { __typename: 'ComparedValue', name: 'taxableIncomeCents', value: '2234567', limit: '5153700', comparison: '<=', holds: true },
      { __typename: 'ComparedValue', name: 'urgencyCategory', value: null, limit: '["SOCIAL","MEDICAL"]', comparison: 'in', holds: false },
    ],
  };
  const kinds = (answer: unknown, audience: Audience = 'pseudonymous') => findLeaks(answer, facts, audience).map((l) => `${l.path}: ${l.kind}`);

  it('reports an operational reference inside a sentence', () => {
    expect(kinds({ data: { proposal: { __typename: 'Proposal', passedOverSummary: 'The plain-order candidate H-000123 was passed over.' } } })).toEqual([
      expect.stringMatching(/passedOverSummary: operational household reference H-000123/),
    ]);
  });

  it('reports an internal id under householdId inside a JSON string', () => {
    expect(
      kinds({ data: { auditEvents: [{ __typename: 'AuditEvent', seq: 17, body: JSON.stringify({ payload: { proposalId: 17, householdId: 17 } }) }] } }),
    ).toEqual([expect.stringMatching(/body<json>\.payload\.householdId: internal household id/)]);
  });

  it('reports an income outside a rule verdict, and not inside one (for auditors)', () => {
    expect(kinds({ data: { household: { __typename: 'Household', id: PSN, taxableIncomeCents: 2_234_567 }, eligibility: { outcomes: [verdict] } } })).toEqual([
      expect.stringMatching(/taxableIncomeCents: income outside a rule verdict/),
    ]);
    expect(kinds({ data: { eligibility: { summary: `Income ${formatEuros(2_234_567)} is too high`, outcomes: [verdict] } } })).toEqual([
      expect.stringMatching(/summary: income €22,345\.67 outside/),
    ]);
    // managers: not even in verdicts
    expect(kinds({ data: { eligibility: { outcomes: [verdict] } } }, 'aggregate')).toHaveLength(2);
  });

  it('reports a support-need code, an indication, an urgency category and a special-category sentence', () => {
    expect(kinds({ data: { household: { __typename: 'Household', id: PSN, supportNeeds: ['MENTAL_HEALTH'] } } })).toEqual([
      expect.stringMatching(/supportNeeds\[0\]: special category: support need/),
    ]);
    expect(
      kinds({
        data: {
          household: {
            __typename: 'Household',
            id: PSN,
            indication: { __typename: 'Indication', kind: 'MEDICAL' },
            urgency: { __typename: 'Urgency', category: 'SOCIAL' },
          },
        },
      }),
    ).toHaveLength(2);
    expect(kinds({ data: { whyNotChosen: { sentences: [`ACCESSIBILITY_INDICATION: ${facts.specialSentences[0]}`] } } })).toHaveLength(1);
    expect(
      kinds({
        data: { v: { __typename: 'ComparedValue', name: 'indicationAccessibility', value: 'WHEELCHAIR', limit: 'WHEELCHAIR', comparison: '=', holds: true } },
      }),
    ).toHaveLength(1);
  });

  it('reports internal household ids and birth dates, and any household identity to managers', () => {
    expect(
      kinds({ data: { household: { __typename: 'Household', id: '17', members: [{ __typename: 'HouseholdMember', birthDate: '1979-04-23' }] } } }),
    ).toHaveLength(2);
    expect(
      kinds({ data: { rationale: { sentences: [`Proposed: ${PSN}, rank 2 of 3.`], decisions: [{ householdReference: PSN }] } } }, 'aggregate'),
    ).toHaveLength(3);
  });

  it('finds nothing in a clean answer', () => {
    const clean = {
      data: {
        household: { __typename: 'Household', id: PSN, reference: PSN, supportNeeds: null, indication: null, householdType: 'SINGLE' },
        eligibility: { outcomes: [verdict], parameterYear: 2026 },
        report: { groups: [{ dimension: 'URGENCY', category: 'URGENT', allocated: 17 }], composition: [{ categories: ['VULNERABLE'] }] },
        round: { __typename: 'AllocationRound', solverReport: { households: 17 }, plan: JSON.stringify({ proposals: [{ vacancyId: 17, householdRef: PSN }] }) },
        policy: { __typename: 'LocalPolicyVersion', document: JSON.stringify({ urgency: { localCategories: ['SOCIAL', 'MENTAL_HEALTH'] } }) },
      },
    };
    expect(kinds(clean)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

function coordinateExists(schema: GraphQLSchema, coordinate: string): boolean {
  const m = /^(\w+)\.(\w+)(?:\((\w+):\))?$/.exec(coordinate);
  if (!m) return false;
  const type = schema.getType(m[1]) as any;
  const fields = type?.getFields?.();
  const field = fields?.[m[2]];
  if (!field) return false;
  return !m[3] || (field.args ?? []).some((a: any) => a.name === m[3]);
}

/** What to look for, from the database: references, ids, special-category values and sentences, incomes, birth dates. */
async function sensitiveFacts(sut: TestApp, schema: GraphQLSchema): Promise<SensitiveFacts> {
  const q = (sql: string) => sut.dataSource.query(sql);
  const households: any[] = await q(`SELECT h.id::text AS id, h.reference, h.taxable_income_cents::text AS income, h.box3_assets_cents::text AS assets,
      h.urgency_category, to_char(h.urgency_granted, 'YYYY-MM-DD') AS urgency_granted, to_char(h.urgency_expires, 'YYYY-MM-DD') AS urgency_expires,
      h.indication_kind, h.indication_accessibility, h.support_needs,
      (SELECT string_agg(m.role || ':' || to_char(m.birth_date, 'YYYY-MM-DD'), ';' ORDER BY m.position) FROM household_member m WHERE m.household_id = h.id) AS members
    FROM household h ORDER BY h.id`);
  const supportNeeds = [...new Set(households.flatMap((h) => toArray(h.support_needs)))];
  const enumValues = (name: string) => ((schema.getType(name) as any)?.getValues?.() ?? []).map((v: any) => v.name as string);
  const indicationValues = [
    ...new Set([
      ...enumValues('IndicationKind'),
      ...enumValues('IndicatedAccessibility'),
      ...households.flatMap((h) => [h.indication_kind, h.indication_accessibility]).filter(Boolean),
    ]),
  ];
  const urgencyCategories = [...new Set(households.map((h) => h.urgency_category).filter(Boolean))] as string[];

  // incomes: not tiny, not equal to a legal parameter
  const parameterValues = new Set<number>();
  for (const row of await q(`SELECT * FROM rule_parameter_year`))
    for (const v of Object.values(row)) if (v !== null && !isNaN(Number(v))) parameterValues.add(Number(v));
  const incomes = [
    ...new Set(
      households
        .flatMap((h) => [h.income, h.assets])
        .filter((v) => v !== null)
        .map(Number),
    ),
  ].filter((c) => c >= 100_000 && !parameterValues.has(c));

  // birth dates: not equal to any other date in the database
  const otherDates = new Set<string>([TEST_TODAY]);
  const dateColumns: { table_name: string; column_name: string }[] = await q(`SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND data_type IN ('date', 'timestamp with time zone', 'timestamp without time zone')`);
  for (const { table_name, column_name } of dateColumns) {
    if (table_name === 'household_member' && column_name === 'birth_date') continue;
    for (const row of await q(`SELECT DISTINCT to_char("${column_name}", 'YYYY-MM-DD') AS d FROM "${table_name}" WHERE "${column_name}" IS NOT NULL`))
      otherDates.add(row.d);
  }
  const birthDates = [
    ...new Set(
      households.flatMap((h) =>
        String(h.members ?? '')
          .split(';')
          .filter(Boolean)
          .map((m) => m.slice(m.indexOf(':') + 1)),
      ),
    ),
  ].filter((d) => !otherDates.has(d));

  return {
    references: households.map((h) => String(h.reference)),
    householdIds: households.map((h) => String(h.id)),
    supportNeeds,
    indicationValues,
    urgencyCategories,
    specialSentences: await specialCategorySentences(sut, households),
    incomes,
    birthDates,
    formatEuros,
    formatDate,
  };
}

/**
 * The explanations the special-category rules (indication, label, urgency) give households that HAVE an
 * indication or urgency, minus every sentence they also give households without one: evaluated with
 * the engine's own rules over every household and home of the database, both routes, with and without
 * the label fallback, on every allocation date in the database, under every local policy.
 */
async function specialCategorySentences(sut: TestApp, households: any[]): Promise<string[]> {
  const q = (sql: string) => sut.dataSource.query(sql);
  const dwellings: any[] = await q(`SELECT id, accessibility, labels, net_rent_cents FROM dwelling`);
  const dates = new Set<string>([TEST_TODAY]);
  for (const sql of [
    `SELECT DISTINCT to_char(available_from, 'YYYY-MM-DD') AS d FROM vacancy`,
    `SELECT DISTINCT to_char(allocation_date, 'YYYY-MM-DD') AS d FROM proposal`,
    `SELECT DISTINCT to_char(allocation_date, 'YYYY-MM-DD') AS d FROM allocation_round`,
  ]) {
    for (const row of await q(sql)) dates.add(row.d);
  }
  const paramRows: any[] = await q(`SELECT year, youth_age_limit, quality_discount_limit_cents FROM rule_parameter_year ORDER BY year`);
  const paramsFor = (date: string) => {
    const year = Number(date.slice(0, 4));
    const row = [...paramRows].reverse().find((r) => Number(r.year) <= year) ?? paramRows[0];
    return { year, youthAgeLimit: Number(row.youth_age_limit), qualityDiscountLimitCents: Number(row.quality_discount_limit_cents) } as any;
  };
  const policies = [DEFAULT_LOCAL_POLICY as any];
  for (const row of await q(`SELECT document FROM local_policy`)) {
    const doc = typeof row.document === 'string' ? JSON.parse(row.document) : row.document;
    policies.push({ ...DEFAULT_LOCAL_POLICY, ...doc });
  }
  const withSpecial = new Set<string>();
  const without = new Set<string>();
  for (const h of households) {
    const facts = {
      members: String(h.members ?? '')
        .split(';')
        .filter(Boolean)
        .map((m) => ({ role: m.slice(0, m.indexOf(':')), birthDate: m.slice(m.indexOf(':') + 1) })),
      indication: h.indication_kind && h.indication_accessibility ? { kind: h.indication_kind, accessibility: h.indication_accessibility } : null,
      urgency: h.urgency_category ? { category: h.urgency_category, granted: h.urgency_granted, expires: h.urgency_expires ?? null } : null,
    };
    const special = facts.indication !== null || facts.urgency !== null;
    for (const d of dwellings) {
      const dwelling = { id: d.id, accessibility: d.accessibility, labels: toArray(d.labels), netRentCents: Number(d.net_rent_cents) };
      for (const route of ['REGULAR', 'URGENCY']) {
        for (const labelFallbackActive of [false, true]) {
          for (const allocationDate of dates) {
            for (const policy of policies) {
              const input: any = {
                household: facts,
                dwelling,
                route,
                allocationDate,
                params: paramsFor(allocationDate),
                policy,
                context: { labelFallbackActive, localTiesPriority: false },
              };
              const sentences = [accessibilityIndicationRule.evaluate(input).explanation];
              for (const rule of [dwellingLabelRule, urgencyValidityRule]) {
                const text = rule.evaluate(input).explanation;
                if (!special || /indication|urgency \(|urgency is not valid/i.test(text)) sentences.push(text);
              }
              for (const s of sentences) (special ? withSpecial : without).add(s);
            }
          }
        }
      }
    }
  }
  return [...withSpecial].filter((s) => !without.has(s));
}

function toArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string')
    return v
      .replace(/^\{|\}$/g, '')
      .split(',')
      .map((s) => s.replace(/^"|"$/g, ''))
      .filter(Boolean);
  return [];
}

/** Calls `visit` with every leaf of a JSON value: its key (aliases removed; the list's key for list items), the leaf, and its path. */
function forEachLeaf(value: unknown, visit: (key: string, leaf: unknown, path: string) => void, key = '', path = '$'): void {
  if (Array.isArray(value)) value.forEach((v, i) => forEachLeaf(v, visit, key, `${path}[${i}]`));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) forEachLeaf(v, visit, unalias(k), `${path}.${unalias(k)}`);
  else visit(key, value, path);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One CSV line's cells (quotes as csv-stringify writes them: "a ""b""", separator inside quotes kept). */
function splitCsvLine(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === separator && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}
