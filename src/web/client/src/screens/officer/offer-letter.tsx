import { useQuery } from '@tanstack/react-query';
import { Button } from 'react-aria-components';
import { useNavigate, useParams } from 'react-router';
import { gql } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/error-message';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n/i18n';

const OfferLetterDocument = graphql(`
  query OfferLetterScreen($offerId: ID!) {
    offerLetter(offerId: $offerId) {
      offerId
      date
      templateVersion
      subject
      blocks {
        kind
        text
        items
      }
    }
  }
`);

// the letter on paper: A4 with room for a window envelope, only the letter (the shell's print rules hide navigation and buttons)
const LETTER_CSS = `
.offer-letter { max-width: 170mm; margin: 1.5rem 0; padding: 2rem 2.5rem; background: #fff; color: #000; border: 1px solid #d4d4d8;
  font-family: Georgia, 'Times New Roman', serif; font-size: 11pt; line-height: 1.5; }
.offer-letter h1 { font-size: 14pt; margin: 0 0 1.5rem; }
.offer-letter p { white-space: pre-line; margin: 0 0 0.9rem; }
.offer-letter ul { margin: 0 0 0.9rem 1.2rem; padding: 0; }
.offer-letter li { margin-bottom: 0.25rem; }
@media print {
  @page { size: A4; margin: 25mm 20mm; }
  .offer-letter { max-width: none; margin: 0; padding: 0; border: none; font-size: 11pt; }
  .offer-letter p, .offer-letter li { break-inside: avoid; }
}
`;

/**
 * The letter that goes with an open offer (issue 17), from the association's template in force today,
 * printable on A4. The letter is always Dutch (lang="nl"); the page around it follows the reader's language.
 */
export function OfferLetterPage() {
  const { offerId = '' } = useParams();
  const { t, date } = useI18n();
  const navigate = useNavigate();
  const letter = useQuery({ queryKey: ['offer-letter', offerId], queryFn: () => gql(OfferLetterDocument, { offerId }) });
  const l = letter.data?.offerLetter;
  return (
    <div>
      <style>{LETTER_CSS}</style>
      <div className="no-print">
        <h1>{t('offerLetter.title')}</h1>
        <div className="actions">
          <Button className="button secondary" onPress={() => void navigate(-1)}>
            {t('offerLetter.back')}
          </Button>
          <Button className="button" onPress={() => window.print()} isDisabled={!l} data-testid="print-letter">
            {t('offerLetter.print')}
          </Button>
        </div>
        {l && (
          <p className="muted" data-testid="offer-letter-note">
            {t('offerLetter.note', { version: l.templateVersion, date: date(l.date) })}
          </p>
        )}
      </div>
      {letter.isPending && <Loading />}
      <ErrorMessage error={letter.error} />
      {l && (
        <article className="offer-letter" lang="nl" data-testid="offer-letter" aria-label={t('offerLetter.title')}>
          <h1>{l.subject}</h1>
          {l.blocks.map((b, i) =>
            b.kind === 'LIST' ? (
              <ul key={i}>
                {b.items.map((item, j) => (
                  <li key={j}>{item}</li>
                ))}
              </ul>
            ) : (
              <p key={i}>{b.text}</p>
            ),
          )}
        </article>
      )}
    </div>
  );
}
