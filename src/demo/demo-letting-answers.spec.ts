import { SeededRandom } from '../engine/common/seeded-random.js';
import { DEMO_REFUSAL_CHANCE, demoAnswers } from './demo-letting-answers.js';

describe('demoAnswers', () => {
  it.each([
    ['the choosy applicant refuses for the location, first offer', 'H-000042', 0, false],
    ['the choosy applicant refuses for the location, third offer', 'H-000042', 2, false],
    ['anyone else accepts the third offer of a vacancy', 'H-000001', 2, true],
  ])('%s', (_name, household, attempt, accepts) => {
    const answer = demoAnswers(new SeededRandom(1), 'H-000042')({ householdReference: household, attempt });
    expect(answer.accept).toBe(accepts);
    if (!answer.accept && household === 'H-000042') expect(answer.refusalReasonCode).toBe('LOCATION');
  });

  it('refuses first offers at about the modelled rate, with the policy’s codes, the same for the same seed', () => {
    const draw = () => {
      const answer = demoAnswers(new SeededRandom(7), null);
      return Array.from({ length: 2000 }, (_, i) => answer({ householdReference: `H-${i}`, attempt: 0 }));
    };
    const answers = draw();
    const refused = answers.filter((a) => !a.accept);
    expect(refused.length / answers.length).toBeGreaterThan(DEMO_REFUSAL_CHANCE - 0.04);
    expect(refused.length / answers.length).toBeLessThan(DEMO_REFUSAL_CHANCE + 0.04);
    const codes = new Set(refused.map((a) => (a.accept ? '' : a.refusalReasonCode)));
    expect(codes).toEqual(new Set(['LOCATION', 'DWELLING_TYPE', 'PERSONAL_CHANGE', 'MEDICAL', 'NOT_SUITABLE', 'NO_RESPONSE']));
    expect(JSON.stringify(draw())).toBe(JSON.stringify(answers));
  });
});
