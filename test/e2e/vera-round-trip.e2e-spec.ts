import { DemoSeederService } from '../../src/demo/demo-seeder.service.js';
import { generateDemoMunicipality } from '../../src/demo/generate-demo.js';
import { ImportsService } from '../../src/imports/imports.service.js';
import { VeraValidator } from '../../src/vera/vera-validator.js';
import { must } from '../helpers/letting-flow.js';
import { TEST_TODAY, TestApp, asRole, createTestApp, idsByReference } from '../helpers/test-app.js';

const ADMIN = asRole('ADMIN', 'vera-admin');
const EXPORT = `query($r: VeraResource!) { veraExport(resource: $r) { schema count documents } }`;
const EXPORT_PERIOD = `query($r: VeraResource!, $from: String!, $to: String!) { veraExport(resource: $r, from: $from, to: $to) { schema count documents } }`;
const IMPORT = `mutation($input: VeraImportInput!) { veraImport(input: $input) { ok written documents errors { document pointer rule reason } notes { document reason } } }`;
const CANDIDATE = `household { reference } rank priorityTier urgent lotteryTicket rankingPoints eligibility score priorityPoints fit { kind id label points } costVersusChosen jointNote`;
const PROPOSAL = `status allocationDate seed solveStatus solver routeOrder candidateCount summary passedOverSummary
  chosen { ${CANDIDATE} } plainOrderCandidate { ${CANDIDATE} } alternatives { ${CANDIDATE} }
  passedOverReasons { kind ref points text } composition { targetId label before { count total basisPoints violation penalty } afterThis { count total basisPoints violation penalty } afterPlan { count total basisPoints violation penalty } text }`;
const SEED = 7;
/** The stock and the waiting list, in the order a receiving system needs them (units before their vacancies, households before their responses). */
const STOCK = ['EENHEDEN', 'RELATIES', 'PUBLICATIES', 'KANDIDATEN', 'PUNTENBEREKENINGEN'] as const;

/**
 * Issue 19's round trip on the demo: its stock and respondents leave Woonmix as VERA-WRV documents, go
 * into an empty database, and the same vacancy gets the same proposal there; then the allocation
 * leaves as a Toewijzing. What VERA-WRV does not carry comes the way it would in practice: the buurten
 * and their readings (CBS and veerkrachtkaart data) and the sitting tenants (WRV has no rental
 * contracts) through Woonmix's own import.
 */
describe('VERA-WRV round trip on the demo', () => {
  const validator = VeraValidator.fromFile();
  const exported: Record<string, { schema: string; documents: unknown[] }> = {};
  let vacancyReference: string;
  let original: Record<string, unknown>;
  let originalPlan: string;
  let sut: TestApp | undefined;
  afterAll(async () => sut?.close());

  it('exports the demo stock and respondents as documents that follow the specification', async () => {
    sut = await createTestApp();
    await sut.app.get(DemoSeederService).load(SEED, false, { lettingHistory: false });
    for (const resource of STOCK) {
      const answer = must(await sut.gql(EXPORT, { r: resource }, ADMIN)).veraExport;
      const documents = JSON.parse(answer.documents) as unknown[];
      expect(documents.length).toBe(answer.count);
      documents.forEach((d, i) => expect(validator.validate(answer.schema, d, `/${i}`)).toEqual([]));
      exported[resource] = { schema: answer.schema, documents };
      // the demo ranks nobody by points (no POINTS route): its Puntenberekeningen are none
      expect({ resource, empty: documents.length === 0 }).toEqual({ resource, empty: resource === 'PUNTENBEREKENINGEN' });
    }
    const [{ dwellings, households, open, responses }] = await sut.dataSource.query(
      `SELECT (SELECT count(*)::int FROM dwelling) AS dwellings, (SELECT count(*)::int FROM household) AS households,
              (SELECT count(*)::int FROM vacancy WHERE status = 'OPEN') AS open, (SELECT count(*)::int FROM vacancy_response) AS responses`,
    );
    expect(exported.EENHEDEN.documents).toHaveLength(dwellings);
    expect(exported.PUBLICATIES.documents).toHaveLength(open);
    expect(exported.KANDIDATEN.documents).toHaveLength(responses);
    // a group per household and a person per member
    expect((exported.RELATIES.documents as { soort: { code: string } }[]).filter((d) => d.soort.code === 'GRO')).toHaveLength(households);

    // the vacancy with the most respondents, and its proposal here
    const [busiest]: { id: number; reference: string }[] = await sut.dataSource.query(
      `SELECT v.id, v.reference FROM vacancy v JOIN vacancy_response r ON r.vacancy_id = v.id WHERE v.status = 'OPEN'
        GROUP BY v.id ORDER BY count(*) DESC, v.reference LIMIT 1`,
    );
    vacancyReference = busiest.reference;
    const proposal = must(
      await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { ${PROPOSAL} plan } }`, { v: String(busiest.id) }),
    ).proposeAllocation;
    ({ plan: originalPlan, ...original } = proposal);
    expect(proposal.chosen).not.toBeNull();
    await sut.close();
    sut = undefined;
  });

  it('imports them into an empty database and makes the same proposal (an IDENTICAL plan), then exports its Toewijzing', async () => {
    sut = await createTestApp();
    const generated = generateDemoMunicipality({ seed: SEED, referenceDate: TEST_TODAY });
    // what VERA-WRV does not carry: buurten with their readings, and the sitting tenants
    const places = await sut.app.get(ImportsService).importDataset({
      neighbourhoods: generated.neighbourhoods,
      readings: generated.readings,
      complexes: [],
      dwellings: [],
      households: [],
      tenancies: [],
      vacancies: [],
    });
    expect(places.errors).toEqual([]);
    for (const resource of STOCK) {
      if (resource === 'PUBLICATIES') {
        const tenancies = await sut.app.get(ImportsService).importDataset({
          neighbourhoods: [],
          complexes: [],
          dwellings: [],
          households: [],
          tenancies: generated.tenancies,
          vacancies: [],
        });
        expect(tenancies.errors).toEqual([]);
      }
      if (exported[resource].documents.length === 0) continue;
      const answer = must(
        await sut.gql(IMPORT, { input: { resource, sender: 'woonmix-demo', content: JSON.stringify(exported[resource].documents) } }, ADMIN),
      ).veraImport;
      expect({ resource, errors: answer.errors, written: answer.written }).toEqual({ resource, errors: [], written: true });
      expect(answer.documents).toBe(exported[resource].documents.length);
    }
    // the same stock and list, read back: exported again, document for document the same
    for (const resource of STOCK) {
      const again = JSON.parse(must(await sut.gql(EXPORT, { r: resource }, ADMIN)).veraExport.documents);
      expect(again).toEqual(exported[resource].documents);
    }

    const ids = await idsByReference(sut);
    const proposal = must(
      await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id ${PROPOSAL} plan } }`, { v: ids[vacancyReference] }),
    ).proposeAllocation;
    const { plan, id: proposalId, ...rest } = proposal;
    expect(rest).toEqual(original);
    expect(plan).toBe(originalPlan);

    // accepted and let: the allocation leaves as a Toewijzing with the test's values
    const offer = must(
      await sut.gql(`mutation($p: ID!) { decideProposal(input: { proposalId: $p, decision: ACCEPT }) { id status } }`, { p: proposalId }),
    ).decideProposal;
    expect(offer.status).toBe('OPEN');
    must(
      await sut.gql(`mutation($input: OfferResponseInput!) { recordOfferResponse(input: $input) { tenancyId } }`, {
        input: { offerId: offer.id, response: 'ACCEPTED', documents: { incomeStatement: true, identity: true } },
      }),
    );
    const toewijzingen = must(await sut.gql(EXPORT_PERIOD, { r: 'TOEWIJZINGEN', from: '2026-01-01', to: '2026-12-31' }, ADMIN)).veraExport;
    expect(toewijzingen.count).toBe(1);
    const [toewijzing] = JSON.parse(toewijzingen.documents);
    expect(validator.validate(toewijzingen.schema, toewijzing)).toEqual([]);
    expect(toewijzing).toMatchObject({
      code: vacancyReference,
      kandidaat: { code: (original.chosen as { household: { reference: string } }).household.reference },
    });
    expect(typeof toewijzing.rekeninkomen).toBe('number');
  });
});
