import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

// the service counts offer deadlines in Dutch calendar days (src/engine/letting/offer-stages.ts)
const AMSTERDAM = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in Amsterdam as an ISO date. */
export const amsterdamToday = () => AMSTERDAM.format(new Date());

/** An open offer's stage in words ('–' when it has none). */
export function useStageName(): (stage: string | null | undefined) => string {
  const { t } = useI18n();
  return (stage) => (stage ? t(`offerStage.${stage}` as MessageKey) : '–');
}

/** A stage's due date, marked when it is today or past (an overdue stage expires the offer). */
export function DueDate({ due }: { due: string | null | undefined }) {
  const { t, date } = useI18n();
  if (!due) return <>–</>;
  const today = amsterdamToday();
  const mark = due < today ? 'overdue' : due === today ? 'today' : null;
  return (
    <span className={mark ? `due due-${mark}` : 'due'}>
      {date(due)}
      {mark && <strong className={`badge due-badge-${mark}`}> {t(mark === 'overdue' ? 'offers.overdue' : 'offers.dueToday')}</strong>}
    </span>
  );
}
