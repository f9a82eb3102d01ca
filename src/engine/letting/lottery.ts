import { createHash } from 'node:crypto';

/**
 * A reproducible lottery draw (issue 17: "the lottery seed of each lottery letting so anyone can check
 * the draw"). Algorithm `sha256-sort/v1`, which a third party can redo with any SHA-256 tool:
 *
 *   1. For each respondent id, its key is the lowercase hex SHA-256 of the UTF-8 text `<seed>:<id>`
 *      (the id written as text in base 10 if it is a number), e.g.
 *      `printf '%s' 'VAC-0001-2026:17' | sha256sum`.
 *   2. Order the respondents by key ascending (hex text compared character by character);
 *      equal keys (not expected for distinct ids) by id text, character by character.
 *   3. Lottery number 1 is the first respondent in that order, 2 the next, and so on.
 *
 * The order depends only on the seed and the set of ids, not on the order they are given in. The seed
 * must be recorded (published with the letting) before the draw's result is used; secrecy is not
 * relied on. Any change to these steps gets a new algorithm name.
 */
export const LOTTERY_ALGORITHM = 'sha256-sort/v1';

export interface LotteryTicket<T extends string | number> {
  respondentId: T;
  /** 1 = drawn first. */
  lotteryNumber: number;
  /** SHA-256 of `<seed>:<id>`, lowercase hex: published, so each place can be checked on its own. */
  key: string;
}

export interface LotteryDraw<T extends string | number> {
  algorithm: typeof LOTTERY_ALGORITHM;
  seed: string;
  tickets: LotteryTicket<T>[];
}

export function lotteryKey(seed: string, respondentId: string | number): string {
  return createHash('sha256')
    .update(`${seed}:${String(respondentId)}`, 'utf8')
    .digest('hex');
}

/**
 * The draw over the respondents with this seed (see the module comment).
 * @throws RangeError for an empty seed or an id given twice (also 7 and '7': their text is the same),
 * which are the caller's mistakes, not outcomes.
 */
export function drawLottery<T extends string | number>(respondentIds: readonly T[], seed: string): LotteryDraw<T> {
  if (seed.length === 0) throw new RangeError('a lottery needs a seed');
  const seen = new Set<string>();
  const keyed = respondentIds.map((respondentId) => {
    const text = String(respondentId);
    if (seen.has(text)) throw new RangeError(`respondent ${text} is in the lottery twice`);
    seen.add(text);
    return { respondentId, text, key: lotteryKey(seed, text) };
  });
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  keyed.sort((a, b) => byText(a.key, b.key) || byText(a.text, b.text));
  return { algorithm: LOTTERY_ALGORITHM, seed, tickets: keyed.map(({ respondentId, key }, i) => ({ respondentId, lotteryNumber: i + 1, key })) };
}
