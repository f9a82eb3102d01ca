import { TestApp, asRole, createCaseApp } from '../helpers/test-app.js';

const IMPORT = `mutation($input: ImportInput!) { importData(input: $input) { ok written rows { section rows } errors { section line field reason } } }`;
const OBSERVATIONS = `query($c: String, $b: String, $all: Boolean!) { outcomeObservations(complexCode: $c, buurtCode: $b, includeCorrected: $all) {
  id indicatorCode complexCode buurtCode periodStart periodEnd count denominator source correctsId correctionReason standing recordedBy } }`;
const RECORD = `mutation($input: RecordObservationInput!) { recordObservation(input: $input) { id count denominator standing correctsId } }`;
const CORRECT = `mutation($input: CorrectObservationInput!) { correctObservation(input: $input) { id count denominator standing correctsId correctionReason } }`;
const CREATE = `mutation($input: CreateProgrammeInput!) { createProgramme(input: $input) { id name buurtCode complexCodes wholeBuurt startDate reviewDate active
  goals { indicatorCode target byDate } actions { id partner action dueDate status } } }`;
const EVALUATION = `query($id: ID!, $w: Int!) { programmeEvaluation(id: $id, windowYears: $w) { beforeFrom beforeTo afterFrom afterTo comparisonComplexCodes csv
  indicators { indicatorCode indicatorName differenceInDifferences band { low high } verdict verdictText warnings { code text }
    programme { complexes change before { count exposure rate observations } after { count rate } } comparison { complexes change before { rate } after { rate } } goals { target } }
  deviations { allocations deviated } composition { complexCode dimension category before after } } }`;
const DOSSIER = `query($b: String!) { neighbourhoodDossier(buurtCode: $b) { buurtCode name asOf windowFrom priorityRank notes
  readings { year source leefbaarometerClass }
  complexes { code name dwellings households targets { dimension category bound limit share withinTarget } inflowByRoute { total cells { key label count suppressed } }
    endedByReason { total cells { key label count suppressed } } turnoverPer100 deviations allocations }
  indicators { indicatorCode indicatorName scope year count denominator ratePer100 suppressed } programmes { name active } } }`;
const DOSSIER_CSV = `query($b: String!, $comma: Boolean!) { neighbourhoodDossierCsv(buurtCode: $b, decimalComma: $comma) { csv } }`;
const PRIORITIES = `{ neighbourhoodPriorities { buurten { buurtCode rank } } }`;

const ADMIN = asRole('ADMIN', 'outcomes-admin');
const MANAGER = asRole('MANAGER', 'outcomes-manager');
const AUDITOR = asRole('AUDITOR', 'outcomes-auditor');
const PARTNER = asRole('PARTNER', 'wijkteam-rozenwijk');

/** The answer's data, or a failure naming its errors. */
function must<T = any>(answer: { data: T; errors?: any[] }): T {
  if (answer.errors?.length) throw new Error(JSON.stringify(answer.errors, null, 1));
  return answer.data;
}

const observationsCsv = (rows: string[]) => ['indicatorCode,complexCode,buurtCode,periodStart,periodEnd,count,denominator,source', ...rows].join('\n');

/** A year of observations from 1 March (TEST_TODAY is 2026-03-02): the windows of a programme starting 2024-03-01 hold whole years. */
const march = (from: number) => ({ periodStart: `${from}-03-01`, periodEnd: `${from + 1}-02-${(from + 1) % 4 === 0 ? 29 : 28}` });
const days = (from: number) => ((from + 1) % 4 === 0 ? 366 : 365);

/**
 * Whether steering worked (issue 16): outcome observations imported all or nothing and entered one by
 * one, append-only with corrections as rows; programmes with goals and partner actions; the evaluation
 * as a difference-in-differences against comparable complexes; a buurt's dossier for its deep-dive
 * session, for managers and auditors and for the partners granted the buurt, every view audited.
 */
describe('outcomes, programmes and the buurt dossier', () => {
  let sut: TestApp;

  beforeAll(async () => {
    ({ sut } = await createCaseApp());
    // three comparison complexes in a buurt of the same resilience class as Rozenhof's (class 1)
    const dataset = {
      neighbourhoods: [
        {
          buurtCode: 'BU90040003',
          name: 'Vergelijkwijk',
          municipalityCode: 'GM9004',
          municipalityName: 'Casestad',
          resilienceClass: 1,
          resilienceSource: 'test',
          resilienceYear: 2024,
        },
      ],
      complexes: ['CMP-1', 'CMP-2', 'CMP-3'].map((code) => ({ code, name: `Vergelijk ${code}`, buurtCode: 'BU90040003' })),
    };
    const { data } = await sut.gql(IMPORT, { input: { kind: 'DATASET', format: 'JSON', content: JSON.stringify(dataset) } }, ADMIN);
    expect(data.importData.errors).toEqual([]);
  });
  afterAll(() => sut.close());

  it('refuses an observations file with bad rows, naming each, and stores nothing', async () => {
    const { data } = await sut.gql(
      IMPORT,
      {
        input: {
          kind: 'OUTCOME_OBSERVATIONS',
          format: 'CSV',
          content: observationsCsv([
            'NUISANCE_REPORTS,CASE,,2025-01-01,2025-03-31,6,40,wijkbeheer', // fine on its own
            'NUISANCE_REPORTS,NOPE,,2025-01-01,2025-03-31,6,40,wijkbeheer', // unknown complex
            'NUISANCE_REPORTS,CASE,BU90040001,2025-01-01,2025-03-31,6,40,wijkbeheer', // two scopes
            'ARREARS,CASE,,2025-01-01,2025-03-31,41,40,incasso', // more households in arrears than households
            'LBM_NUISANCE,,BU90040001,2025-01-01,2025-12-31,5,9,leefbaarometer', // a class, read from the readings
            'NUISANCE_REPORTS,CASE,,2025-01-01,2025-03-31,7,40,wijkbeheer', // the same period twice
            'NUISANCE_REPORTS,CASE,,2025-04-01,2025-03-31,7,40,wijkbeheer', // a period that runs backwards
            'NUISANCE_REPORTS,CASE,,2025-04-01,2025-06-30,7,0,wijkbeheer', // no denominator
          ]),
        },
      },
      ADMIN,
    );
    expect(data.importData).toMatchObject({ ok: false, written: false });
    expect(data.importData.errors).toEqual([
      { section: 'observations', line: 3, field: 'complexCode', reason: 'is not a known complex (NOPE)' },
      { section: 'observations', line: 4, field: 'complexCode', reason: 'give exactly one of complexCode and buurtCode' },
      { section: 'observations', line: 5, field: 'count', reason: expect.stringMatching(/^must not exceed denominator \(40\)/) },
      { section: 'observations', line: 6, field: 'indicatorCode', reason: expect.stringMatching(/read from the buurt readings/) },
      { section: 'observations', line: 7, field: 'periodStart', reason: 'appears twice in this import (also line 2)' },
      { section: 'observations', line: 8, field: 'periodEnd', reason: 'must not be before periodStart (2025-04-01)' },
      { section: 'observations', line: 9, field: 'denominator', reason: 'must be at least 1 (the homes, households or respondents counted over)' },
    ]);
    const [{ n }] = await sut.dataSource.query('SELECT count(*)::int AS n FROM outcome_observation');
    expect(n).toBe(0);
  });

  it('imports observations of complexes and buurten, and refuses to overwrite a period with a second import', async () => {
    const rows = [
      // the programme's complex: 40 homes, reports falling after 1 March 2024; the comparison stays flat
      ...[2022, 2023].map((y) => `NUISANCE_REPORTS,CASE,,${march(y).periodStart},${march(y).periodEnd},40,40,wijkbeheer`),
      ...[2024, 2025].map((y) => `NUISANCE_REPORTS,CASE,,${march(y).periodStart},${march(y).periodEnd},16,40,wijkbeheer`),
      ...['CMP-1', 'CMP-2', 'CMP-3'].flatMap((c) =>
        [2022, 2023, 2024, 2025].map((y) => `NUISANCE_REPORTS,${c},,${march(y).periodStart},${march(y).periodEnd},30,40,wijkbeheer`),
      ),
      // households in arrears: 3 of 40 in a year is a small cell
      `ARREARS,CASE,,2025-01-01,2025-12-31,3,40,incasso`,
      `COMPLAINTS,,BU90040001,2025-01-01,2025-12-31,12,120,klantcontact`,
      // a survey that 3 residents answered: the 3 is itself a small cell of households
      `RESIDENT_SATISFACTION,CASE,,2025-01-01,2025-12-31,2,3,enquete`,
    ];
    const first = (await sut.gql(IMPORT, { input: { kind: 'OUTCOME_OBSERVATIONS', format: 'CSV', content: observationsCsv(rows) } }, ADMIN)).data.importData;
    expect(first).toMatchObject({ ok: true, written: true, errors: [], rows: [{ section: 'observations', rows: rows.length }] });
    const again = (await sut.gql(IMPORT, { input: { kind: 'OUTCOME_OBSERVATIONS', format: 'CSV', content: observationsCsv([rows[0]]) } }, ADMIN)).data
      .importData;
    expect(again.errors).toEqual([
      {
        section: 'observations',
        line: 2,
        field: 'periodStart',
        reason: 'CASE already has NUISANCE_REPORTS for 2022-03-01..2023-02-28; observations are corrected (correctObservation), not overwritten',
      },
    ]);
    const listed = must(await sut.gql(OBSERVATIONS, { b: 'BU90040001', all: false }, AUDITOR)).outcomeObservations;
    expect(listed.map((o: any) => `${o.indicatorCode}:${o.complexCode ?? o.buurtCode}:${o.count}`)).toEqual([
      'ARREARS:CASE:3',
      'COMPLAINTS:BU90040001:12',
      'NUISANCE_REPORTS:CASE:40',
      'NUISANCE_REPORTS:CASE:40',
      'NUISANCE_REPORTS:CASE:16',
      'NUISANCE_REPORTS:CASE:16',
      'RESIDENT_SATISFACTION:CASE:2',
    ]);
  });

  it('records an observation, corrects it with a new row and a reason, and never changes a stored row', async () => {
    const input = {
      indicatorCode: 'EVICTIONS',
      complexCode: 'CASE',
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      count: 2,
      denominator: 40,
      source: 'juridische zaken',
    };
    const recorded = (await sut.gql(RECORD, { input }, MANAGER)).data.recordObservation;
    expect(recorded).toMatchObject({ count: 2, standing: true, correctsId: null });
    // the same period again is a correction, not a second observation
    const twice = await sut.gql(RECORD, { input: { ...input, count: 3 } }, MANAGER);
    expect(twice.errors![0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'periodStart', reason: expect.stringMatching(/already has observation \d+; correct it/) }] },
    });
    const corrected = (
      await sut.gql(CORRECT, { input: { observationId: recorded.id, count: 1, denominator: 40, reason: 'one eviction was in 2024' } }, MANAGER)
    ).data.correctObservation;
    expect(corrected).toMatchObject({ count: 1, standing: true, correctsId: recorded.id, correctionReason: 'one eviction was in 2024' });
    const again = await sut.gql(CORRECT, { input: { observationId: recorded.id, count: 0, denominator: 40, reason: 'second thoughts' } }, MANAGER);
    expect(again.errors![0].extensions.fields).toEqual([
      { field: 'observationId', reason: `was corrected already by observation ${corrected.id}; correct that one` },
    ]);
    const history = must(await sut.gql(OBSERVATIONS, { c: 'CASE', all: true }, MANAGER)).outcomeObservations.filter(
      (o: any) => o.indicatorCode === 'EVICTIONS',
    );
    expect(history.map((o: any) => [o.count, o.standing])).toEqual([
      [2, false],
      [1, true],
    ]);
    // append-only in the database itself
    await expect(sut.dataSource.query(`UPDATE outcome_observation SET count = 9 WHERE id = $1`, [Number(recorded.id)])).rejects.toThrow(/append-only/);
    await expect(sut.dataSource.query(`DELETE FROM outcome_observation WHERE id = $1`, [Number(recorded.id)])).rejects.toThrow(/append-only/);
    const audit = await sut.dataSource.query(
      `SELECT type, actor FROM audit_event WHERE type IN ('OUTCOME_OBSERVED', 'OUTCOME_CORRECTED') AND (subject->>'observationId')::int = ANY($1) ORDER BY seq`,
      [[Number(recorded.id), Number(corrected.id)]],
    );
    expect(audit.slice(-2)).toEqual([
      { type: 'OUTCOME_OBSERVED', actor: 'outcomes-manager' },
      { type: 'OUTCOME_CORRECTED', actor: 'outcomes-manager' },
    ]);
    // an officer records no outcomes
    expect(
      (await sut.gql(RECORD, { input: { ...input, periodStart: '2024-01-01', periodEnd: '2024-12-31' } }, asRole('OFFICER'))).errors![0].extensions.code,
    ).toBe('FORBIDDEN');
  });

  let programmeId: string;

  it('refuses a programme with bad fields, naming each, and creates a good one with goals and partner actions', async () => {
    const bad = await sut.gql(
      CREATE,
      {
        input: {
          name: 'Plan X',
          buurtCode: 'BU90040001',
          complexCodes: ['PARK'],
          startDate: '2024-03-01',
          reviewDate: '2024-01-01',
          compositionPolicyVersion: 99,
          goals: [{ indicatorCode: 'LBM_NUISANCE', target: 5, byDate: '2027-01-01' }],
          // partners read these: a household's reference in them is refused (N-1 and V-1 are households of the case)
          description: 'Extra aandacht voor de buren van N-1.',
          actions: [
            { partner: 'Wijkteam', action: 'Huisbezoek bij elke nieuwe huurder', dueDate: '2024-06-01' },
            { partner: 'Politie', action: 'Gesprek met V-1 over overlast', dueDate: '2024-06-01' },
          ],
        },
      },
      MANAGER,
    );
    const householdNamed = (reference: string) =>
      `names household ${reference}: partners read this, and what they read is about the buurt and the work, never a household`;
    expect(bad.errors![0].extensions.fields).toEqual([
      { field: 'reviewDate', reason: 'must be after startDate (2024-03-01)' },
      { field: 'complexCodes', reason: 'PARK lies in BU90040002, not in BU90040001' },
      { field: 'compositionPolicyVersion', reason: 'is not a version of the composition policy (99)' },
      { field: 'goals.0.indicatorCode', reason: 'LBM_NUISANCE is a class, not a count: a goal needs a rate' },
      { field: 'description', reason: householdNamed('N-1') },
      { field: 'actions.1.action', reason: householdNamed('V-1') },
    ]);
    const [{ n }] = await sut.dataSource.query('SELECT count(*)::int AS n FROM programme');
    expect(n).toBe(0);

    const created = (
      await sut.gql(
        CREATE,
        {
          input: {
            name: 'Plan Rozenhof',
            buurtCode: 'BU90040001',
            complexCodes: ['CASE'],
            startDate: '2024-03-01',
            reviewDate: '2027-03-01',
            compositionPolicyVersion: 1,
            goals: [{ indicatorCode: 'NUISANCE_REPORTS', target: 50, byDate: '2026-12-31' }],
            actions: [{ partner: 'Wijkteam', action: 'Huisbezoek bij elke nieuwe huurder', dueDate: '2024-06-01' }],
          },
        },
        MANAGER,
      )
    ).data.createProgramme;
    expect(created).toMatchObject({
      name: 'Plan Rozenhof',
      complexCodes: ['CASE'],
      wholeBuurt: false,
      active: true,
      goals: [{ indicatorCode: 'NUISANCE_REPORTS', target: 50, byDate: '2026-12-31' }],
      actions: [{ partner: 'Wijkteam', status: 'PLANNED' }],
    });
    programmeId = created.id;
    const done = await sut.gql(
      `mutation($input: UpdatePartnerActionInput!) { updatePartnerAction(input: $input) { status } }`,
      { input: { actionId: created.actions[0].id, status: 'DONE' } },
      MANAGER,
    );
    expect(must(done).updatePartnerAction.status).toBe('DONE');
    const audit = await sut.dataSource.query(
      `SELECT type FROM audit_event WHERE subject->>'programmeId' = $1 AND type LIKE 'PROGRAMME_%' ORDER BY seq DESC LIMIT 2`,
      [created.id],
    );
    expect(audit.map((a: any) => a.type).sort()).toEqual(['PROGRAMME_ACTION_UPDATED', 'PROGRAMME_CREATED']);
  });

  it('evaluates the programme as a difference-in-differences against comparable complexes, with its band and CSV', async () => {
    const { data, errors } = await sut.gql(EVALUATION, { id: programmeId, w: 2 }, MANAGER);
    expect(errors).toBeUndefined();
    const e = data.programmeEvaluation;
    expect(e).toMatchObject({ beforeFrom: '2022-03-01', beforeTo: '2024-02-29', afterFrom: '2024-03-01', afterTo: '2026-02-28' });
    // same resilience class (1), no programme: the three comparison complexes; not Parkhof or Nieuwhof (class 4)
    expect(e.comparisonComplexCodes).toEqual(['CMP-1', 'CMP-2', 'CMP-3']);
    const reports = e.indicators.find((i: any) => i.indicatorCode === 'NUISANCE_REPORTS');
    // worked by hand: rate = 100 x reports / home-years; home-years = 40 homes x days / 365.25
    const rate = (count: number, years: number[]) => (100 * count) / years.reduce((s, y) => s + (40 * days(y)) / 365.25, 0);
    const programmeChange = rate(32, [2024, 2025]) - rate(80, [2022, 2023]);
    const comparisonChange = rate(180, [2024, 2025]) / 3 - rate(180, [2022, 2023]) / 3;
    expect(reports.programme).toMatchObject({ complexes: 1, before: { count: 80, observations: 2 }, after: { count: 32 } });
    expect(reports.differenceInDifferences).toBeCloseTo(programmeChange - comparisonChange, 1);
    expect(reports.band.low).toBeLessThan(reports.differenceInDifferences);
    expect(reports.band.high).toBeLessThan(0);
    expect(reports).toMatchObject({ verdict: 'IMPROVED', warnings: [], goals: [{ target: 50 }] });
    // arrears: one year of 3 households in the programme's complex: hidden, no difference drawn
    const arrears = e.indicators.find((i: any) => i.indicatorCode === 'ARREARS');
    expect(arrears).toMatchObject({ differenceInDifferences: null, verdict: 'UNKNOWN' });
    expect(arrears.warnings.map((w: any) => w.code)).toEqual(['NO_DATA_BEFORE', 'SUPPRESSED']);
    // the CSV opens in a Dutch spreadsheet: BOM, semicolons, decimal comma
    expect(e.csv.charCodeAt(0)).toBe(0xfeff);
    const lines = e.csv.slice(1).trim().split('\n');
    expect(lines[0].split(';')).toEqual(expect.arrayContaining(['section', 'indicator', 'rate_per_100', 'difference_in_differences']));
    const line = lines.find((l: string) => l.startsWith('INDICATOR;NUISANCE_REPORTS;programme;before'))!;
    // 80 reports over 80.05 home-years (40 homes, 365 + 366 days): 99.93 per 100 homes per year
    expect(line).toMatch(/^INDICATOR;NUISANCE_REPORTS;programme;before;2022-03-01;2024-02-29;80;80,05;99,93;/);
    // in Dutch, from the same numbers
    const nl = await sut.gql(EVALUATION, { id: programmeId, w: 2 }, MANAGER, { 'accept-language': 'nl' });
    expect(nl.data.programmeEvaluation.indicators.find((i: any) => i.indicatorCode === 'NUISANCE_REPORTS')).toMatchObject({
      indicatorName: 'Overlastmeldingen',
      verdictText: 'beter dan de vergelijking, meer dan de ruis',
      differenceInDifferences: reports.differenceInDifferences,
    });
  });

  it("gives a buurt's dossier as aggregates, small cells hidden, every view audited; as CSV for a Dutch spreadsheet", async () => {
    const { data, errors } = await sut.gql(DOSSIER, { b: 'BU90040001' }, MANAGER);
    expect(errors).toBeUndefined();
    const d = data.neighbourhoodDossier;
    expect(d).toMatchObject({ buurtCode: 'BU90040001', name: 'Rozenwijk', asOf: '2026-03-02', programmes: [{ name: 'Plan Rozenhof', active: true }] });
    expect(d.complexes.map((c: any) => c.code)).toEqual(['CASE']);
    const [complex] = d.complexes;
    expect(complex.targets.length).toBeGreaterThan(0);
    for (const t of complex.targets) expect(t.share === null).toBe(t.withinTarget === null);
    // a year of 3 households in arrears is hidden; zero and larger counts are shown
    expect(d.indicators.find((y: any) => y.indicatorCode === 'ARREARS')).toMatchObject({
      scope: 'CASE',
      year: 2025,
      count: null,
      ratePer100: null,
      suppressed: true,
    });
    expect(d.indicators.find((y: any) => y.indicatorCode === 'COMPLAINTS')).toMatchObject({ scope: 'BU90040001', count: 12, ratePer100: 10 });
    // a share over 3 respondents: neither the count nor the 3 is shown
    expect(d.indicators.find((y: any) => y.indicatorCode === 'RESIDENT_SATISFACTION')).toMatchObject({
      count: null,
      denominator: null,
      ratePer100: null,
      suppressed: true,
    });
    // no household anywhere: no reference of the households of the buurt's homes
    const references: { reference: string }[] = await sut.dataSource.query(`SELECT reference FROM household`);
    const text = JSON.stringify(d);
    expect(references.filter((r) => text.includes(`"${r.reference}"`))).toEqual([]);
    for (const breakdown of [complex.inflowByRoute, complex.endedByReason])
      for (const cell of breakdown.cells) expect(cell.count === null || cell.count === 0 || cell.count >= 5).toBe(true);

    const csv = (await sut.gql(DOSSIER_CSV, { b: 'BU90040001', comma: true }, MANAGER, { 'accept-language': 'nl' })).data.neighbourhoodDossierCsv.csv;
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\n');
    expect(lines[0]).toBe('onderdeel;bereik;sleutel;jaar;aantal;noemer;waarde;toelichting');
    expect(lines).toContain('indicator;BU90040001;Klachten;2025;12;120;10;');
    expect(lines.find((l: string) => l.includes('Tevreden bewoners'))).toBe('indicator;CASE;Tevreden bewoners;2025;;;;');
    expect(lines.some((l: string) => l.startsWith('programma;BU90040001;Plan Rozenhof'))).toBe(true);
    const point = (await sut.gql(DOSSIER_CSV, { b: 'BU90040001', comma: false }, MANAGER)).data.neighbourhoodDossierCsv.csv;
    expect(point.slice(1).split('\n')[0]).toBe('section,scope,key,year,count,denominator,value,note');

    const views = await sut.dataSource.query(
      `SELECT actor, body::jsonb->'payload'->>'format' AS format FROM audit_event WHERE type = 'DOSSIER_VIEWED' AND subject->>'buurtCode' = 'BU90040001' ORDER BY seq DESC LIMIT 3`,
    );
    expect(views.map((v: any) => v.actor)).toEqual(['outcomes-manager', 'outcomes-manager', 'outcomes-manager']);
  });

  it('lets a partner read exactly the buurten granted to it, audited, until the grant is revoked', async () => {
    const refused = await sut.gql(DOSSIER, { b: 'BU90040001' }, PARTNER);
    expect(refused.errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await sut.gql(PRIORITIES, {}, PARTNER)).data.neighbourhoodPriorities.buurten).toEqual([]);

    const GRANT = `mutation($input: GrantPartnerAccessInput!) { grantPartnerAccess(input: $input) { id subject organisation buurtCode expiresOn } }`;
    const asked = { subject: 'wijkteam-rozenwijk', organisation: 'Wijkteam Casestad', buurtCode: 'BU90040001' };
    // a grant ends on a day: not before today (2026-03-02 in these tests), not more than a year ahead
    for (const [expiresOn, reason] of [
      ['2026-03-01', 'expiresOn must be today (2026-03-02) or later: a grant that has ended reads nothing'],
      ['2027-03-03', 'expiresOn must be at most a year from today (2027-03-02); a longer access is a new grant when this one ends'],
      ['2026-02-30', 'expiresOn must be a calendar date written YYYY-MM-DD'],
    ]) {
      const refusedGrant = await sut.gql(GRANT, { input: { ...asked, expiresOn } }, ADMIN);
      expect(refusedGrant.errors?.[0].message).toContain(reason);
    }
    const grant = await sut.gql(GRANT, { input: { ...asked, expiresOn: '2026-06-30' } }, ADMIN);
    expect(grant.data.grantPartnerAccess).toMatchObject({ subject: 'wijkteam-rozenwijk', buurtCode: 'BU90040001', expiresOn: '2026-06-30' });
    const twice = await sut.gql(GRANT, { input: { ...asked, expiresOn: '2026-12-31' } }, ADMIN);
    expect(twice.errors?.[0].message).toContain(`is already granted to wijkteam-rozenwijk until 2026-06-30 (grant ${grant.data.grantPartnerAccess.id})`);
    const dossier = await sut.gql(DOSSIER, { b: 'BU90040001' }, PARTNER);
    expect(dossier.errors).toBeUndefined();
    expect(dossier.data.neighbourhoodDossier.buurtCode).toBe('BU90040001');
    // another buurt, and everything else of the API, stays closed
    expect((await sut.gql(DOSSIER, { b: 'BU90040002' }, PARTNER)).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await sut.gql(PRIORITIES, {}, PARTNER)).data.neighbourhoodPriorities.buurten.map((b: any) => b.buurtCode)).toEqual(['BU90040001']);
    for (const query of ['{ complexes { totalCount } }', '{ programmes { id } }', '{ outcomeIndicators { code } }', '{ neighbourhoods { buurtCode } }'])
      expect((await sut.gql(query, {}, PARTNER)).errors![0].extensions.code).toBe('FORBIDDEN');
    const [view] = await sut.dataSource.query(`SELECT actor FROM audit_event WHERE type = 'DOSSIER_VIEWED' ORDER BY seq DESC LIMIT 1`);
    expect(view.actor).toBe('wijkteam-rozenwijk');

    const revoked = must(await sut.gql(`mutation($id: ID!) { revokePartnerAccess(id: $id) { revokedAt } }`, { id: grant.data.grantPartnerAccess.id }, ADMIN));
    expect(revoked.revokePartnerAccess.revokedAt).not.toBeNull();
    expect((await sut.gql(DOSSIER, { b: 'BU90040001' }, PARTNER)).errors![0].extensions.code).toBe('FORBIDDEN');
    const trail = await sut.dataSource.query(
      `SELECT type, body::jsonb->'payload'->>'expiresOn' AS expires_on FROM audit_event WHERE type IN ('PARTNER_GRANTED', 'PARTNER_REVOKED') ORDER BY seq DESC LIMIT 2`,
    );
    expect(trail).toEqual([
      { type: 'PARTNER_REVOKED', expires_on: null },
      { type: 'PARTNER_GRANTED', expires_on: '2026-06-30' },
    ]);

    // a grant whose last day is today still reads; once that day has passed (its row as it stands the day after), nothing does
    const lastDay = must(await sut.gql(GRANT, { input: { ...asked, expiresOn: '2026-03-02' } }, ADMIN)).grantPartnerAccess;
    expect((await sut.gql(DOSSIER, { b: 'BU90040001' }, PARTNER)).errors).toBeUndefined();
    await sut.dataSource.query(`UPDATE partner_grant SET expires_on = '2026-03-01' WHERE id = $1`, [lastDay.id]);
    expect((await sut.gql(DOSSIER, { b: 'BU90040001' }, PARTNER)).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await sut.gql(PRIORITIES, {}, PARTNER)).data.neighbourhoodPriorities.buurten).toEqual([]);
    // an ended grant does not stand in the way of a new one
    expect(must(await sut.gql(GRANT, { input: { ...asked, expiresOn: '2026-04-01' } }, ADMIN)).grantPartnerAccess.expiresOn).toBe('2026-04-01');
  });
});
