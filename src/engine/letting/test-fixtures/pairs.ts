import type { Refusal, Transition } from '../transition.js';

/**
 * Every (state, event) pair of a machine with the state the spec expects it to lead to (null: refused).
 * `allowed` is written out by hand in each spec from issue 17, never read from the module, so a spec
 * fails when the module's table drifts from it.
 */
export function pairsOf<S extends string, E extends string>(
  states: readonly S[],
  events: readonly E[],
  allowed: Readonly<Record<S, Partial<Record<E, S>>>>,
): { state: S; event: E; to: S | null }[] {
  return states.flatMap((state) => events.map((event) => ({ state, event, to: allowed[state][event] ?? null })));
}

/** The refusal, or a failed expectation when the transition was allowed. */
export function refusalOf<S>(t: Transition<S, object>): Refusal {
  if (t.ok) throw new Error(`expected a refusal, got a transition to ${String(t.state)}`);
  return t;
}

/**
 * The sentences of a pair outside the table, in English and Dutch: each names the event and the state,
 * and lists the events allowed there (in the machine's event order) or says the state is final.
 */
export function expectWrongState<S extends string, E extends string>(
  en: Transition<S, object>,
  nl: Transition<S, object>,
  subject: { en: string; nl: string },
  state: S,
  event: E,
  allowedThere: readonly E[],
): void {
  const list = allowedThere.join(', ');
  expect(refusalOf(en)).toEqual({
    ok: false,
    code: 'WRONG_STATE',
    reason: `${event} is not allowed for ${subject.en} in state ${state} ` + (list ? `(allowed there: ${list}).` : '(a final state: nothing can follow).'),
  });
  const dutch = refusalOf(nl);
  expect(dutch.code).toBe('WRONG_STATE');
  expect(dutch.reason.startsWith(`${event} is niet toegestaan voor ${subject.nl} met status ${state} (`)).toBe(true);
  expect(dutch.reason.endsWith(list ? `(daar toegestaan: ${list}).` : '(een eindstatus: er kan niets meer volgen).')).toBe(true);
}
