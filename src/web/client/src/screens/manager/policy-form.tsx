import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, gql, type FieldProblem } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/error-message';
import { graphql } from '../../gql';
import type { RequiredFact } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { DocumentEditor, inputId, siblingValue, type EditorHints } from '../../policies/document-editor';
import { formPath, type Json } from '../../policies/document-paths';
import { editorState, localProblems } from '../../policies/editor-state';
import { pathLabel } from '../../policies/document-view';
import { todayIso } from './policies';

const PolicyFormDocument = graphql(`
  query PolicyForm {
    compositionPolicies {
      version
      name
      effectiveFrom
      document
    }
    localPolicies {
      code
      version
      name
      effectiveFrom
      municipalityCodes
      document
    }
    overrideReasonPolicies {
      version
      effectiveFrom
      reasons {
        code
        label
        requires
      }
    }
    compositionDimensions {
      dimension
      categories
    }
  }
`);

const AddCompositionDocument = graphql(`
  mutation AddCompositionPolicyVersion($input: AddCompositionPolicyVersionInput!) {
    addCompositionPolicyVersion(input: $input) {
      id
      version
      name
    }
  }
`);

const AddLocalDocument = graphql(`
  mutation AddLocalPolicyVersion($input: AddLocalPolicyVersionInput!) {
    addLocalPolicyVersion(input: $input) {
      code
      version
      name
    }
  }
`);

const AddOverrideReasonsDocument = graphql(`
  mutation AddOverrideReasonPolicyVersion($input: AddOverrideReasonPolicyVersionInput!) {
    addOverrideReasonPolicyVersion(input: $input) {
      id
      version
    }
  }
`);

type Kind = 'composition' | 'local' | 'override';
const KINDS: readonly Kind[] = ['composition', 'local', 'override'];

/** Choices of fields whose values are fixed lists (src/engine: composition dimensions, local policy enums). */
function hintsFor(kind: Kind, dimensions: { dimension: string; categories: string[] }[]): EditorHints {
  const categoriesOf = (name: string) => dimensions.find((d) => d.dimension === name)?.categories;
  const fixed: Record<string, readonly string[]> = {
    bound: ['MAX', 'MIN'],
    enforcement: ['SOFT', 'HARD'],
    ageOf: ['APPLICANT', 'ELDEST_ADULT'],
    scope: ['MUNICIPALITY', 'REGION'],
    mode: ['PRIORITY', 'EXCLUSIVE'],
    kind: ['MIN_AGE', 'MAX_AGE', 'HOUSEHOLD', 'INDICATION', 'OPEN'],
    priorityFor: ['ZERO_STEP', 'WHEELCHAIR'],
    indicationRequiredFor: ['ZERO_STEP', 'WHEELCHAIR'],
    // '' = no fact required (sent as null)
    requires: ['', ...(['INCOME_FROM_WORK', 'MEDICAL_OR_WMO_INDICATION'] satisfies RequiredFact[])],
  };
  const blankTarget: Json = { id: 'NEW_TARGET', label: '', dimension: 'VULNERABILITY', categories: [], bound: 'MAX', basisPoints: 0, weight: 0 };
  return {
    template: (path): Json | undefined => {
      if (kind === 'composition') {
        if (/^defaultsByResilienceClass\.[^.]+$/.test(path) || /^complexOverridesByCode\.[^.]+\.targets$/.test(path)) return blankTarget;
        if (path === 'complexOverridesByCode') return { targets: [], removeTargetIds: [] };
      }
      if (kind === 'local' && path === 'roomNorms') return { minPersons: 1, maxPersons: 1, minRooms: 1, maxRooms: 1 };
      if (kind === 'override' && path === 'reasons') return { code: '', label: '', requires: '' };
      return undefined;
    },
    keyedPaths: kind === 'composition' ? ['defaultsByResilienceClass', 'complexOverridesByCode'] : kind === 'local' ? ['labels'] : [],
    choices: (path, key, document) => {
      if (key === 'dimension') return dimensions.map((d) => d.dimension);
      if (key === 'categories') return categoriesOf(String(siblingValue(document, path, 'dimension')));
      if (key === 'refusedIncomeSources') return categoriesOf('INCOME_SOURCE');
      // an indication requirement names an accessibility level; the policy's own `accessibility` is a group, not a choice
      if (key === 'accessibility' && siblingValue(document, path, 'kind') === 'INDICATION') return ['ZERO_STEP', 'WHEELCHAIR'];
      return fixed[key];
    },
  };
}

/**
 * A new version of a policy, authored in a form that starts from the version in force: every field
 * its own input, each problem the API finds shown beside its field and listed above the form, linked.
 */
export function PolicyFormPage() {
  const { t } = useI18n();
  const kind = useParams().kind as Kind;
  const [params] = useSearchParams();
  const query = useQuery({ queryKey: ['policy-form'], queryFn: () => gql(PolicyFormDocument) });
  if (!KINDS.includes(kind)) return <ErrorMessage error={new Error(t('policyForm.unknownKind'))} />;
  if (query.isPending) return <Loading />;
  if (query.error || !query.data) return <ErrorMessage error={query.error} />;
  const d = query.data;
  const today = todayIso();
  const newest = <V extends { version: number; effectiveFrom: string }>(list: V[]) =>
    [...list]
      .sort((a, b) => a.version - b.version)
      .filter((v) => v.effectiveFrom <= today)
      .pop() ?? list[list.length - 1];
  let start: { name: string; document: Json; municipalityCodes?: string[]; code?: string } | null;
  if (kind === 'composition') {
    const v = newest(d.compositionPolicies);
    start = v ? { name: '', document: JSON.parse(v.document) as Json } : null;
  } else if (kind === 'local') {
    const code = params.get('code') ?? d.localPolicies[0]?.code;
    const v = newest(d.localPolicies.filter((p) => p.code === code));
    start = v ? { name: v.name, document: JSON.parse(v.document) as Json, municipalityCodes: v.municipalityCodes, code: v.code } : null;
  } else {
    const v = newest(d.overrideReasonPolicies);
    start = { name: '', document: { reasons: (v?.reasons ?? []).map((r) => ({ code: r.code, label: r.label, requires: r.requires ?? '' })) } };
  }
  if (!start) return <ErrorMessage error={new Error(t('policyForm.nothingToStartFrom'))} />;
  return <PolicyForm key={`${kind}:${start.code ?? ''}`} kind={kind} start={start} hints={hintsFor(kind, d.compositionDimensions)} />;
}

function PolicyForm({
  kind,
  start,
  hints,
}: {
  kind: Kind;
  start: { name: string; document: Json; municipalityCodes?: string[]; code?: string };
  hints: EditorHints;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState(start.name);
  const [effectiveFrom, setEffectiveFrom] = useState(todayIso());
  const [municipalityCodes, setMunicipalityCodes] = useState((start.municipalityCodes ?? []).join(', '));
  const [editor, setEditor] = useState(() => editorState(start.document));
  // a submit refused for the form's own problems: they are listed above the form until fixed
  const [refused, setRefused] = useState(false);
  const save = useMutation({
    // the values as the submit saw them (also on Enter in a field: every field commits as it changes)
    mutationFn: async (values: { name: string; effectiveFrom: string; municipalityCodes: string; document: Json }) => {
      const { name, effectiveFrom, document } = values;
      if (kind === 'composition') await gql(AddCompositionDocument, { input: { name, effectiveFrom, document: JSON.stringify(document) } });
      else if (kind === 'local')
        await gql(AddLocalDocument, {
          input: {
            code: start.code!,
            name,
            effectiveFrom,
            municipalityCodes: values.municipalityCodes
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
            document: JSON.stringify(document),
          },
        });
      else {
        const reasons = ((document as { reasons: { code: string; label: string; requires: string }[] }).reasons ?? []).map((r) => ({
          code: r.code,
          label: r.label,
          requires: r.requires === '' ? null : (r.requires as RequiredFact),
        }));
        await gql(AddOverrideReasonsDocument, { input: { effectiveFrom, reasons } });
      }
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      void navigate(`/policies?tab=${kind}&saved=1`);
    },
  });
  const problems: FieldProblem[] = save.error instanceof ApiError ? [...save.error.fields] : [];
  const errors = new Map<string, string[]>();
  for (const p of problems) {
    const path = formPath(p.field);
    errors.set(path, [...(errors.get(path) ?? []), p.reason]);
  }
  // text that is no whole number: the document still holds the field's last good value, so nothing is sent
  const local = localProblems(editor);
  const summary = [
    ...(refused ? local.map((p) => ({ key: `local:${p.stable}`, path: p.path, reason: t(p.problem) })) : []),
    ...problems.map((p) => ({ key: `api:${p.field}:${p.reason}`, path: formPath(p.field), reason: p.reason })),
  ];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (local.length > 0) {
      setRefused(true);
      return;
    }
    setRefused(false);
    save.mutate({ name, effectiveFrom, municipalityCodes, document: editor.document });
  };
  /** The field of a problem, or the nearest group around it that the form shows (a word of a list, a field the form lacks). */
  const target = (path: string): HTMLElement | null => {
    for (let at = path; ; at = at.includes('.') ? at.slice(0, at.lastIndexOf('.')) : '') {
      const element = window.document.getElementById(inputId(at));
      if (element || at === '') return element;
    }
  };
  const fieldError = (field: string) => errors.get(field)?.join('; ');
  const top = (field: string, label: string, input: React.ReactNode) => (
    <div className="field">
      <label htmlFor={inputId(field)}>{label}</label>
      {input}
      {fieldError(field) && (
        <span className="field-error" id={`${inputId(field)}-error`}>
          {fieldError(field)}
        </span>
      )}
    </div>
  );
  const invalid = (field: string) => (fieldError(field) ? { 'aria-invalid': true as const, 'aria-describedby': `${inputId(field)}-error` } : {});
  return (
    <section>
      <p>
        <Link to={`/policies?tab=${kind}`}>{t('policyForm.back')}</Link>
      </p>
      <h1>{t(`policyForm.title.${kind}` as MessageKey, { code: start.code ?? '' })}</h1>
      <p className="note">{t('policyForm.intro')}</p>
      {((refused && local.length > 0) || save.error) && (
        <div role="alert" className="error" data-testid="form-problems">
          <strong>{t('policyForm.problems', { count: summary.length })}</strong>
          {save.error && problems.length === 0 && <> {save.error.message}</>}
          <ul>
            {summary.map((p) => (
              <li key={p.key}>
                <a
                  href={`#${inputId(p.path)}`}
                  onClick={(event) => {
                    // to the field itself (or its group), focused, as an error summary does (GOV.UK / NL Design System pattern)
                    const element = target(p.path);
                    if (!element) return;
                    event.preventDefault();
                    element.focus();
                  }}
                >
                  {p.path === '' ? t('policyForm.wholeDocument') : pathLabel(i18n, p.path)}
                </a>
                : {p.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <form onSubmit={submit} noValidate className="policy-form">
        {kind !== 'override' &&
          top('name', t('policyForm.name'), <input id={inputId('name')} value={name} onChange={(e) => setName(e.target.value)} {...invalid('name')} />)}
        {top(
          'effectiveFrom',
          t('policyForm.effectiveFrom'),
          <input
            id={inputId('effectiveFrom')}
            type="date"
            value={effectiveFrom}
            onChange={(e) => setEffectiveFrom(e.target.value)}
            {...invalid('effectiveFrom')}
          />,
        )}
        {kind === 'local' &&
          top(
            'municipalityCodes',
            t('policyForm.municipalityCodes'),
            <input
              id={inputId('municipalityCodes')}
              value={municipalityCodes}
              onChange={(e) => setMunicipalityCodes(e.target.value)}
              {...invalid('municipalityCodes')}
            />,
          )}
        <DocumentEditor state={editor} onChange={setEditor} errors={errors} hints={hints} />
        <div className="actions">
          <Button type="submit" className="button" isDisabled={save.isPending}>
            {t('policyForm.save')}
          </Button>
        </div>
        {save.error && !(save.error instanceof ApiError && save.error.fields.length > 0) && <ErrorMessage error={save.error} />}
      </form>
    </section>
  );
}
