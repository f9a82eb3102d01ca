import { useI18n } from '../i18n/i18n';

/**
 * A number the service withheld (1-4 households, or one from which such a cell could be worked out):
 * a dash on screen and on paper, the reason in words for screen readers and on hover.
 */
export function Withheld() {
  const { t } = useI18n();
  return (
    <span className="withheld" title={t('withheld.why')}>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">{t('withheld.why')}</span>
    </span>
  );
}

/** A count (or share, rate) as text, or the dash of a withheld cell when the service sent none. */
export function CountOrWithheld({ value, format }: { value: number | null | undefined; format: (value: number) => string }) {
  return value === null || value === undefined ? <Withheld /> : <>{format(value)}</>;
}
