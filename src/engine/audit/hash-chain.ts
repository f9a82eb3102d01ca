import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { isDeeplyFrozen } from '../common/deep-freeze.js';

/** prev_hash of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a value: sorted keys, no whitespace, ECMAScript
 * number formatting. Refuses values JSON cannot hold (NaN and infinities too).
 *
 * Fastest path: the value's objects already hold their keys in sorted order, so JSON.stringify
 * writes JCS text as it is. Fast path: the engine's own JSON.stringify, each object re-built with its keys in sorted order
 * (~8x faster than the `canonicalize` library on a 0.9 MB proposal input: 5 ms against 43 ms).
 * JSON.stringify then writes exactly JCS text, except where an object's re-built key order is not
 * the sorted one (integer-like keys are always enumerated first, in numeric order): such a value
 * goes to the library. hash-chain.spec.ts checks the two agree on arbitrary JSON values.
 */
export function canonicalJson(value: unknown): string {
  // a deeply frozen value cannot change: its text is kept (cached households, remembered verdicts)
  if (isDeeplyFrozen(value)) {
    let text = textOfFrozen.get(value);
    if (text === undefined) textOfFrozen.set(value, (text = canonicalJsonOf(value)));
    return text;
  }
  return canonicalJsonOf(value);
}

const textOfFrozen = new WeakMap<object, string>();

function canonicalJsonOf(value: unknown): string {
  // fastest: every object already holds its keys in sorted order (the allocation input is built so),
  // and JSON.stringify without a replacer writes JCS text as it is (3 ms on the 0.9 MB input)
  if (keysAlreadySorted(value)) return JSON.stringify(value);
  let exact = true;
  const text = JSON.stringify(value, function sortKeys(_key: string, v: unknown) {
    // as the library: JSON has no form for them
    if (typeof v === 'number' && !Number.isFinite(v)) throw new TypeError(`${v} is not allowed`);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const keys = Object.keys(v).sort();
    const sorted: Record<string, unknown> = {};
    for (const k of keys) sorted[k] = (v as Record<string, unknown>)[k];
    if (exact && !sameOrder(Object.keys(sorted), keys)) exact = false;
    return sorted;
  }) as string | undefined;
  if (text === undefined) throw new TypeError('Value has no JSON form');
  if (exact) return text;
  const library = canonicalize(value);
  if (library === undefined) throw new TypeError('Value has no JSON form');
  return library;
}

/**
 * A copy of plain data with every object's keys in sorted order, so canonicalJson takes its fastest
 * path on it. For the small parts of a large value; the large parts are best built in that order.
 */
export function withSortedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withSortedKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) copy[key] = withSortedKeys((value as Record<string, unknown>)[key]);
  return copy as T;
}

/** Whether canonicalJson can write the value with JSON.stringify as it is (see keysAlreadySorted). */
export function inCanonicalOrder(value: unknown): boolean {
  return keysAlreadySorted(value);
}

/**
 * Whether JSON.stringify(value) is already its JCS text: plain objects and arrays only, each object's
 * keys enumerated in sorted order. Anything else (toJSON, class instances, functions) is left to the
 * re-building path, which knows what JSON makes of it.
 */
function keysAlreadySorted(value: unknown): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${value} is not allowed`);
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (Array.isArray(value)) {
    for (const item of value) if (!keysAlreadySorted(item)) return false;
    return true;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  let previous: string | null = null;
  for (const key of Object.keys(value)) {
    if (previous !== null && !(previous < key)) return false;
    const item = (value as Record<string, unknown>)[key];
    // JSON leaves undefined members out, as the other path does
    if (item !== undefined && !keysAlreadySorted(item)) return false;
    previous = key;
  }
  return true;
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

export function sha256Hex(text: string | readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of typeof text === 'string' ? [text] : text) hash.update(part, 'utf8');
  return hash.digest('hex');
}

/** Elements of a large array written as one piece (see canonicalJsonPieces and canonicalDigest). */
const ARRAY_GROUP = 64;

/**
 * canonicalJson(value) in pieces whose concatenation is exactly that text, for hashing a large value
 * without one large string: JSON.stringify hands back a string of many joined parts that V8 copies
 * into one (flattens) on first use, and for the 0.9 MB proposal input that copy cost more than the
 * hash itself (3.3 ms of 5.7; a fresh 1.8 MB two-byte string, measured with node on this machine).
 * Large arrays are written in groups of elements, each group one flat string.
 */
export function canonicalJsonPieces(value: unknown): string[] {
  return piecesOf(value).map(textOf);
}

/**
 * The sha256 of canonicalJson(value), and the text itself only when asked (to store a snapshot not
 * stored before). A group of deeply frozen array elements (the cached households and verdicts of a
 * proposal's input) is written and UTF-8 encoded once and hashed from those bytes on every later
 * input that holds the same elements in the same order: on the demo's 2,000-respondent proposal the
 * writing, joining and encoding took about 4 of its 49 ms (scripts/bench.ts, proposal_2000_graphql).
 */
export function canonicalDigest(value: unknown): { hash: string; text: () => string } {
  const pieces = piecesOf(value);
  const hash = createHash('sha256');
  for (const piece of pieces) {
    if (typeof piece === 'string') hash.update(piece, 'utf8');
    else hash.update(piece.bytes);
  }
  return { hash: hash.digest('hex'), text: () => pieces.map(textOf).join('') };
}

/** A group of deeply frozen array elements as written once, as UTF-8 (its text is decoded only for a snapshot stored anew). */
interface FrozenGroup {
  elements: readonly unknown[];
  bytes: Uint8Array;
}

type Piece = string | FrozenGroup;

const textOf = (piece: Piece): string => (typeof piece === 'string' ? piece : fromUtf8.decode(piece.bytes));

/** Written groups by their first element (a weak key: a group goes with the cached element it starts with); a few per element. */
const groupsByFirst = new WeakMap<object, FrozenGroup[]>();
const GROUPS_PER_FIRST = 4;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The kept group for these elements when every one is deeply frozen (so its text cannot change); else null. */
function frozenGroup(elements: readonly unknown[]): FrozenGroup | null {
  for (const element of elements) if (!isDeeplyFrozen(element)) return null;
  const first = elements[0] as object;
  const known = groupsByFirst.get(first) ?? [];
  const same = known.find((g) => g.elements.length === elements.length && g.elements.every((e, i) => e === elements[i]));
  if (same) return same;
  const group: FrozenGroup = { elements, bytes: utf8.encode(elements.map(elementJson).join(',')) };
  groupsByFirst.set(first, [group, ...known].slice(0, GROUPS_PER_FIRST));
  return group;
}

function piecesOf(value: unknown): Piece[] {
  const pieces: Piece[] = [];
  const write = (v: unknown): void => {
    if (Array.isArray(v) && v.length > ARRAY_GROUP) {
      pieces.push('[');
      for (let i = 0; i < v.length; i += ARRAY_GROUP) {
        if (i > 0) pieces.push(',');
        const elements = v.slice(i, i + ARRAY_GROUP);
        pieces.push(frozenGroup(elements) ?? elements.map(elementJson).join(','));
      }
      pieces.push(']');
      return;
    }
    // a short array of objects not frozen (the vacancies of an input) is written element by element,
    // so that the long arrays inside (their candidates) are written in groups too
    if (Array.isArray(v) && writtenByElement(v)) {
      pieces.push('[');
      v.forEach((item: unknown, i) => {
        if (i > 0) pieces.push(',');
        if (typeof item === 'object' && item !== null) write(item);
        else pieces.push(elementJson(item));
      });
      pieces.push(']');
      return;
    }
    if (!isPlainObjectWithSortedKeys(v)) {
      pieces.push(canonicalJson(v));
      return;
    }
    let first = true;
    pieces.push('{');
    for (const key of Object.keys(v)) {
      const item = v[key];
      // JSON leaves such members out
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      pieces.push(`${first ? '' : ','}${JSON.stringify(key)}:`);
      write(item);
      first = false;
    }
    pieces.push('}');
  };
  write(value);
  return pieces;
}

/** Whether a short array holds an object not frozen (whose text is not kept, so its long arrays are worth writing in groups). */
function writtenByElement(list: readonly unknown[]): boolean {
  const frozen: boolean = isDeeplyFrozen(list);
  return !frozen && list.some((item) => typeof item === 'object' && item !== null && !isDeeplyFrozen(item));
}

/** An array element as JSON writes it: what has no JSON form becomes null. */
function elementJson(item: unknown): string {
  return item === undefined || typeof item === 'function' || typeof item === 'symbol' ? 'null' : canonicalJson(item);
}

function isPlainObjectWithSortedKeys(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if ((prototype !== Object.prototype && prototype !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const keys = Object.keys(value);
  for (let i = 1; i < keys.length; i += 1) if (!(keys[i - 1] < keys[i])) return false;
  return true;
}

/** The hash of an event: sha256 over the previous event's hash followed by the event's canonical body. */
export function chainHash(prevHash: string, body: string): string {
  return sha256Hex(prevHash + body);
}

export interface EventBody {
  seq: number;
  occurredAt: string;
  actor: string;
  roles: readonly string[];
  type: string;
  subject: Readonly<Record<string, string | number | null>>;
  payload: unknown;
}

/** An event as stored: the columns a reader can query, the canonical body, and the chain hashes. */
export interface StoredEvent {
  seq: number;
  occurredAt: string;
  actor: string;
  type: string;
  subject: Readonly<Record<string, string | number | null>>;
  body: string;
  prevHash: string;
  hash: string;
}

export function sealEvent(body: EventBody, prevHash: string): StoredEvent {
  const text = canonicalJson(body);
  return {
    seq: body.seq,
    occurredAt: body.occurredAt,
    actor: body.actor,
    type: body.type,
    subject: body.subject,
    body: text,
    prevHash,
    hash: chainHash(prevHash, text),
  };
}

export interface ChainBreak {
  seq: number;
  reason: string;
}

/**
 * Checks events in order against the chain: sequence without gaps, each prev_hash equal to the hash
 * before it, each hash equal to sha256(prev_hash || body), each body canonical and agreeing with its
 * columns. `previous` is the event before the first one given (null: the first is the genesis event).
 * Returns the first break, or null when every event holds.
 */
export function firstChainBreak(events: readonly StoredEvent[], previous: Pick<StoredEvent, 'seq' | 'hash'> | null): ChainBreak | null {
  let expectedSeq = previous ? previous.seq + 1 : 1;
  let expectedPrev = previous ? previous.hash : GENESIS_HASH;
  for (const e of events) {
    if (e.seq !== expectedSeq) return { seq: e.seq, reason: `sequence gap: expected event ${expectedSeq}, found ${e.seq} (an event was removed or inserted)` };
    if (e.prevHash !== expectedPrev) return { seq: e.seq, reason: `prev_hash does not match the hash of event ${e.seq - 1}` };
    if (chainHash(e.prevHash, e.body) !== e.hash)
      return { seq: e.seq, reason: 'hash does not match sha256(prev_hash || body): the body or the hash was changed' };
    let parsed: EventBody;
    try {
      parsed = JSON.parse(e.body) as EventBody;
    } catch {
      return { seq: e.seq, reason: 'body is not JSON' };
    }
    if (canonicalJson(parsed) !== e.body) return { seq: e.seq, reason: 'body is not in RFC 8785 canonical form' };
    const columns: [string, unknown, unknown][] = [
      ['seq', parsed.seq, e.seq],
      ['occurred_at', parsed.occurredAt, e.occurredAt],
      ['actor', parsed.actor, e.actor],
      ['type', parsed.type, e.type],
      ['subject', canonicalJson(parsed.subject), canonicalJson(e.subject)],
    ];
    const differs = columns.find(([, inBody, inColumn]) => inBody !== inColumn);
    if (differs)
      return { seq: e.seq, reason: `column ${differs[0]} differs from the signed body (${JSON.stringify(differs[2])} against ${JSON.stringify(differs[1])})` };
    expectedSeq = e.seq + 1;
    expectedPrev = e.hash;
  }
  return null;
}
