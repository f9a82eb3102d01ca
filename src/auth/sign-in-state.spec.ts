import { openSignInState, safeNext, sealSignInState, type SignInState } from './sign-in-state.js';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const STATE: SignInState = { codeVerifier: 'v'.repeat(43), state: 's'.repeat(43), nonce: 'n'.repeat(43), next: '/worklist', expiresAt: 1_000 };

describe('sealed sign-in state', () => {
  it('opens what it sealed, until it expires', () => {
    const sealed = sealSignInState(SECRET, STATE);
    expect(openSignInState(SECRET, sealed, 999)).toEqual(STATE);
    expect(openSignInState(SECRET, sealed, 1_000)).toBeNull();
  });

  it('seals differently each time and shows nothing of the verifier', () => {
    const a = sealSignInState(SECRET, STATE);
    expect(a).not.toBe(sealSignInState(SECRET, STATE));
    expect(Buffer.from(a, 'base64url').toString('latin1')).not.toContain('vvvv');
  });

  it.each([
    ['another secret', (s: string) => s, 'another-secret-of-at-least-32-characters'],
    [
      'one byte changed',
      (s: string) => {
        const bytes = Buffer.from(s, 'base64url');
        bytes[20] ^= 1;
        return bytes.toString('base64url');
      },
      SECRET,
    ],
    ['cut short', (s: string) => s.slice(0, 30), SECRET],
    ['garbage', (_s: string) => 'not base64url!', SECRET],
    ['empty', (_s: string) => '', SECRET],
  ])('refuses a state with %s', (_name, change, secret) => {
    expect(openSignInState(secret, change(sealSignInState(SECRET, STATE)), 999)).toBeNull();
  });
});

describe('safeNext', () => {
  it.each([
    ['/worklist', '/worklist'],
    ['/vacancies/12?tab=offers', '/vacancies/12?tab=offers'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['worklist', '/'],
    ['/with space', '/'],
    [undefined, '/'],
    [['/a', '/b'], '/'],
  ])('%j -> %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
