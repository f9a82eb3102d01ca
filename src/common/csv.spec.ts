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
