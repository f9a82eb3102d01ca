import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** What went wrong, in the API's words, with the fields it concerns; nothing fails silently. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  return (
    <div role="alert" className="error">
      <strong>{t('error.title')}</strong> {apiError ? apiError.message : error instanceof Error ? error.message : String(error)}
      {apiError && apiError.fields.length > 0 && (
        <ul>
          {apiError.fields.map((f) => (
            <li key={f.field + f.reason}>
              <code>{f.field}</code>: {f.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" className="muted">
      {t('common.loading')}
    </p>
  );
}
