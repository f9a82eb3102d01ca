import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useI18n } from '../i18n/i18n';
import { valueAt, type Json } from './document-paths';
import { fieldLabel } from './document-view';
import {
  addItem,
  fieldPlace,
  itemKeys,
  itemPlace,
  localProblemAt,
  removeItem,
  ROOT,
  setValue,
  shownText,
  typeNumber,
  typeWords,
  type EditorState,
  type Place,
} from './editor-state';

const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the editor knows of a document beyond its values: the choices of a field, and objects whose keys the author names. */
export interface EditorHints {
  /** The allowed values of the field at `path` (its key is `key`), or undefined for free input. */
  choices: (path: string, key: string, document: Json) => readonly string[] | undefined;
  /** Objects keyed by the author (a resilience class, a complex code, a label code). */
  keyedPaths: readonly string[];
  /** A blank new item of the list at `path`, or a blank new entry of the keyed object at `path` (when there is none to copy). */
  template: (path: string) => Json | undefined;
}

export const inputId = (path: string) => `field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/**
 * A form for a policy document: one input per field, typed by its value (whole numbers, yes/no, a
 * choice, a list of choices), lists and keyed objects that grow and shrink, each field with the
 * problems found in it beside it, announced to screen readers: the API's (`errors`, keyed by form
 * path) and the form's own (text that is no whole number, kept in `state`: editor-state.ts). Every
 * field and group has the id `inputId(path)`, so the error summary can take the reader to it.
 */
export function DocumentEditor({
  state,
  onChange,
  errors,
  hints,
}: {
  state: EditorState;
  /** An update of the state (React's state setter will do). */
  onChange: (update: (state: EditorState) => EditorState) => void;
  errors: ReadonlyMap<string, string[]>;
  hints: EditorHints;
}) {
  const i18n = useI18n();
  const context: EditorContext = {
    state,
    document: state.document,
    change: onChange,
    errorsAt: (place) => {
      const local = localProblemAt(state, place);
      return [...(local ? [i18n.t(local)] : []), ...(errors.get(place.path) ?? [])];
    },
    hints,
  };
  const rootErrors = context.errorsAt(ROOT);
  return (
    // the target of problems of the document as a whole
    <div id={inputId('')} tabIndex={-1} className="document-editor" {...(rootErrors.length > 0 ? { 'aria-describedby': `${inputId('')}-error` } : {})}>
      <FieldErrors place={ROOT} context={context} id={`${inputId('')}-error`} />
      <ObjectFields value={state.document} place={ROOT} context={context} />
    </div>
  );
}

interface EditorContext {
  state: EditorState;
  document: Json;
  change: (update: (state: EditorState) => EditorState) => void;
  errorsAt: (place: Place) => string[];
  hints: EditorHints;
}

/** The attributes of a group (fieldset) that the error summary links to: focusable by script, described by its problems. */
function groupTarget(place: Place, context: EditorContext) {
  const id = inputId(place.path);
  return {
    id,
    tabIndex: -1,
    'data-path': place.path,
    ...(context.errorsAt(place).length > 0 ? { 'aria-describedby': `${id}-error` } : {}),
  };
}

function ObjectFields({ value, place, context }: { value: { [key: string]: Json } | Json; place: Place; context: EditorContext }) {
  const i18n = useI18n();
  if (!isObject(value)) return null;
  const keyed = context.hints.keyedPaths.includes(place.path.replace(/\.\d+(?=\.|$)/g, '.*'));
  const parent = place.path.split('.').pop();
  return (
    <>
      {Object.entries(value).map(([key, child]) => {
        const here = fieldPlace(place, key);
        const label = fieldLabel(i18n, key, parent);
        const listOfObjects = Array.isArray(child) && (child.some(isObject) || context.hints.template(here.path) !== undefined);
        const remove = keyed && (
          <Button className="button secondary small" onPress={() => context.change((s) => setValue(s, here, undefined))}>
            {i18n.t('editor.removeEntry', { name: label })}
          </Button>
        );
        return isObject(child) || listOfObjects ? (
          <fieldset key={key} className="document-group" {...groupTarget(here, context)}>
            <legend>{label}</legend>
            <FieldErrors place={here} context={context} id={`${inputId(here.path)}-error`} />
            {Array.isArray(child) ? <ListFields list={child} place={here} context={context} /> : <ObjectFields value={child} place={here} context={context} />}
            {remove}
          </fieldset>
        ) : (
          <div key={key} className="document-row">
            <LeafField value={child} place={here} label={label} fieldKey={key} context={context} />
            {remove}
          </div>
        );
      })}
      {keyed && <AddEntry value={value} place={place} context={context} />}
    </>
  );
}

/** A new key in an author-keyed object (a resilience class, a complex code), starting as a copy of the first entry emptied of lists. */
function AddEntry({ value, place, context }: { value: { [key: string]: Json }; place: Place; context: EditorContext }) {
  const i18n = useI18n();
  const [key, setKey] = useState('');
  const id = inputId(`${place.path}.__new`);
  const first = Object.values(value)[0];
  const template: Json = context.hints.template(place.path) ?? (first === undefined ? {} : emptied(first));
  const taken = key.trim() !== '' && key.trim() in value;
  return (
    <div className="add-entry">
      <label className="field" htmlFor={id}>
        <span>{i18n.t('editor.newKey', { name: fieldLabel(i18n, place.path.split('.').pop() ?? '') })}</span>
        <input id={id} value={key} onChange={(e) => setKey(e.target.value)} aria-invalid={taken || undefined} />
      </label>
      {taken && <span className="field-error">{i18n.t('editor.keyTaken')}</span>}
      <Button
        className="button secondary small"
        isDisabled={key.trim() === '' || taken}
        onPress={() => {
          const entry = fieldPlace(place, key.trim());
          context.change((s) => setValue(s, entry, structuredClone(template)));
          setKey('');
        }}
      >
        {i18n.t('editor.addEntry')}
      </Button>
    </div>
  );
}

/** A template from an existing entry: lists emptied, other values kept (the author fills them in). */
function emptied(value: Json): Json {
  if (Array.isArray(value)) return [];
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, emptied(v)]));
  return value;
}

function ListFields({ list, place, context }: { list: Json[]; place: Place; context: EditorContext }) {
  const i18n = useI18n();
  // items keyed by a key they keep while others are removed (editor-state.ts), so each keeps its inputs and problems
  const keys = itemKeys(context.state, place, list.length);
  return (
    <>
      <ol className="document-items">
        {list.map((item, i) => {
          const here = itemPlace(place, i, keys[i]);
          const name = isObject(item) && typeof item.id === 'string' ? item.id : i18n.t('editor.item', { n: i + 1 });
          return (
            <li key={keys[i]}>
              <fieldset className="document-group" {...groupTarget(here, context)}>
                <legend>{name}</legend>
                <FieldErrors place={here} context={context} id={`${inputId(here.path)}-error`} />
                <ObjectFields value={item} place={here} context={context} />
                <Button className="button secondary small" onPress={() => context.change((s) => removeItem(s, place, i))}>
                  {i18n.t('editor.removeItem', { name })}
                </Button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {(list.length > 0 || context.hints.template(place.path) !== undefined) && (
        <Button
          className="button secondary small"
          onPress={() => {
            const copy = structuredClone(list.length > 0 ? list[list.length - 1] : (context.hints.template(place.path) as Json));
            if (isObject(copy) && typeof copy.id === 'string') copy.id = `${copy.id}_2`.slice(0, 40);
            context.change((s) => addItem(s, place, copy));
          }}
        >
          {i18n.t('editor.addItem')}
        </Button>
      )}
    </>
  );
}

function FieldErrors({ place, context, id }: { place: Place; context: EditorContext; id?: string }) {
  const problems = context.errorsAt(place);
  if (problems.length === 0) return null;
  return (
    <span className="field-error" id={id}>
      {problems.join('; ')}
    </span>
  );
}

function LeafField({ value, place, label, fieldKey, context }: { value: Json; place: Place; label: string; fieldKey: string; context: EditorContext }) {
  const i18n = useI18n();
  const id = inputId(place.path);
  const errorId = `${id}-error`;
  const invalid = context.errorsAt(place).length > 0;
  const choices = context.hints.choices(place.path, fieldKey, context.document);
  const described = invalid ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {};
  const set = (next: Json) => context.change((s) => setValue(s, place, next));

  if (Array.isArray(value) && choices) {
    return (
      <fieldset className="document-choices" {...groupTarget(place, context)}>
        <legend>{label}</legend>
        {choices.map((choice) => (
          <label key={choice} className="check">
            <input
              type="checkbox"
              checked={value.includes(choice)}
              onChange={(e) => set(e.target.checked ? [...value, choice] : value.filter((v) => v !== choice))}
            />{' '}
            {fieldLabel(i18n, choice)}
          </label>
        ))}
        <FieldErrors place={place} context={context} id={errorId} />
      </fieldset>
    );
  }
  let input;
  if (typeof value === 'boolean') {
    input = <input id={id} type="checkbox" checked={value} onChange={(e) => set(e.target.checked)} {...described} />;
  } else if (choices) {
    input = (
      <select id={id} value={String(value ?? '')} onChange={(e) => set(e.target.value)} {...described}>
        {!choices.includes(String(value)) && <option value={String(value ?? '')}>{String(value ?? '')}</option>}
        {choices.map((c) => (
          <option key={c} value={c}>
            {fieldLabel(i18n, c)}
          </option>
        ))}
      </select>
    );
  } else if (typeof value === 'number' || value === null) {
    // controlled and committed on every change: Enter in the field sends what it shows (editor-state.ts)
    input = (
      <input
        id={id}
        type="text"
        inputMode="numeric"
        value={shownText(context.state, place, value)}
        onChange={(e) => {
          const text = e.target.value;
          context.change((s) => typeNumber(s, place, text));
        }}
        {...described}
      />
    );
  } else if (Array.isArray(value)) {
    input = (
      <input
        id={id}
        value={shownText(context.state, place, value)}
        onChange={(e) => {
          const text = e.target.value;
          context.change((s) => typeWords(s, place, text));
        }}
        {...described}
      />
    );
  } else {
    input = <input id={id} value={String(value)} onChange={(e) => set(e.target.value)} {...described} />;
  }
  const isList = Array.isArray(value);
  return (
    <div className={typeof value === 'boolean' ? 'field check-field' : 'field'} data-path={place.path}>
      <label htmlFor={id}>
        {label}
        {isList && <span className="muted"> {i18n.t('editor.commaSeparated')}</span>}
        {value === null && <span className="muted"> {i18n.t('editor.emptyIsNone')}</span>}
      </label>
      {input}
      <FieldErrors place={place} context={context} id={errorId} />
    </div>
  );
}

/** The values of a field in the document, for hints that depend on a sibling (a target's categories on its dimension). */
export function siblingValue(document: Json, path: string, key: string): Json | undefined {
  const parent = path.split('.').slice(0, -1).join('.');
  return valueAt(document, parent === '' ? key : `${parent}.${key}`);
}
