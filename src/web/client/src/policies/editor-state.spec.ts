import { describe, expect, it } from '@jest/globals';
import type { Json } from './document-paths';
import {
  addItem,
  editorState,
  fieldPlace,
  itemKeys,
  itemPlace,
  localProblems,
  removeItem,
  ROOT,
  setValue,
  shownText,
  typeNumber,
  typeWords,
  type EditorState,
  type Place,
} from './editor-state';

const targets = fieldPlace(ROOT, 'targets');
/** The place of a field of the list item now at `index`. */
const at = (state: EditorState, index: number, key: string): Place => {
  const list = state.document as { targets: Json[] };
  return fieldPlace(itemPlace(targets, index, itemKeys(state, targets, list.targets.length)[index]), key);
};
const sut = () =>
  editorState({
    targets: [
      { id: 'A', weight: 1 },
      { id: 'B', weight: 2 },
      { id: 'C', weight: 3 },
    ],
    tags: ['X'],
    limit: null,
  });

describe('typing commits at once: the document is what the fields show', () => {
  it.each<[string, string, Json]>([
    ['a whole number', '42', 42],
    ['a negative one', ' -7 ', -7],
    ['nothing (no limit)', '', null],
  ])('%s', (_, text, value) => {
    const state = typeNumber(sut(), fieldPlace(ROOT, 'limit'), text);
    expect((state.document as { limit: Json }).limit).toEqual(value);
    expect(localProblems(state)).toEqual([]);
    expect(shownText(state, fieldPlace(ROOT, 'limit'), value)).toBe(text);
  });

  it.each([
    ['1,5', 'editor.wholeNumber'],
    ['veel', 'editor.wholeNumber'],
    ['12345678901234567890', 'editor.tooLarge'],
  ])('%s is a problem of the form: the field shows it, the document keeps the last good value', (text, problem) => {
    const state = typeNumber(sut(), at(sut(), 1, 'weight'), text);
    expect(state.document).toEqual(sut().document);
    expect(localProblems(state)).toEqual([{ path: 'targets.1.weight', stable: 'targets.#p1.weight', problem }]);
    expect(shownText(state, at(state, 1, 'weight'), 2)).toBe(text);
  });

  it('a word list keeps its text as typed (a trailing comma) and its words as the value', () => {
    const tags = fieldPlace(ROOT, 'tags');
    const state = typeWords(sut(), tags, 'X, Y,');
    expect((state.document as { tags: Json }).tags).toEqual(['X', 'Y']);
    expect(shownText(state, tags, ['X', 'Y'])).toBe('X, Y,');
    // changed another way since: the field shows the value
    expect(shownText(setValue(state, ROOT, state.document), tags, ['X', 'Y'])).toBe('X, Y');
  });
});

describe('a list item removed takes its own problems with it, and only those', () => {
  it('a problem below the removed item stays with its item', () => {
    let state = typeNumber(sut(), at(sut(), 2, 'weight'), 'veel');
    state = removeItem(state, targets, 0);
    expect((state.document as { targets: { id: string }[] }).targets.map((t) => t.id)).toEqual(['B', 'C']);
    expect(localProblems(state)).toEqual([{ path: 'targets.1.weight', stable: 'targets.#p2.weight', problem: 'editor.wholeNumber' }]);
    expect(shownText(state, at(state, 1, 'weight'), 3)).toBe('veel');
    expect(shownText(state, at(state, 0, 'weight'), 2)).toBe('2');
  });

  it("the removed item's problem goes, and is not handed to the item that takes its place", () => {
    let state = typeNumber(sut(), at(sut(), 0, 'weight'), 'veel');
    state = removeItem(state, targets, 0);
    expect(localProblems(state)).toEqual([]);
    expect(shownText(state, at(state, 0, 'weight'), 2)).toBe('2');
  });

  it('an item added has a key of its own; problems are listed in the order of the form', () => {
    let state = addItem(sut(), targets, { id: 'D', weight: 4 });
    state = typeNumber(state, at(state, 3, 'weight'), 'x');
    state = typeNumber(state, at(state, 0, 'weight'), 'y');
    state = removeItem(state, targets, 1);
    expect(localProblems(state).map((p) => [p.path, p.stable])).toEqual([
      ['targets.0.weight', 'targets.#p0.weight'],
      ['targets.2.weight', 'targets.#n0.weight'],
    ]);
  });

  it('an entry removed lets go of what was typed under it (added again, it starts afresh)', () => {
    let state = typeNumber(sut(), at(sut(), 1, 'weight'), 'veel');
    state = setValue(state, targets, [{ id: 'B', weight: 2 }]);
    expect(localProblems(state)).toEqual([]);
  });
});
