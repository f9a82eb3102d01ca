import { LettingFacts, lettingStatus, streetOf } from './accountability.js';

const plain: LettingFacts = {
  route: 'REGULAR',
  plainOrderPassedOver: false,
  overrideReasonCode: null,
  compositionPolicyVersion: 1,
  countsAs: ['daebInTargetGroup', 'passendWithinCap'],
  refusalsBefore: 0,
};

describe('lettingStatus: each letting in codes a seeker can read, without a name', () => {
  it.each<[string, Partial<LettingFacts>, string[], string]>([
    ['plain order', {}, ['PLAIN_ORDER'], 'let in the published order'],
    [
      'passed over for the composition: the policy version is published',
      { plainOrderPassedOver: true, compositionPolicyVersion: 2 },
      ['COMPOSITION'],
      'deviating allocation for liveability (composition policy version 2)',
    ],
    [
      'an override names its coded reason, not the composition',
      { plainOrderPassedOver: true, overrideReasonCode: 'MEDICAL_FIT' },
      ['OVERRIDE'],
      'another candidate chosen, reason MEDICAL_FIT',
    ],
    ['urgency is a special allocation', { route: 'URGENCY' }, ['URGENCY'], 'special allocation: urgency'],
    ['direct allocation', { route: 'DIRECT', plainOrderPassedOver: null }, ['DIRECT'], 'direct allocation (not advertised)'],
    [
      'not passend and above the DAEB limit, in plain order',
      { countsAs: ['daebAboveLimit', 'passendAboveCap'] },
      ['PLAIN_ORDER', 'NOT_PASSEND', 'DAEB_ABOVE_LIMIT'],
      'let in the published order; not passend: within the margin the law allows; income above the DAEB limit: within the free allocation space',
    ],
    ['local ties', { countsAs: ['localTiesPriority'] }, ['PLAIN_ORDER', 'LOCAL_TIES'], 'let in the published order; priority for local ties'],
    ['refusals before', { refusalsBefore: 2 }, ['PLAIN_ORDER', 'REFUSED_BEFORE'], 'let in the published order; 2 offers refused before'],
    ['one refusal', { refusalsBefore: 1 }, ['PLAIN_ORDER', 'REFUSED_BEFORE'], 'let in the published order; 1 offer refused before'],
  ])('%s', (_t, change, codes, sentence) => {
    expect(lettingStatus({ ...plain, ...change })).toEqual({ codes, sentence });
  });

  it('in Dutch from the same facts', () => {
    expect(lettingStatus({ ...plain, plainOrderPassedOver: true, refusalsBefore: 1 }, 'nl')).toEqual({
      codes: ['COMPOSITION', 'REFUSED_BEFORE'],
      sentence: 'afwijkende toewijzing voor leefbaarheid (samenstellingsbeleid versie 1); 1 keer eerder geweigerd',
    });
  });
});

describe('streetOf: a street, never a door', () => {
  it.each([
    ['Rozenhof 12', 'Rozenhof'],
    ['Van der Helststraat 3-A', 'Van der Helststraat'],
    ['  Spoorzoom 101 bis ', 'Spoorzoom'],
    ['Zonder Nummer', 'Zonder Nummer'],
  ])('%s', (address, street) => expect(streetOf(address)).toBe(street));
});
