import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { gql } from '../../api/client';
import { CheckThenImportActions, ImportFileField } from '../../components/check-then-import';
import { graphql } from '../../gql';
import type { ImportFormat, ImportKind } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { VeraExchange } from './vera-exchange';

const ImportDocument = graphql(`
  mutation ImportData($input: ImportInput!) {
    importData(input: $input) {
      ok
      written
      kind
      rows {
        section
        rows
      }
      errors {
        section
        line
        field
        reason
      }
    }
  }
`);

const KINDS: readonly ImportKind[] = ['NEIGHBOURHOODS', 'NEIGHBOURHOOD_READINGS', 'COMPLEXES', 'DWELLINGS', 'HOUSEHOLDS', 'TENANCIES', 'VACANCIES', 'DATASET'];

/** What one run sends: a check (dry run) is about exactly this kind, format and text. */
interface ImportRequest {
  kind: ImportKind;
  format: ImportFormat;
  content: string;
  dryRun: boolean;
}

const sameData = (a: Omit<ImportRequest, 'dryRun'>, b: Omit<ImportRequest, 'dryRun'>) => a.kind === b.kind && a.format === b.format && a.content === b.content;

/**
 * Import (admins): a CSV or JSON file checked row by row first (dry run: nothing written), then
 * imported all or nothing. The service answers when it is done (one transaction: there is no
 * progress to show and nothing to cancel half-way); every bad row is named with its line and field.
 */
export function ImportsPage() {
  const { t, number } = useI18n();
  const [kind, setKind] = useState<ImportKind>('HOUSEHOLDS');
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  // the text that passed a check, not the file's name: a file changed under the same name (even while
  // its check is on its way) is not the one checked, and Import waits for a new check
  const [checked, setChecked] = useState<Omit<ImportRequest, 'dryRun'> | null>(null);
  const format: ImportFormat = file?.name.toLowerCase().endsWith('.json') || kind === 'DATASET' ? 'JSON' : 'CSV';
  const run = useMutation({
    mutationFn: ({ dryRun, ...data }: ImportRequest) => gql(ImportDocument, { input: { ...data, dryRun } }),
    // what the answer is about is what was sent (the variables), never the file chosen since
    onSuccess: (answer, { dryRun, ...data }) => setChecked(dryRun && answer.importData.ok ? data : null),
  });
  const result = run.data?.importData;
  const request = (dryRun: boolean): ImportRequest | null => (file ? { kind, format, content: file.content, dryRun } : null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const check = request(true);
    if (check) run.mutate(check);
  };
  const toImport = request(false);
  const canImport = toImport !== null && checked !== null && sameData(checked, toImport) && !run.isPending;
  return (
    <section>
      <h1>{t('imports.title')}</h1>
      <p className="note">{t('imports.intro')}</p>
      <form onSubmit={submit} className="card" aria-labelledby="import-form-title">
        <h2 id="import-form-title">{t('imports.choose')}</h2>
        <div className="filters">
          <label className="field">
            <span>{t('imports.kind')}</span>
            <select
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as ImportKind);
                setChecked(null);
              }}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`imports.kind.${k}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <ImportFileField
            label={t('imports.file')}
            accept=".csv,.json,text/csv,application/json"
            onChosen={(chosen) => {
              setChecked(null);
              run.reset();
              setFile(chosen);
            }}
          />
        </div>
        {file && <p className="muted">{t('imports.fileInfo', { name: file.name, format, size: number(file.content.length) })}</p>}
        <CheckThenImportActions
          canCheck={file !== null}
          canImport={canImport}
          pending={run.isPending}
          error={run.error}
          onImport={() => toImport && run.mutate(toImport)}
        />
      </form>
      {result && (
        <section aria-labelledby="import-result" data-testid="import-result">
          <h2 id="import-result">{t(result.written ? 'imports.written' : result.ok ? 'imports.checkedOk' : 'imports.refused')}</h2>
          <ul className="plain">
            {result.rows.map((r) => (
              <li key={r.section}>{t('imports.rows', { section: r.section, rows: number(r.rows) })}</li>
            ))}
          </ul>
          {result.errors.length > 0 && (
            <table className="data-table" data-testid="import-errors">
              <caption>{t('imports.errorsCaption', { count: number(result.errors.length) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('imports.section')}</th>
                  <th scope="col">{t('imports.line')}</th>
                  <th scope="col">{t('imports.field')}</th>
                  <th scope="col">{t('imports.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {result.errors.map((e, i) => (
                  <tr key={i}>
                    <td>{e.section}</td>
                    <td>{e.line}</td>
                    <th scope="row">
                      <code>{e.field}</code>
                    </th>
                    <td>{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      <VeraExchange />
    </section>
  );
}
