import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toCsv } from '../common/csv.js';
import { DomainError } from '../common/domain-error.js';
import type { Language, Phrasebook } from '../engine/common/language.js';
import { lettingStatus, streetOf } from '../engine/letting/accountability.js';
import type { AllocationRoute } from '../engine/model.js';
import { LettingAccountabilityRow, LettingsAccountability } from './graphql/accountability.type.js';

interface LettingRow {
  allocation_date: string;
  closes_on: string | null;
  address: string;
  municipality_name: string;
  municipality_code: string;
  rooms: number;
  floor_area_m2: number;
  net_rent_cents: number;
  route: AllocationRoute;
  respondents: number;
  registration_date: string;
  ranking_points: number | null;
  lottery_rank: string | null;
  lottery_seed: string | null;
  counts_as: string[];
  plain_order_passed_over: boolean | null;
  decision: string | null;
  reason_code: string | null;
  composition_version: number | null;
  refusals: number;
}

/** The published columns, in order: nothing else leaves (test/e2e/letting.e2e-spec.ts checks each one). */
export const ACCOUNTABILITY_COLUMNS = [
  'lettingDate',
  'closingDate',
  'street',
  'place',
  'municipalityCode',
  'rooms',
  'floorAreaM2',
  'netRentCents',
  'model',
  'respondents',
  'registrationDate',
  'points',
  'lotteryNumber',
  'lotterySeed',
  'statusCodes',
  'status',
] as const satisfies readonly (keyof LettingAccountabilityRow)[];

const HEADERS: Phrasebook<
  Record<(typeof ACCOUNTABILITY_COLUMNS)[number], string> & { title: (from: string, to: string, scope: string) => string; intro: string }
> = {
  en: {
    lettingDate: 'Let on',
    closingDate: 'Window closed',
    street: 'Street',
    place: 'Place',
    municipalityCode: 'Municipality',
    rooms: 'Rooms',
    floorAreaM2: 'Floor area (m²)',
    netRentCents: 'Net rent (cents)',
    model: 'Model',
    respondents: 'Respondents',
    registrationDate: 'Registered since',
    points: 'Points',
    lotteryNumber: 'Lottery number',
    lotterySeed: 'Lottery seed',
    statusCodes: 'Codes',
    status: 'How it was let',
    title: (from, to, scope) => `Lettings ${from} to ${to} (${scope})`,
    intro:
      'Each letting with what decided it: the registration date, points or lottery number of the household that accepted, and any deviation from the published order with its ground. No names, no house numbers.',
  },
  nl: {
    lettingDate: 'Verhuurd op',
    closingDate: 'Reactietermijn gesloten',
    street: 'Straat',
    place: 'Plaats',
    municipalityCode: 'Gemeente',
    rooms: 'Kamers',
    floorAreaM2: 'Oppervlakte (m²)',
    netRentCents: 'Kale huur (centen)',
    model: 'Model',
    respondents: 'Reacties',
    registrationDate: 'Ingeschreven sinds',
    points: 'Punten',
    lotteryNumber: 'Lotnummer',
    lotterySeed: 'Lotingszaad',
    statusCodes: 'Codes',
    status: 'Hoe verhuurd',
    title: (from, to, scope) => `Verhuringen ${from} tot en met ${to} (${scope})`,
    intro:
      'Elke verhuring met wat de doorslag gaf: de inschrijfdatum, punten of het lotnummer van het huishouden dat accepteerde, en elke afwijking van de gepubliceerde volgorde met de grond ervoor. Geen namen, geen huisnummers.',
  },
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Public accountability of lettings (verantwoording, issue 17): one publishable row per letting in a
 * period, without personal data: the street without a house number, the place, the dwelling's size and
 * rent, the model, how many responded, the registration date, points or lottery number of the
 * household that accepted, and the status codes (src/engine/letting/accountability.ts). A lottery
 * letting publishes its seed, so the draw can be done again (src/engine/letting/lottery.ts).
 */
@Injectable()
export class AccountabilityService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async lettings(from: string, to: string, municipalityCode: string | null, language: Language): Promise<LettingsAccountability> {
    if (to < from) throw DomainError.invalid([{ field: 'to', reason: `must not be before from (${from})` }]);
    const rows: LettingRow[] = await this.dataSource.query(
      `SELECT to_char(a.allocation_date, 'YYYY-MM-DD') AS allocation_date, to_char(p.closes_on, 'YYYY-MM-DD') AS closes_on, d.address,
              n.municipality_name, n.municipality_code, d.rooms, d.floor_area_m2, d.net_rent_cents, v.route,
              (SELECT count(*)::int FROM vacancy_response r WHERE r.vacancy_id = v.id) AS respondents,
              to_char(h.registration_date, 'YYYY-MM-DD') AS registration_date, h.ranking_points,
              (SELECT c.order_key->>'lotteryRank' FROM candidate c WHERE c.vacancy_id = v.id AND c.household_id = a.household_id) AS lottery_rank,
              p.lottery_seed, a.counts_as,
              CASE WHEN pr.id IS NULL THEN NULL ELSE pr.plain_order_household_id IS NOT NULL AND pr.plain_order_household_id <> a.household_id END
                AS plain_order_passed_over,
              o.decision, o.reason_code, cp.version AS composition_version,
              (SELECT count(*)::int FROM offer x WHERE x.vacancy_id = v.id AND x.status = 'DECLINED') AS refusals
         FROM allocation a JOIN vacancy v ON v.id = a.vacancy_id JOIN dwelling d ON d.id = v.dwelling_id
         JOIN complex c ON c.id = d.complex_id JOIN neighbourhood n ON n.id = c.neighbourhood_id
         JOIN household h ON h.id = a.household_id
         LEFT JOIN vacancy_publication p ON p.vacancy_id = v.id
         LEFT JOIN LATERAL (SELECT * FROM offer WHERE vacancy_id = v.id AND status = 'ACCEPTED' ORDER BY id DESC LIMIT 1) o ON true
         LEFT JOIN proposal pr ON pr.id = o.proposal_id LEFT JOIN composition_policy cp ON cp.id = pr.composition_policy_id
        WHERE a.allocation_date BETWEEN $1 AND $2 AND ($3::text IS NULL OR n.municipality_code = $3)
        ORDER BY a.allocation_date, n.municipality_code, d.address, a.id`,
      [from, to, municipalityCode],
    );
    const out: LettingAccountabilityRow[] = rows.map((r) => {
      const status = lettingStatus(
        {
          route: r.route,
          plainOrderPassedOver: r.plain_order_passed_over,
          overrideReasonCode: r.decision === 'OVERRIDE' ? r.reason_code : null,
          compositionPolicyVersion: r.composition_version,
          countsAs: r.counts_as,
          refusalsBefore: r.refusals,
        },
        language,
      );
      return {
        lettingDate: r.allocation_date,
        closingDate: r.closes_on,
        street: streetOf(r.address),
        place: r.municipality_name,
        municipalityCode: r.municipality_code,
        rooms: r.rooms,
        floorAreaM2: r.floor_area_m2,
        netRentCents: r.net_rent_cents,
        model: r.route,
        respondents: r.respondents,
        registrationDate: r.registration_date,
        points: r.route === 'POINTS' ? r.ranking_points : null,
        lotteryNumber: r.route === 'LOTTERY' && r.lottery_rank !== null ? Number(r.lottery_rank) : null,
        lotterySeed: r.route === 'LOTTERY' ? r.lottery_seed : null,
        statusCodes: status.codes,
        status: status.sentence,
      };
    });
    const say = HEADERS[language];
    const cells = (row: LettingAccountabilityRow) => ACCOUNTABILITY_COLUMNS.map((c) => (c === 'statusCodes' ? row.statusCodes.join(' ') : row[c]));
    const csv = toCsv([ACCOUNTABILITY_COLUMNS.map((c) => say[c]), ...out.map(cells)], { decimalComma: true, bom: true });
    const title = say.title(from, to, municipalityCode ?? '–');
    const html = [
      `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>`,
      '<style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}</style>',
      `</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(say.intro)}</p><table><thead><tr>`,
      ...ACCOUNTABILITY_COLUMNS.map((c) => `<th scope="col">${escapeHtml(say[c])}</th>`),
      '</tr></thead><tbody>',
      ...out.map(
        (row) =>
          `<tr>${cells(row)
            .map((v) => `<td>${escapeHtml(v === null ? '' : String(v))}</td>`)
            .join('')}</tr>`,
      ),
      '</tbody></table></body></html>',
    ].join('');
    return { from, to, municipalityCode, rows: out, csv, html };
  }
}
