import { MipModelBuilder, mipObjective, mipSize, verifySolution } from './mip-model.js';

/** max 3a + 2b + c - 0.5 s; a + b <= 1; b + c = 1; 2a + c - s <= 1 (a, b, c binary; s >= 0). */
function tiny() {
  const b = new MipModelBuilder('tiny');
  b.offset = 10;
  b.addCol('a', 3, 0, 1, true);
  b.addCol('b', 2, 0, 1, true);
  b.addCol('c', 1, 0, 1, true);
  b.addCol('s', -0.5, 0, Number.POSITIVE_INFINITY, false);
  b.addRow('ab', Number.NEGATIVE_INFINITY, 1, [0, 1], [1, 1]);
  b.addRow('bc', 1, 1, [1, 2], [1, 1]);
  b.addRow('soft', Number.NEGATIVE_INFINITY, 1, [0, 2, 3, 1], [2, 1, -1, 0]);
  return b.build();
}

describe('MipModelBuilder', () => {
  it('builds CSR rows, drops zero coefficients and keeps names in order', () => {
    const sut = tiny();
    expect(mipSize(sut)).toEqual({ cols: 4, integerCols: 3, rows: 3, nonzeros: 7 });
    expect([...sut.rowStarts]).toEqual([0, 2, 4, 7]);
    expect(sut.colNames).toEqual(['a', 'b', 'c', 's']);
    expect(mipObjective(sut, [1, 0, 1, 2])).toBe(10 + 3 + 1 - 1);
  });

  it('rejects duplicate names', () => {
    const b = new MipModelBuilder('dup');
    b.addCol('x', 1, 0, 1, true);
    b.addCol('x', 1, 0, 1, true);
    expect(() => b.build()).toThrow(/duplicate column/);
  });
});

describe('verifySolution', () => {
  const model = tiny();
  it.each([
    ['a feasible solution', [1, 0, 1, 2], []],
    ['a fractional binary', [0.5, 0.5, 0.5, 0.5], ['INTEGRALITY:a', 'INTEGRALITY:b', 'INTEGRALITY:c']],
    ['a broken equality row', [1, 0, 0, 1], ['ROW:bc']],
    ['a soft row without its slack', [1, 0, 1, 0], ['ROW:soft']],
    ['a column bound', [0, 1, 0, -1], ['COLUMN_BOUND:s']],
    ['a non-finite value', [0, 1, 0, Number.NaN], ['NOT_FINITE:s', 'ROW:soft']],
    ['a wrong length', [0, 1, 0], ['LENGTH:tiny']],
  ])('%s', (_case, x, expected) => {
    expect(verifySolution(model, x).map((v) => `${v.kind}:${v.name}`)).toEqual(expected);
  });
});
