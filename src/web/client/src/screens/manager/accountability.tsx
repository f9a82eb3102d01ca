import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button, FieldError, Input, Label, TextField } from 'react-aria-components';
import { ApiError, gql } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/error-message';
import { saveTextFile } from '../../components/save-file';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const AccountabilityDocument = graphql(`
  query LettingsAccountabilityScreen($from: String!, $to: String!, $municipalityCode: String) {
    lettingsAccountability(from: $from, to: $to, municipalityCode: $municipalityCode) {
      from
      to
      municipalityCode
      csv
      html
      rows {
        lettingDate
        closingDate
        street
        place
        municipalityCode
        rooms
        floorAreaM2
        netRentCents
        model
        respondents
        registrationDate
        points
        lotteryNumber
        lotterySeed
        statusCodes
        status
      }
    }
  }
`);

interface Asked {
  from: string;
  to: string;
  municipalityCode: string;
}
type Field = keyof Asked;

/**
 * Public accountability of lettings (verantwoording, issue 17): every letting of a period as the
 * association publishes it, without personal data (street, not door; the registration date, points or
 * lottery number that decided; codes and a sentence for how it was let). The CSV (with its byte order
 * mark, for a Dutch spreadsheet) and the self-contained HTML page are saved as files, never shown here.
 */
export function AccountabilityPage() {
  const { t, number, date, euros } = useI18n();
  const year = new Date().getFullYear();
  const [form, setForm] = useState<Asked>({ from: `${year}-01-01`, to: `${year}-12-31`, municipalityCode: '' });
  const [asked, setAsked] = useState<Asked>(form);
  const report = useQuery({
    queryKey: ['lettings-accountability', asked],
    queryFn: () => gql(AccountabilityDocument, { from: asked.from, to: asked.to, municipalityCode: asked.municipalityCode || null }),
  });
  const problems = report.error instanceof ApiError ? report.error.fields : [];
  const errorOf = (field: Field) =>
    problems
      .filter((p) => p.field === field)
      .map((p) => p.reason)
      .join('; ') || undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked({ from: form.from, to: form.to, municipalityCode: form.municipalityCode.trim().toUpperCase() });
  };
  const field = (name: Field, label: string, type: string, placeholder?: string) => (
    <TextField
      type={type}
      value={form[name]}
      onChange={(value) => setForm((f) => ({ ...f, [name]: value }))}
      isInvalid={!!errorOf(name)}
      isRequired={name !== 'municipalityCode'}
      validationBehavior="aria"
      className="field"
    >
      <Label>{label}</Label>
      <Input placeholder={placeholder} />
      <FieldError>{errorOf(name)}</FieldError>
    </TextField>
  );
  const data = report.data?.lettingsAccountability;
  const fileName = data ? `verantwoording-verhuringen-${data.from}-${data.to}${data.municipalityCode ? `-${data.municipalityCode}` : ''}` : '';
  return (
    <section>
      <h1>{t('accountability.title')}</h1>
      <p className="note">{t('accountability.intro')}</p>
      <form onSubmit={submit} className="filters" aria-label={t('accountability.choose')} noValidate>
        {field('from', t('accountability.from'), 'date')}
        {field('to', t('accountability.to'), 'date')}
        {field('municipalityCode', t('accountability.municipality'), 'text', 'GM0000')}
        <Button type="submit" className="button">
          {t('accountability.show')}
        </Button>
      </form>
      {report.isPending && <Loading />}
      <ErrorMessage error={report.error} />
      {data && (
        <>
          <p data-testid="accountability-summary">
            {t('accountability.summary', {
              count: number(data.rows.length),
              from: date(data.from),
              to: date(data.to),
              scope: data.municipalityCode ?? t('accountability.everywhere'),
            })}
          </p>
          <div className="actions no-print">
            <Button className="button secondary" onPress={() => saveTextFile(data.csv, `${fileName}.csv`)}>
              {t('accountability.csv')}
            </Button>
            <Button className="button secondary" onPress={() => saveTextFile(data.html, `${fileName}.html`, 'text/html;charset=utf-8')}>
              {t('accountability.html')}
            </Button>
          </div>
          <div className="table-scroll wide" role="region" aria-labelledby="accountability-caption" tabIndex={0}>
            <table className="data-table" data-testid="accountability">
              <caption id="accountability-caption">{t('accountability.caption', { from: date(data.from), to: date(data.to) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('accountability.lettingDate')}</th>
                  <th scope="col">{t('accountability.closingDate')}</th>
                  <th scope="col">{t('accountability.street')}</th>
                  <th scope="col">{t('accountability.place')}</th>
                  <th scope="col">{t('accountability.municipalityCode')}</th>
                  <th scope="col">{t('accountability.dwelling')}</th>
                  <th scope="col">{t('accountability.model')}</th>
                  <th scope="col">{t('accountability.respondents')}</th>
                  <th scope="col">{t('accountability.registrationDate')}</th>
                  <th scope="col">{t('accountability.points')}</th>
                  <th scope="col">{t('accountability.lotteryNumber')}</th>
                  <th scope="col">{t('accountability.lotterySeed')}</th>
                  <th scope="col">{t('accountability.codes')}</th>
                  <th scope="col">{t('accountability.status')}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.length === 0 && (
                  <tr>
                    <td colSpan={14} className="muted" data-testid="accountability-empty">
                      {t('accountability.empty')}
                    </td>
                  </tr>
                )}
                {data.rows.map((r, i) => (
                  <tr key={i}>
                    <td>{date(r.lettingDate)}</td>
                    <td>{r.closingDate ? date(r.closingDate) : t('accountability.notAdvertised')}</td>
                    <td>{r.street}</td>
                    <td>{r.place}</td>
                    <td>{r.municipalityCode}</td>
                    <td>{t('accountability.dwellingFacts', { rooms: r.rooms, area: r.floorAreaM2, rent: euros(r.netRentCents) })}</td>
                    <td>{t(`route.${r.model}` as MessageKey)}</td>
                    <td>{number(r.respondents)}</td>
                    <td>{date(r.registrationDate)}</td>
                    <td>{r.points ?? '–'}</td>
                    <td>{r.lotteryNumber ?? '–'}</td>
                    <td className="seed">{r.lotterySeed ? <code>{r.lotterySeed}</code> : '–'}</td>
                    <td>
                      {r.statusCodes.map((code) => (
                        <code key={code} className="status-code">
                          {code}
                        </code>
                      ))}
                    </td>
                    <td>{r.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
