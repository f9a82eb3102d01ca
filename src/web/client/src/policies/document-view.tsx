import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { nl } from '../i18n/messages';
import type { FieldChange, Json } from './document-paths';

type T = ReturnType<typeof useI18n>;

const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A field's name in the reader's words (`field.<key>` in the messages), else the key as the document writes it. */
export function fieldLabel(i18n: T, key: string, parent?: string): string {
  if (key === '') return i18n.t('policy.none');
  if (parent === 'defaultsByResilienceClass') return i18n.t('field.resilienceClassKey', { class: key });
  const messageKey = `field.${key}` as MessageKey;
  return messageKey in nl ? i18n.t(messageKey) : key;
}

/** A path (`quotas.passendWeight`) as the reader says it: "Quota › Gewicht passend toewijzen". */
export function pathLabel(i18n: T, path: string): string {
  const parts = path.split('.');
  // a list position (a target, a room norm) counted from 1 as people count; a resilience class stays a class
  return parts
    .map((part, i) =>
      /^\d+$/.test(part) && parts[i - 1] !== 'defaultsByResilienceClass'
        ? i18n.t('editor.item', { n: Number(part) + 1 })
        : fieldLabel(i18n, part, parts[i - 1]),
    )
    .join(' › ');
}

/** One value as words: yes/no, none, shares in basis points as a percentage beside the number. */
export function valueText(i18n: T, value: Json | undefined, key = ''): string {
  if (value === undefined) return '–';
  if (value === null) return i18n.t('policy.none');
  if (typeof value === 'boolean') return value ? i18n.t('policy.yes') : i18n.t('policy.no');
  if (typeof value === 'number') return /basisPoints$/i.test(key) ? `${i18n.percentBp(value)} (${i18n.number(value)})` : i18n.number(value);
  if (typeof value === 'string') return `field.${value}` in nl ? fieldLabel(i18n, value) : value;
  if (Array.isArray(value)) return value.length === 0 ? i18n.t('policy.emptyList') : value.map((v) => valueText(i18n, v, key)).join(', ');
  return JSON.stringify(value);
}

/** A composition target as a sentence: "ten hoogste 30% ... (weight 100)". */
function targetSentence(i18n: T, target: { [key: string]: Json }): string | null {
  if (typeof target.bound !== 'string' || typeof target.basisPoints !== 'number' || typeof target.dimension !== 'string') return null;
  return i18n.t(target.bound === 'MAX' ? 'policy.targetMax' : 'policy.targetMin', {
    share: i18n.percentBp(target.basisPoints),
    label: String(target.label ?? target.id),
    dimension: fieldLabel(i18n, String(target.dimension)),
    categories: valueText(i18n, target.categories),
    weight: i18n.number(Number(target.weight ?? 0)),
  });
}

/** A policy document as nested lists of named fields, each value in words; composition targets as sentences. */
export function ReadableDocument({ document, path = '' }: { document: Json; path?: string }) {
  const i18n = useI18n();
  if (!isObject(document)) return <span>{valueText(i18n, document)}</span>;
  const parent = path.split('.').pop();
  return (
    <dl className="document">
      {Object.entries(document).map(([key, value]) => {
        const here = path ? `${path}.${key}` : key;
        return (
          <div key={key} className="document-field" data-path={here}>
            <dt>{fieldLabel(i18n, key, parent)}</dt>
            <dd>
              {isObject(value) ? (
                Object.keys(value).length === 0 ? (
                  i18n.t('policy.emptyList')
                ) : (
                  <ReadableDocument document={value} path={here} />
                )
              ) : Array.isArray(value) && value.some(isObject) ? (
                <ol className="document-items">
                  {value.map((item, i) => {
                    const sentence = isObject(item) ? targetSentence(i18n, item) : null;
                    return (
                      <li key={i}>
                        {sentence ? (
                          <span data-testid="target-sentence">
                            <code>{String((item as { id?: Json }).id)}</code> {sentence}
                          </span>
                        ) : (
                          <ReadableDocument document={item} path={`${here}.${i}`} />
                        )}
                      </li>
                    );
                  })}
                </ol>
              ) : (
                valueText(i18n, value, key)
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** The fields that differ between two versions, each named in words with its value before and after. */
export function ChangesTable({ changes, caption }: { changes: FieldChange[]; caption: string }) {
  const i18n = useI18n();
  return (
    <table className="data-table" data-testid="policy-changes">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{i18n.t('policy.field')}</th>
          <th scope="col">{i18n.t('policy.change')}</th>
          <th scope="col">{i18n.t('policy.before')}</th>
          <th scope="col">{i18n.t('policy.after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.length === 0 && (
          <tr>
            <td colSpan={4} className="muted">
              {i18n.t('policy.noChanges')}
            </td>
          </tr>
        )}
        {changes.map((c) => {
          const key = c.path.split('.').pop() ?? '';
          return (
            <tr key={c.path} className={`change-${c.kind}`}>
              <th scope="row" title={c.path}>
                {pathLabel(i18n, c.path)}
              </th>
              <td>{i18n.t(`policy.kind.${c.kind}` as MessageKey)}</td>
              <td>{valueText(i18n, c.before, key)}</td>
              <td>{valueText(i18n, c.after, key)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
