import { Button } from 'react-aria-components';
import { ErrorMessage } from './error-message';
import { useI18n } from '../i18n/i18n';

/** A file chosen for an import, read as text; choosing another (or none) undoes an earlier check. */
export function ImportFileField({
  label,
  accept,
  onChosen,
}: {
  label: string;
  accept: string;
  onChosen: (file: { name: string; content: string } | null) => void;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="file"
        accept={accept}
        onChange={async (e) => {
          const chosen = e.target.files?.[0];
          onChosen(chosen ? { name: chosen.name, content: await chosen.text() } : null);
        }}
      />
    </label>
  );
}

/**
 * Check (a dry run: nothing stored), then Import, enabled only for exactly what passed the check;
 * while the service works, a status says the import happens at once (all or nothing).
 */
export function CheckThenImportActions({
  canCheck,
  canImport,
  pending,
  error,
  onImport,
}: {
  canCheck: boolean;
  canImport: boolean;
  pending: boolean;
  error: unknown;
  onImport: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="actions">
        <Button type="submit" className="button secondary" isDisabled={!canCheck || pending}>
          {t('imports.check')}
        </Button>
        <Button className="button" isDisabled={!canImport} onPress={onImport}>
          {t('imports.import')}
        </Button>
      </div>
      {pending && (
        <p role="status" className="muted">
          {t('imports.busy')}
        </p>
      )}
      <ErrorMessage error={error} />
    </>
  );
}
