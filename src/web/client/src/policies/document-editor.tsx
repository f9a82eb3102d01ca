import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useI18n } from '../i18n/i18n';
import { valueAt, withValueAt, type Json } from './document-paths';
import { fieldLabel } from './document-view';

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
 * problems found in it (`errors`, keyed by form path) beside it, announced to screen readers.
 */
export function DocumentEditor({
  document,
  onChange,
  errors,
  hints,
}: {
  document: Json;
  onChange: (next: Json) => void;
  errors: ReadonlyMap<string, string[]>;
  hints: EditorHints;
}) {
  const [localErrors, setLocalErrors] = useState<Map<string, string>>(new Map());
  const setLocal = (path: string, reason: string | null) =>
    setLocalErrors((prev) => {
      const next = new Map(prev);
      if (reason) next.set(path, reason);
      else next.delete(path);
      return next;
    });
  const context: EditorContext = {
    document,
    set: (path, value) => onChange(withValueAt(document, path, value)),
    errorsAt: (path) => [...(localErrors.has(path) ? [localErrors.get(path)!] : []), ...(errors.get(path) ?? [])],
    setLocal,
    hints,
  };
  return <ObjectFields value={document} path="" context={context} />;
}

interface EditorContext {
  document: Json;
  set: (path: string, value: Json | undefined) => void;
  errorsAt: (path: string) => string[];
  setLocal: (path: string, reason: string | null) => void;
  hints: EditorHints;
}

const join = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);

function ObjectFields({ value, path, context }: { value: { [key: string]: Json } | Json; path: string; context: EditorContext }) {
  const i18n = useI18n();
  if (!isObject(value)) return null;
  const keyed = context.hints.keyedPaths.includes(path.replace(/\.\d+(?=\.|$)/g, '.*'));
  const parent = path.split('.').pop();
  return (
    <>
      {Object.entries(value).map(([key, child]) => {
        const here = join(path, key);
        const label = fieldLabel(i18n, key, parent);
        const listOfObjects = Array.isArray(child) && (child.some(isObject) || context.hints.template(here) !== undefined);
        return isObject(child) || listOfObjects ? (
          <fieldset key={key} className="document-group" data-path={here}>
            <legend>{label}</legend>
            <FieldErrors path={here} context={context} />
            {Array.isArray(child) ? <ListFields list={child} path={here} context={context} /> : <ObjectFields value={child} path={here} context={context} />}
            {keyed && (
              <Button className="button secondary small" onPress={() => context.set(here, undefined)}>
                {i18n.t('editor.removeEntry', { name: label })}
              </Button>
            )}
          </fieldset>
        ) : (
          <div key={key} className="document-row">
            <LeafField value={child} path={here} label={label} fieldKey={key} context={context} />
            {keyed && (
              <Button className="button secondary small" onPress={() => context.set(here, undefined)}>
                {i18n.t('editor.removeEntry', { name: label })}
              </Button>
            )}
          </div>
        );
      })}
      {keyed && <AddEntry value={value} path={path} context={context} />}
    </>
  );
}

/** A new key in an author-keyed object (a resilience class, a complex code), starting as a copy of the first entry emptied of lists. */
function AddEntry({ value, path, context }: { value: { [key: string]: Json }; path: string; context: EditorContext }) {
  const i18n = useI18n();
  const [key, setKey] = useState('');
  const id = inputId(`${path}.__new`);
  const first = Object.values(value)[0];
  const template: Json = context.hints.template(path) ?? (first === undefined ? {} : emptied(first));
  const taken = key.trim() !== '' && key.trim() in value;
  return (
    <div className="add-entry">
      <label className="field" htmlFor={id}>
        <span>{i18n.t('editor.newKey', { name: fieldLabel(i18n, path.split('.').pop() ?? '') })}</span>
        <input id={id} value={key} onChange={(e) => setKey(e.target.value)} aria-invalid={taken || undefined} />
      </label>
      {taken && <span className="field-error">{i18n.t('editor.keyTaken')}</span>}
      <Button
        className="button secondary small"
        isDisabled={key.trim() === '' || taken}
        onPress={() => {
          context.set(join(path, key.trim()), structuredClone(template));
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

function ListFields({ list, path, context }: { list: Json[]; path: string; context: EditorContext }) {
  const i18n = useI18n();
  return (
    <>
      <ol className="document-items">
        {list.map((item, i) => {
          const here = join(path, i);
          const name = isObject(item) && typeof item.id === 'string' ? item.id : i18n.t('editor.item', { n: i + 1 });
          return (
            <li key={i}>
              <fieldset className="document-group" data-path={here}>
                <legend>{name}</legend>
                <FieldErrors path={here} context={context} />
                <ObjectFields value={item} path={here} context={context} />
                <Button className="button secondary small" onPress={() => context.set(here, undefined)}>
                  {i18n.t('editor.removeItem', { name })}
                </Button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {(list.length > 0 || context.hints.template(path) !== undefined) && (
        <Button
          className="button secondary small"
          onPress={() => {
            const copy = structuredClone(list.length > 0 ? list[list.length - 1] : (context.hints.template(path) as Json));
            if (isObject(copy) && typeof copy.id === 'string') copy.id = `${copy.id}_2`.slice(0, 40);
            context.set(join(path, list.length), copy);
          }}
        >
          {i18n.t('editor.addItem')}
        </Button>
      )}
    </>
  );
}

function FieldErrors({ path, context, id }: { path: string; context: EditorContext; id?: string }) {
  const problems = context.errorsAt(path);
  if (problems.length === 0) return null;
  return (
    <span className="field-error" id={id}>
      {problems.join('; ')}
    </span>
  );
}

function LeafField({ value, path, label, fieldKey, context }: { value: Json; path: string; label: string; fieldKey: string; context: EditorContext }) {
  const i18n = useI18n();
  const id = inputId(path);
  const errorId = `${id}-error`;
  const invalid = context.errorsAt(path).length > 0;
  const choices = context.hints.choices(path, fieldKey, context.document);
  const described = invalid ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {};

  if (Array.isArray(value) && choices) {
    return (
      <fieldset className="document-choices" data-path={path}>
        <legend>{label}</legend>
        {choices.map((choice) => (
          <label key={choice} className="check">
            <input
              type="checkbox"
              checked={value.includes(choice)}
              onChange={(e) => context.set(path, e.target.checked ? [...value, choice] : value.filter((v) => v !== choice))}
            />{' '}
            {fieldLabel(i18n, choice)}
          </label>
        ))}
        <FieldErrors path={path} context={context} id={errorId} />
      </fieldset>
    );
  }
  let input;
  if (typeof value === 'boolean') {
    input = <input id={id} type="checkbox" checked={value} onChange={(e) => context.set(path, e.target.checked)} {...described} />;
  } else if (choices) {
    input = (
      <select id={id} value={String(value ?? '')} onChange={(e) => context.set(path, e.target.value)} {...described}>
        {!choices.includes(String(value)) && <option value={String(value ?? '')}>{String(value ?? '')}</option>}
        {choices.map((c) => (
          <option key={c} value={c}>
            {fieldLabel(i18n, c)}
          </option>
        ))}
      </select>
    );
  } else if (typeof value === 'number' || value === null) {
    input = (
      <input
        // uncontrolled while typing; drawn anew when the value changes elsewhere (an item removed above it)
        key={`${path}=${JSON.stringify(value)}`}
        id={id}
        type="text"
        inputMode="numeric"
        defaultValue={value === null ? '' : String(value)}
        onBlur={(e) => {
          const text = e.target.value.trim();
          if (text === '') {
            context.setLocal(path, null);
            context.set(path, null);
          } else if (!/^-?\d+$/.test(text)) context.setLocal(path, i18n.t('editor.wholeNumber'));
          else {
            context.setLocal(path, null);
            context.set(path, Number(text));
          }
        }}
        {...described}
      />
    );
  } else if (Array.isArray(value)) {
    input = (
      <input
        key={`${path}=${JSON.stringify(value)}`}
        id={id}
        defaultValue={value.join(', ')}
        onBlur={(e) =>
          context.set(
            path,
            e.target.value
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          )
        }
        {...described}
      />
    );
  } else {
    input = <input id={id} value={String(value)} onChange={(e) => context.set(path, e.target.value)} {...described} />;
  }
  const isList = Array.isArray(value);
  return (
    <div className={typeof value === 'boolean' ? 'field check-field' : 'field'} data-path={path}>
      <label htmlFor={id}>
        {label}
        {isList && <span className="muted"> {i18n.t('editor.commaSeparated')}</span>}
        {value === null && <span className="muted"> {i18n.t('editor.emptyIsNone')}</span>}
      </label>
      {input}
      <FieldErrors path={path} context={context} id={errorId} />
    </div>
  );
}

/** The values of a field in the document, for hints that depend on a sibling (a target's categories on its dimension). */
export function siblingValue(document: Json, path: string, key: string): Json | undefined {
  const parent = path.split('.').slice(0, -1).join('.');
  return valueAt(document, parent === '' ? key : `${parent}.${key}`);
}
