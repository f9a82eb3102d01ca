import type { MessageKey } from '../i18n/messages';
import { valueAt, withValueAt, type Json } from './document-paths';

/**
 * The policy form's state: the document it will send, and what the form keeps beside it. Number and
 * word-list fields are controlled: every keystroke is committed to the document at once (so what is
 * sent, also on Enter, is what the fields show), and the text is kept as typed (a comma being typed,
 * "007"). Text that is no whole number stays in its field as a problem of the form's own; the document
 * keeps the field's last good value and saving waits until the problem is gone.
 *
 * The form's own state is keyed by a field's stable path, in which a list item is named by a key it
 * keeps while items above it come and go (`targets.#n3.weight`), not by its position
 * (`targets.2.weight`): removing an item does not hand its problems or text to the next one.
 */
export interface EditorState {
  readonly document: Json;
  /** Text typed into number and word-list fields, by stable path. */
  readonly drafts: ReadonlyMap<string, Draft>;
  /** The keys of a list's items, by the list's stable path; a list not in here is keyed by position. */
  readonly itemKeys: ReadonlyMap<string, readonly string[]>;
  /** The number of the next new item's key. */
  readonly nextKey: number;
}

export interface Draft {
  readonly kind: 'number' | 'words';
  readonly text: string;
  /** Why the text cannot be the field's value (blocks saving), or null. */
  readonly problem: MessageKey | null;
}

/** Where a field is: its path in the document (what the API names, what input ids are made of) and its stable path. */
export interface Place {
  readonly path: string;
  readonly stable: string;
}

/** A problem the form finds itself, at the field's path in the document as it is now. */
export interface LocalProblem {
  readonly path: string;
  readonly stable: string;
  readonly problem: MessageKey;
}

export const ROOT: Place = { path: '', stable: '' };

const join = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);

export const fieldPlace = (parent: Place, key: string): Place => ({ path: join(parent.path, key), stable: join(parent.stable, key) });

export const itemPlace = (list: Place, index: number, key: string): Place => ({
  path: join(list.path, index),
  stable: join(list.stable, `#${key}`),
});

export function editorState(document: Json): EditorState {
  return { document, drafts: new Map(), itemKeys: new Map(), nextKey: 0 };
}

/** The keys of a list's items: as the form has kept them, else (a list not yet changed) by position. */
export function itemKeys(state: EditorState, list: Place, length: number): string[] {
  const kept = state.itemKeys.get(list.stable);
  if (kept && kept.length === length) return [...kept];
  return Array.from({ length }, (_, i) => `p${i}`);
}

const isUnder = (stable: string, prefix: string) => prefix === '' || stable === prefix || stable.startsWith(`${prefix}.`);

function without<V>(map: ReadonlyMap<string, V>, prefix: string): ReadonlyMap<string, V> {
  if (![...map.keys()].some((k) => isUnder(k, prefix))) return map;
  return new Map([...map].filter(([k]) => !isUnder(k, prefix)));
}

const listAt = (state: EditorState, list: Place): Json[] => {
  const value = valueAt(state.document, list.path);
  return Array.isArray(value) ? value : [];
};

/** A value set at a place (a choice, a yes/no, a text, an entry added or removed): what was typed at or under it is let go. */
export function setValue(state: EditorState, place: Place, value: Json | undefined): EditorState {
  return {
    ...state,
    document: withValueAt(state.document, place.path, value),
    drafts: without(state.drafts, place.stable),
    itemKeys: without(state.itemKeys, place.stable),
  };
}

/** A list item removed: the items after it keep their keys (and their text and problems); its own are let go. */
export function removeItem(state: EditorState, list: Place, index: number): EditorState {
  const keys = itemKeys(state, list, listAt(state, list).length);
  const removed = setValue(state, itemPlace(list, index, keys[index]), undefined);
  return {
    ...removed,
    itemKeys: new Map(removed.itemKeys).set(
      list.stable,
      keys.filter((_, i) => i !== index),
    ),
  };
}

/** An item added at the end of a list, with a key of its own. */
export function addItem(state: EditorState, list: Place, item: Json): EditorState {
  const items = listAt(state, list);
  const keys = itemKeys(state, list, items.length);
  return {
    ...state,
    document: withValueAt(state.document, join(list.path, items.length), item),
    itemKeys: new Map(state.itemKeys).set(list.stable, [...keys, `n${state.nextKey}`]),
    nextKey: state.nextKey + 1,
  };
}

const WHOLE_NUMBER = /^-?\d+$/;

const words = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The value of a number field's text (empty = none), or the reason it has none. */
function numberOf(text: string): { value: number | null } | { problem: MessageKey } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: null };
  if (!WHOLE_NUMBER.test(trimmed)) return { problem: 'editor.wholeNumber' };
  const value = Number(trimmed);
  // beyond 2^53 the number sent would not be the number shown
  return Number.isSafeInteger(value) ? { value } : { problem: 'editor.tooLarge' };
}

/** Text typed into a number field: a whole number (or nothing) is the field's value at once; anything else is a problem. */
export function typeNumber(state: EditorState, place: Place, text: string): EditorState {
  const read = numberOf(text);
  const problem = 'problem' in read ? read.problem : null;
  const drafts = new Map(state.drafts).set(place.stable, { kind: 'number', text, problem });
  return 'problem' in read ? { ...state, drafts } : { ...state, drafts, document: withValueAt(state.document, place.path, read.value) };
}

/** Text typed into a word-list field (comma-separated): the words are the field's value at once. */
export function typeWords(state: EditorState, place: Place, text: string): EditorState {
  return {
    ...state,
    drafts: new Map(state.drafts).set(place.stable, { kind: 'words', text, problem: null }),
    document: withValueAt(state.document, place.path, words(text)),
  };
}

/** What a number or word-list field shows: the text as typed, unless the value has since changed another way. */
export function shownText(state: EditorState, place: Place, value: Json): string {
  const written = value === null ? '' : Array.isArray(value) ? value.join(', ') : String(value);
  const draft = state.drafts.get(place.stable);
  if (!draft) return written;
  if (draft.problem) return draft.text;
  const read = draft.kind === 'words' ? words(draft.text) : numberOf(draft.text);
  const meant = Array.isArray(read) ? read : 'value' in read ? read.value : undefined;
  return JSON.stringify(meant) === JSON.stringify(value) ? draft.text : written;
}

/** The problem the form found itself at a place, or null. */
export function localProblemAt(state: EditorState, place: Place): MessageKey | null {
  return state.drafts.get(place.stable)?.problem ?? null;
}

/** The document path of a stable path now (null when its field is gone). */
export function pathOf(state: EditorState, stable: string): string | null {
  let place = ROOT;
  for (const part of stable === '' ? [] : stable.split('.')) {
    if (part.startsWith('#')) {
      const list = valueAt(state.document, place.path);
      if (!Array.isArray(list)) return null;
      const index = itemKeys(state, place, list.length).indexOf(part.slice(1));
      if (index < 0) return null;
      place = itemPlace(place, index, part.slice(1));
    } else place = fieldPlace(place, part);
  }
  return valueAt(state.document, place.path) === undefined ? null : place.path;
}

/** Every path of a document in the order the form shows its fields (depth first, keys as they come). */
function fieldOrder(document: Json): Map<string, number> {
  const order = new Map<string, number>();
  const walk = (value: Json, path: string) => {
    order.set(path, order.size);
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, join(path, i)));
    else if (typeof value === 'object' && value !== null) for (const [key, child] of Object.entries(value)) walk(child, join(path, key));
  };
  walk(document, '');
  return order;
}

/** The problems the form found itself (they block saving), in the order of their fields in the form. */
export function localProblems(state: EditorState): LocalProblem[] {
  const found: LocalProblem[] = [];
  for (const [stable, draft] of state.drafts) {
    const path = draft.problem ? pathOf(state, stable) : null;
    if (draft.problem && path !== null) found.push({ path, stable, problem: draft.problem });
  }
  if (found.length < 2) return found;
  const order = fieldOrder(state.document);
  return found.sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0));
}
