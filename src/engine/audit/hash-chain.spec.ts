import fc from 'fast-check';
import { deepFreeze } from '../common/deep-freeze.js';
import canonicalize from 'canonicalize';
import {
  EventBody,
  GENESIS_HASH,
  StoredEvent,
  canonicalDigest,
  canonicalJson,
  canonicalJsonPieces,
  chainHash,
  firstChainBreak,
  sealEvent,
  sha256Hex,
} from './hash-chain.js';

function chain(n: number): StoredEvent[] {
  const events: StoredEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq += 1) {
    const body: EventBody = {
      seq,
      occurredAt: `2026-03-02T09:00:0${seq}.000Z`,
      actor: 'alice',
      roles: ['OFFICER'],
      type: 'PROPOSAL_MADE',
      subject: { proposalId: seq },
      payload: { b: [1, 2.5, 'x'], a: null },
    };
    const e = sealEvent(body, prev);
    events.push(e);
    prev = e.hash;
  }
  return events;
}

describe('canonicalJson (RFC 8785; the canonicalize library where its fast path cannot be exact)', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    // integer-like keys: sorted as strings ("10" < "9"), never in the numeric order objects enumerate them
    [{ 9: 'a', 10: 'b', $: 'c' }, '{"$":"c","10":"b","9":"a"}'],
    [{ b: undefined, a: [undefined, () => 1] }, '{"a":[null,null]}'],
    [{ at: new Date('2026-03-02T09:00:00.000Z') }, '{"at":"2026-03-02T09:00:00.000Z"}'],
    [{ z: [3, { y: true, x: null }] }, '{"z":[3,{"x":null,"y":true}]}'],
    [1e21, '1e+21'],
    [0.1 + 0.2, '0.30000000000000004'],
    ['é\u2028', '"é\u2028"'],
  ])('%j -> %s', (value, text) => expect(canonicalJson(value)).toBe(text));

  it('writes what the canonicalize library writes, for any JSON value (property)', () => {
    const key = fc.oneof(fc.string(), fc.integer({ min: 0, max: 10_000 }).map(String), fc.constantFrom('-1', '01', '1.5', '__proto_', 'é', '\u{1F600}'));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ maxDepth: 4 }, fc.jsonValue({ maxDepth: 1 }), fc.double(), tie('array'), tie('object')),
      array: fc.array(tie('node'), { maxLength: 5 }),
      object: fc.dictionary(key, tie('node'), { maxKeys: 6 }),
    })).node;
    const outcome = (f: (v: unknown) => string | undefined, v: unknown) => {
      try {
        return f(v);
      } catch {
        return 'refused';
      }
    };
    fc.assert(
      fc.property(value, (v) => outcome(canonicalJson, v) === outcome(canonicalize, v)),
      { numRuns: 2000 },
    );
    // objects built with their keys in sorted order take the fastest path (no re-building)
    const sortedDeep = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sortedDeep)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, sortedDeep((v as Record<string, unknown>)[k])]),
            )
          : v;
    fc.assert(
      fc.property(value, (v) => outcome(canonicalJson, sortedDeep(v)) === outcome(canonicalize, v)),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['already sorted', { a: 1, b: { c: [1, { d: 2, e: '⟦x⟧' }] } }, '{"a":1,"b":{"c":[1,{"d":2,"e":"⟦x⟧"}]}}'],
    ['without a prototype', Object.assign(Object.create(null) as object, { a: 1 }), '{"a":1}'],
    ['a Map (JSON writes {})', { a: new Map([['k', 1]]) }, '{"a":{}}'],
    ['sorted, but with a toJSON inside', { a: { toJSON: () => ({ y: 1, x: 2 }) } }, '{"a":{"x":2,"y":1}}'],
  ])('%s', (_label, value, text) => expect(canonicalJson(value)).toBe(text));

  it('writes in pieces exactly what it writes whole, for any value (property)', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('a', 'b', 'z', '10', '9', 'toJSON'));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { maxDepth: 4 },
        fc.jsonValue({ maxDepth: 1 }),
        // JSON data, undefined and a Date (what JSON.stringify handles itself); no functions: they are not
        // data, and the library writes `undefined` for one inside an object it sorts
        fc.constantFrom(undefined, new Date(0)),
        tie('array'),
        tie('object'),
      ),
      // long arrays too: they are written in groups
      array: fc.array(tie('node'), { maxLength: 150 }),
      object: fc.dictionary(key, tie('node'), { maxKeys: 6 }),
    })).node;
    const outcome = (f: () => string) => {
      try {
        return f();
      } catch {
        return 'refused';
      }
    };
    fc.assert(
      fc.property(value, (v) => outcome(() => canonicalJsonPieces(v).join('')) === outcome(() => canonicalJson(v))),
      { numRuns: 300 },
    );
    expect(sha256Hex(canonicalJsonPieces({ a: Array.from({ length: 200 }, (_, i) => ({ i })) }))).toBe(
      sha256Hex(canonicalJson({ a: Array.from({ length: 200 }, (_, i) => ({ i })) })),
    );
  });

  it('digests as sha256 of the canonical text, also from kept groups of frozen elements in any order or mix', () => {
    // two-byte text too: household mentions (src/engine/privacy/household-mention.ts) are not ASCII
    const frozen = Array.from({ length: 150 }, (_, i) => deepFreeze({ id: i, reference: `⟦household:${i}⟧`, z: [i, 'é'] }));
    const inputs = [
      { households: frozen, seed: 1 },
      { households: frozen, seed: 1 }, // the same elements again: hashed from the kept groups
      { households: [...frozen].reverse(), seed: 1 },
      { households: [...frozen.slice(0, 64), { id: 'not frozen' }, ...frozen.slice(64)], seed: 1 },
      { households: frozen.slice(1), seed: 2 },
      { households: [...frozen.slice(0, 100), ...frozen.slice(0, 100)], seed: 1 },
      // a short array of objects not frozen, holding long arrays of frozen ones (an input's vacancies)
      { vacancies: [{ candidates: frozen, id: 1, tags: ['a', 'b'] }, undefined, 3, { candidates: frozen.slice(3), id: 2 }] },
      { vacancies: [{ candidates: frozen, id: 1, tags: ['a', 'b'] }, null, { candidates: frozen.slice(3), id: 2 }] },
    ];
    for (const input of inputs) {
      const digest = canonicalDigest(input);
      expect(digest.text()).toBe(canonicalJson(input));
      expect(digest.hash).toBe(sha256Hex(canonicalJson(input)));
    }
    fc.assert(
      fc.property(fc.array(fc.nat(149), { minLength: 65, maxLength: 300 }), (picks) => {
        const input = { picked: picks.map((i) => frozen[i]) };
        return canonicalDigest(input).hash === sha256Hex(canonicalJson(input));
      }),
      { numRuns: 100 },
    );
  });

  it('keeps the text of a deeply frozen value, and writes a changed copy afresh', () => {
    const value = deepFreeze({ b: [1, { d: 'x', c: 2 }], a: 'y' });
    expect(canonicalJson(value)).toBe('{"a":"y","b":[1,{"c":2,"d":"x"}]}');
    expect(canonicalJson(value)).toBe('{"a":"y","b":[1,{"c":2,"d":"x"}]}');
    expect(canonicalJson({ ...value, a: 'z' })).toBe('{"a":"z","b":[1,{"c":2,"d":"x"}]}');
  });

  it('refuses NaN and infinities on every path', () => {
    for (const v of [NaN, [Infinity], { a: -Infinity }, { b: 1, a: NaN }]) expect(() => canonicalJson(v)).toThrow(TypeError);
  });

  it('hashes with sha256 (known vector)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(chainHash(GENESIS_HASH, '{}')).toBe(sha256Hex(`${GENESIS_HASH}{}`));
  });
});

describe('firstChainBreak', () => {
  it('accepts an untouched chain, whole or from the middle', () => {
    const events = chain(5);
    expect(firstChainBreak(events, null)).toBeNull();
    expect(firstChainBreak(events.slice(2), events[1])).toBeNull();
  });

  const tamper: [string, (events: StoredEvent[]) => StoredEvent[], number, RegExp][] = [
    [
      'a changed payload',
      (e) => {
        e[2] = { ...e[2], body: e[2].body.replace('"x"', '"y"') };
        return e;
      },
      3,
      /hash does not match/,
    ],
    [
      'a re-hashed changed payload',
      (e) => {
        const body = e[2].body.replace('"x"', '"y"');
        e[2] = { ...e[2], body, hash: chainHash(e[2].prevHash, body) };
        return e;
      },
      4,
      /prev_hash does not match the hash of event 3/,
    ],
    [
      'a removed event',
      (e) => {
        e.splice(1, 1);
        return e;
      },
      3,
      /sequence gap: expected event 2/,
    ],
    [
      'a changed type column',
      (e) => {
        e[0] = { ...e[0], type: 'OTHER' };
        return e;
      },
      1,
      /column type differs/,
    ],
    [
      'a changed actor column',
      (e) => {
        e[3] = { ...e[3], actor: 'mallory' };
        return e;
      },
      4,
      /column actor differs/,
    ],
    [
      'a changed subject column',
      (e) => {
        e[1] = { ...e[1], subject: { proposalId: 99 } };
        return e;
      },
      2,
      /column subject differs/,
    ],
    [
      'a body that is not canonical',
      (e) => {
        const body = e[0].body.replace('{"actor"', '{ "actor"');
        e[0] = { ...e[0], body, hash: chainHash(e[0].prevHash, body) };
        return e;
      },
      1,
      /not in RFC 8785 canonical form/,
    ],
    [
      'a replaced hash',
      (e) => {
        e[4] = { ...e[4], hash: 'f'.repeat(64) };
        return e;
      },
      5,
      /hash does not match/,
    ],
  ];
  it.each(tamper)('finds %s', (_name, change, seq, reason) => {
    const broken = firstChainBreak(change(chain(5)), null);
    expect(broken).toEqual({ seq, reason: expect.stringMatching(reason) });
  });
});
