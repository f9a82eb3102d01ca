import { toCsv } from './csv.js';

describe('toCsv', () => {
  it.each([
    ['a plain text', 'MEDICAL_FIT', 'MEDICAL_FIT'],
    ['a formula', '=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['a plus', '+1+2', "'+1+2"],
    ['a minus in text', '-officer', "'-officer"],
    ['an at sign', '@SUM(A1)', "'@SUM(A1)"],
    ['a comma', 'a,b', '"a,b"'],
  ])('%s', (_name, cell, expected) => expect(toCsv([[cell]])).toBe(`${expected}\n`));

  it('keeps numbers, also negative ones, as numbers', () => expect(toCsv([[-5, 0.5, 'x']])).toBe('-5,0.5,x\n'));
});

describe('toCsv for a spreadsheet in Dutch locale', () => {
  it('writes a decimal comma and separates cells with semicolons', () =>
    expect(toCsv([['Rozenhof', 12.5, -3.25, 7, 'a;b']], { decimalComma: true })).toBe('Rozenhof;12,5;-3,25;7;"a;b"\n'));
  it('starts with a UTF-8 byte order mark when asked', () => {
    const text = toCsv([['Tevreden bewoners', 'één']], { decimalComma: true, bom: true });
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
  it('a negative number stays a number, not neutralised text', () => expect(toCsv([[-1.5]], { decimalComma: true })).toBe('-1,5\n'));
});
