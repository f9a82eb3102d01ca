import { isTabNonce, openSignInState, safeNext, sealSignInState, type SignInState } from './sign-in-state.js';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const TAB_NONCE = 'Tab-nonce_of_this_tab_0123456789abcdefghijk';
const STATE: SignInState = {
  codeVerifier: 'v'.repeat(43),
  state: 's'.repeat(43),
  nonce: 'n'.repeat(43),
  tabNonce: TAB_NONCE,
  next: '/worklist',
  expiresAt: 1_000,
};

describe('sealed sign-in state', () => {
  it('opens what it sealed, until it expires', () => {
    const sealed = sealSignInState(SECRET, STATE);
    expect(openSignInState(SECRET, sealed, 999)).toEqual(STATE);
    expect(openSignInState(SECRET, sealed, 1_000)).toBeNull();
  });

  it("carries the tab's nonce to the callback, sealed", () => {
    const sealed = sealSignInState(SECRET, STATE);
    expect(openSignInState(SECRET, sealed, 999)?.tabNonce).toBe(TAB_NONCE);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('Tab-nonce');
  });

  it.each([
    ['without a tab nonce (sealed before tab nonces existed)', { tabNonce: undefined }],
    ['with a tab nonce of another form', { tabNonce: 'short' }],
  ])('refuses a state %s, though sealed with the secret', (_name, change) => {
    expect(openSignInState(SECRET, sealSignInState(SECRET, { ...STATE, ...change } as unknown as SignInState), 999)).toBeNull();
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

describe('isTabNonce', () => {
  it.each([
    [TAB_NONCE, true],
    // what the sign-in page makes: 32 random bytes, base64url without padding
    [Buffer.alloc(32, 0xfb).toString('base64url'), true],
    ['A'.repeat(42), false],
    ['A'.repeat(44), false],
    [`${'A'.repeat(42)}=`, false],
    [`${'A'.repeat(42)}+`, false],
    [`${'A'.repeat(42)}/`, false],
    ['', false],
    [undefined, false],
    [[TAB_NONCE, TAB_NONCE], false],
  ])('%j -> %s', (value, expected) => {
    expect(isTabNonce(value)).toBe(expected);
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
