import {
  GraphQLArgument,
  GraphQLField,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';

/*
 * Need-to-know testing helpers:
 *  - SchemaWalker: asks every Query field of the schema (from introspection) with every field it can
 *    reach, arguments filled from what earlier answers (and the database) showed, dropping the fields a
 *    role is refused (403 FORBIDDEN with extensions.deniedFields) and retrying.
 *  - findLeaks: looks through an answer for facts an audience may not see.
 */

// ---------------------------------------------------------------------------------------------
// Walker
// ---------------------------------------------------------------------------------------------

export type Send = (query: string, variables?: Record<string, unknown>) => Promise<{ status: number; body: any }>;

/** What the walker knows to put into arguments: ids per object type, scalar values per field name. */
export class Harvest {
  readonly ids = new Map<string, string[]>();
  readonly values = new Map<string, unknown[]>();

  addId(type: string, id: unknown): void {
    if (id === null || id === undefined || typeof id === 'object') return;
    const list = this.ids.get(type) ?? [];
    if (!list.includes(String(id))) list.push(String(id));
    this.ids.set(type, list);
  }

  addValue(name: string, value: unknown): void {
    if (value === null || value === undefined || typeof value === 'object') return;
    const list = this.values.get(name) ?? [];
    if (!list.includes(value)) list.push(value);
    this.values.set(name, list);
  }

  /** Ids of every object (with __typename) in an answer; a few scalar fields by name. */
  collect(answer: unknown): void {
    const walk = (v: unknown, key: string | undefined, parentType: string | undefined): void => {
      if (Array.isArray(v)) return v.forEach((x) => walk(x, key, parentType));
      if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        const type = typeof o.__typename === 'string' ? o.__typename : undefined;
        if (type && 'id' in o) this.addId(type, o.id);
        for (const [k, child] of Object.entries(o)) walk(child, unalias(k), type);
        return;
      }
      if (!key || typeof v === 'object') return;
      if (parentType === 'Household' && key === 'reference') this.addValue('householdReference', v);
      else if (HARVESTED_NAMES.has(key)) this.addValue(key, v);
      // typed too: an argument `type` of auditEvents takes AuditEvent.type values, `code` of localPolicies LocalPolicyVersion.code
      if (parentType && HARVESTED_NAMES.has(key)) this.addValue(`${parentType}.${key}`, v);
    };
    walk(answer, undefined, undefined);
  }
}

const HARVESTED_NAMES = new Set(['year', 'municipalityCode', 'buurtCode', 'seq', 'type', 'name', 'code']);

/** Aliases are `A<n>_<field>`; the detector and the harvest look at the field name. */
export function unalias(key: string): string {
  return key.replace(/^A\d+_/, '');
}

export interface RootOutcome {
  field: string;
  /** Answers with data (one per call or page). */
  answers: { label: string; labels: string[]; body: any }[];
  /** Calls that returned data for the field. */
  executedCalls: number;
  /** Refused for the role ("x is for OFFICER"): the role may not call it at all. */
  forbidden?: string;
  /** Required arguments without a value to give. */
  unfillable: string[];
  /** Other errors (first few). */
  errors: string[];
  /** 403 refusals seen for this field, with their denied coordinates. */
  refusals: { status: number; code: string; deniedFields: string[] | null }[];
  /** Calls refused FORBIDDEN for their arguments (a buurt not granted) while the role may call the field. */
  refusedCalls: { label: string; code: string; message: string }[];
}

export interface WalkReport {
  roots: RootOutcome[];
  denied: Set<string>;
  /** 403/FORBIDDEN refusals that the walker could not reduce (no deniedFields, or nothing left to drop). */
  unreducible: string[];
  requests: number;
}

export interface WalkerOptions {
  schema: GraphQLSchema;
  send: Send;
  harvest: Harvest;
  /** Deepest field nesting to select (the root field is level 1); at most the service's maxDepth. */
  maxDepth: number;
  /** first/limit of root list fields, and below the root. */
  rootPage?: number;
  nestedPage?: number;
  /** Pages followed per call (cursor or afterSeq paging). */
  maxPages?: number;
  /** Argument combinations asked per root field. */
  maxCalls?: number;
}

interface Call {
  /** GraphQL argument literals by argument name */
  args: Record<string, string>;
  label: string;
  /** Coordinates this call exists to exercise (an optional argument, a filter field): dropped when one is denied. */
  requires?: string[];
  /** Placeholder arguments, only to learn whether the role may call the field: never counts as executed. */
  probe?: boolean;
}

const PAGE_ARGS = new Set(['first', 'limit']);

export class SchemaWalker {
  readonly denied = new Set<string>();
  private readonly unreducible: string[] = [];
  private requests = 0;
  private readonly o: Required<WalkerOptions>;

  constructor(options: WalkerOptions) {
    this.o = { rootPage: 50, nestedPage: 5, maxPages: 12, maxCalls: 48, ...options };
  }

  /** Asks every Query field: those without required arguments first, then again until nothing new is reached. */
  async walkAll(): Promise<WalkReport> {
    const query = this.o.schema.getQueryType()!;
    const fields = Object.values(query.getFields()).sort((a, b) => requiredArgs(a).length - requiredArgs(b).length || a.name.localeCompare(b.name));
    const outcomes = new Map<string, RootOutcome>();
    // a second pass fills arguments from values first seen in later answers
    for (let pass = 0; pass < 2; pass++) {
      for (const field of fields) {
        const before = outcomes.get(field.name);
        if (before && (before.executedCalls > 0 || before.forbidden)) continue;
        outcomes.set(field.name, await this.walkRoot(field));
      }
    }
    return { roots: fields.map((f) => outcomes.get(f.name)!), denied: this.denied, unreducible: this.unreducible, requests: this.requests };
  }

  async walkRoot(field: GraphQLField<unknown, unknown>): Promise<RootOutcome> {
    const out: RootOutcome = { field: field.name, answers: [], executedCalls: 0, unfillable: [], errors: [], refusals: [], refusedCalls: [] };
    const calls = this.calls(field, out);
    if (calls.length === 0) {
      // nothing to fill a required argument with: a placeholder call still tells whether the role may call the field
      const args = Object.fromEntries(requiredArgs(field).map((a) => [a.name, placeholder(a.type)]));
      await this.runCalls(field, [{ args, label: `${field.name}(placeholder arguments)`, probe: true }], this.o.maxDepth, out);
      return out;
    }
    await this.runCalls(field, calls, this.o.maxDepth, out);
    // a call refused for its arguments (one by one, after others) does not make the field refused when another call was answered
    if (out.executedCalls > 0 && out.forbidden && !this.denied.has(`Query.${field.name}`)) out.forbidden = undefined;
    return out;
  }

  // ------------------------------------------------------------------ arguments

  private calls(field: GraphQLField<unknown, unknown>, out: RootOutcome): Call[] {
    const required = requiredArgs(field).filter((a) => !PAGE_ARGS.has(a.name));
    const lists: { arg: GraphQLArgument; values: string[] }[] = [];
    for (const arg of required) {
      const values = this.valuesFor(field, arg).slice(0, 30);
      if (values.length === 0) {
        out.unfillable.push(`Query.${field.name}(${arg.name}:)`);
        return [];
      }
      lists.push({ arg, values });
    }
    const page: Record<string, string> = {};
    for (const a of field.args) if (PAGE_ARGS.has(a.name) && !this.isDeniedArg('Query', field.name, a.name)) page[a.name] = String(this.o.rootPage);
    // the cartesian product, the longest list varying fastest, capped
    lists.sort((a, b) => b.values.length - a.values.length);
    const combos: Record<string, string>[] = [];
    const total = lists.reduce((n, l) => n * l.values.length, 1);
    for (let i = 0; i < Math.min(total, this.o.maxCalls); i++) {
      let rest = i;
      const args: Record<string, string> = {};
      for (const l of lists) {
        args[l.arg.name] = l.values[rest % l.values.length];
        rest = Math.floor(rest / l.values.length);
      }
      combos.push(args);
    }
    const calls: Call[] = combos.map((args) => ({
      args: { ...args, ...page },
      label: `${field.name}(${Object.entries(args)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')})`,
    }));
    // variants: optional enum arguments at their other values (for every value of the longest required list,
    // e.g. every household for eligibility(route: URGENCY)), optional scalars we can fill, one filter field at a time
    const base = combos[0] ?? {};
    const spread = lists[0] ? lists[0].values.map((v) => ({ ...base, [lists[0].arg.name]: v })) : [base];
    for (const arg of field.args) {
      if (required.includes(arg) || PAGE_ARGS.has(arg.name) || ['after', 'afterSeq'].includes(arg.name) || this.isDeniedArg('Query', field.name, arg.name))
        continue;
      const named = getNamedType(arg.type);
      const variants: string[] = [];
      if (isEnumType(named)) {
        for (const v of named.getValues()) if (v.value !== arg.defaultValue) variants.push(v.name);
      } else if (named.name === 'Boolean' && !isListType(isNonNullType(arg.type) ? arg.type.ofType : arg.type)) {
        // decimalComma, includeEnded: the value(s) other than the default (both when there is none)
        for (const v of this.valuesFor(field, arg)) if (v !== String(arg.defaultValue)) variants.push(v);
      } else if (isInputObjectType(named)) {
        for (const f of Object.values(named.getFields())) {
          if (this.denied.has(`${named.name}.${f.name}`)) continue;
          const value = this.inputFieldValue(named, f.name, f.type);
          if (value !== undefined) variants.push(`{ ${f.name}: ${value} }`);
        }
      } else if (arg.defaultValue === undefined) {
        const [value] = this.valuesFor(field, arg);
        if (value !== undefined) variants.push(value);
      }
      for (const v of variants.slice(0, 6)) {
        for (const b of isEnumType(named) || named.name === 'Boolean' ? spread : [base]) {
          const args = { ...b, ...page, [arg.name]: v };
          const inputField = isInputObjectType(named) ? /^\{ (\w+):/.exec(v)?.[1] : undefined;
          const requires = [`Query.${field.name}(${arg.name}:)`, ...(inputField ? [`${named.name}.${inputField}`] : [])];
          calls.push({
            args,
            requires,
            label: `${field.name}(${Object.entries({ ...b, [arg.name]: v })
              .map(([k, x]) => `${k}: ${x}`)
              .join(', ')})`,
          });
        }
      }
    }
    return calls;
  }

  private isDeniedArg(type: string, field: string, arg: string): boolean {
    return this.denied.has(`${type}.${field}(${arg}:)`) || this.denied.has(`${type}.${field}.${arg}`);
  }

  /** GraphQL literals for an argument, from the harvest. */
  private valuesFor(field: GraphQLField<unknown, unknown>, arg: GraphQLArgument): string[] {
    const named = getNamedType(arg.type);
    const list = isListType(isNonNullType(arg.type) ? arg.type.ofType : arg.type);
    const h = this.o.harvest;
    let raw: unknown[];
    const idType = (name: string) => {
      const m = /^(.+?)Ids?$/.exec(name);
      return m ? m[1][0].toUpperCase() + m[1].slice(1) : undefined;
    };
    if (arg.name === 'id') {
      // the id of the returned type, or of the type its name starts with (programmeEvaluation(id) takes a Programme's id)
      const words = getNamedType(field.type).name.split(/(?=[A-Z])/);
      raw = [];
      for (let n = words.length; n > 0 && raw.length === 0; n--) raw = h.ids.get(words.slice(0, n).join('')) ?? [];
    } else if (named.name === 'ID' && idType(arg.name)) raw = h.ids.get(idType(arg.name)!) ?? [];
    else if (arg.name === 'householdReference') raw = h.values.get('householdReference') ?? [];
    else if (isEnumType(named)) raw = arg.defaultValue !== undefined ? [] : [named.getValues()[0].name];
    else raw = h.values.get(`${getNamedType(field.type).name}.${arg.name}`) ?? h.values.get(arg.name) ?? [];
    // a Boolean takes either value (those harvested under its name first)
    if (named.name === 'Boolean') raw = [...new Set([...raw.map((v) => v === true || v === 'true'), false, true])];
    const literal = (v: unknown) =>
      isEnumType(named) || named.name === 'Boolean'
        ? String(v)
        : named.name === 'Int' || named.name === 'Float'
          ? String(Number(v))
          : JSON.stringify(String(v));
    if (named.name === 'Int') raw = raw.filter((v) => Number.isInteger(Number(v)));
    const literals = raw.map(literal);
    return list ? (literals.length ? [`[${literals.slice(0, 3).join(', ')}]`] : []) : literals;
  }

  private inputFieldValue(input: GraphQLInputObjectType, name: string, type: GraphQLInputType): string | undefined {
    const named = getNamedType(type);
    const h = this.o.harvest;
    if (isEnumType(named)) return named.getValues()[0].name;
    if (named.name === 'Boolean') return 'true';
    if (named.name === 'Int') return /^max/i.test(name) ? '1000000' : '1';
    if (named.name === 'ID') {
      const m = /^(.+?)Id$/.exec(name);
      const id = m ? h.ids.get(m[1][0].toUpperCase() + m[1].slice(1))?.[0] : undefined;
      return id === undefined ? undefined : JSON.stringify(id);
    }
    if (named.name === 'String') {
      if (name === 'referencePrefix') {
        const ref = h.values.get('householdReference')?.[0];
        return JSON.stringify(ref === undefined ? 'H-' : String(ref).slice(0, 4));
      }
      if (/before|after|date|from/i.test(name)) return JSON.stringify('2100-01-01');
      if (name === 'search') return JSON.stringify(String(h.values.get(`${input.name.replace(/Filter$/, '')}.name`)?.[0] ?? 'a').slice(0, 3));
      const v = h.values.get(name)?.[0];
      return v === undefined ? undefined : JSON.stringify(String(v));
    }
    return undefined;
  }

  // ------------------------------------------------------------------ selections

  private selection(type: GraphQLNamedType, depth: number, onPath: readonly string[], fragments: Map<string, string>): string {
    if (isUnionType(type) || isInterfaceType(type)) {
      const possible = this.o.schema.getPossibleTypes(type);
      const parts = possible
        .map((t) => {
          const inner = this.selection(t, depth, onPath, fragments);
          return inner ? `... on ${t.name} ${inner}` : '';
        })
        .filter(Boolean);
      return `{ __typename ${parts.join(' ')} }`;
    }
    if (!isObjectType(type)) return '';
    const leaves: string[] = [];
    const nested: string[] = [];
    for (const f of Object.values(type.getFields()).sort((a, b) => a.name.localeCompare(b.name))) {
      if (this.denied.has(`${type.name}.${f.name}`)) continue;
      const args = this.nestedArgs(type, f);
      if (args === null) continue;
      const named = getNamedType(f.type);
      if (isLeafType(named)) {
        leaves.push(`${f.name}${args}`);
        continue;
      }
      if (depth + 1 > this.o.maxDepth || onPath.includes(named.name)) continue;
      const inner = this.selection(named, depth + 1, [...onPath, named.name], fragments);
      if (inner) nested.push(`${f.name}${args} ${inner}`);
    }
    if (leaves.length === 0 && nested.length === 0) return '';
    // leaves through a named fragment for some types and an inline fragment for the others: both paths are exercised
    let leafText = '';
    if (leaves.length) {
      if (hash(type.name) % 2 === 0) {
        const name = `L_${type.name}`;
        fragments.set(name, `fragment ${name} on ${type.name} { ${leaves.join(' ')} }`);
        leafText = `...${name}`;
      } else leafText = `... on ${type.name} { ${leaves.join(' ')} }`;
    }
    return `{ __typename ${leafText} ${nested.join(' ')} }`;
  }

  /** Arguments of a nested field: page sizes, required ones from the harvest; null when a required one cannot be filled. */
  private nestedArgs(type: GraphQLObjectType, f: GraphQLField<unknown, unknown>): string | null {
    const parts: string[] = [];
    for (const a of f.args) {
      if (this.isDeniedArg(type.name, f.name, a.name)) {
        if (isNonNullType(a.type) && a.defaultValue === undefined) return null;
        continue;
      }
      if (PAGE_ARGS.has(a.name)) parts.push(`${a.name}: ${this.o.nestedPage}`);
      else if (isNonNullType(a.type) && a.defaultValue === undefined) {
        const [v] = this.valuesFor(f, a);
        if (v === undefined) return null;
        parts.push(`${a.name}: ${v}`);
      }
    }
    return parts.length ? `(${parts.join(', ')})` : '';
  }

  private document(field: GraphQLField<unknown, unknown>, calls: Call[], depth: number): string | null {
    const saved = this.o.maxDepth;
    this.o.maxDepth = depth;
    try {
      const fragments = new Map<string, string>();
      const named = getNamedType(field.type);
      let inner = '';
      if (!isLeafType(named)) {
        inner = this.selection(named, 1, [named.name], fragments);
        if (!inner) return null;
      }
      const roots = calls.map((c, i) => {
        const args = Object.entries(c.args)
          .filter(([k]) => !this.isDeniedArg('Query', field.name, k))
          .map(([k, v]) => `${k}: ${v}`);
        return `A${i}_${field.name}: ${field.name}${args.length ? `(${args.join(', ')})` : ''} ${inner}`;
      });
      return `query NeedToKnow_${field.name} { ${roots.join(' ')} }\n${[...fragments.values()].join('\n')}`;
    } finally {
      this.o.maxDepth = saved;
    }
  }

  // ------------------------------------------------------------------ execution

  private async runCalls(field: GraphQLField<unknown, unknown>, calls: Call[], depth: number, out: RootOutcome): Promise<void> {
    for (let attempt = 0; attempt < 25; attempt++) {
      if (this.denied.has(`Query.${field.name}`)) {
        out.forbidden ??= `Query.${field.name} is denied`;
        return;
      }
      const deniedRequired = requiredArgs(field).find((a) => this.isDeniedArg('Query', field.name, a.name));
      if (deniedRequired) {
        out.forbidden ??= `its required argument ${deniedRequired.name} is denied`;
        return;
      }
      // calls that exist for a denied argument or filter field are dropped
      calls = this.live(calls);
      if (calls.length === 0) return;
      const doc = this.document(field, calls, depth);
      if (!doc) {
        out.errors.push('nothing left to select');
        return;
      }
      this.requests++;
      const { status, body } = await this.o.send(doc);
      const errors: any[] = body?.errors ?? [];
      const first = errors[0];
      const code = first?.extensions?.code;
      if (code === 'FORBIDDEN' && (body?.data === null || body?.data === undefined)) {
        const deniedFields = Array.isArray(first.extensions.deniedFields) ? (first.extensions.deniedFields as string[]) : null;
        out.refusals.push({ status, code, deniedFields });
        if (deniedFields && deniedFields.length) {
          if (deniedFields.includes(`Query.${field.name}`)) {
            deniedFields.forEach((d) => this.denied.add(d));
            out.forbidden = `Query.${field.name} is denied`;
            return;
          }
          const before = this.denied.size;
          deniedFields.forEach((d) => this.denied.add(d));
          const live = this.live(calls);
          if (this.denied.size > before && (live.length === 0 || this.document(field, live, depth) !== doc)) continue;
          // the role may call the field, but the walker cannot ask it: counts against the coverage
          this.unreducible.push(`${field.name}: refused with deniedFields ${JSON.stringify(deniedFields)} that the walker cannot drop`);
          out.errors.push(`refused: ${first.message}`);
          return;
        }
        if (Array.isArray(first.path) && first.path.length > 1) {
          out.errors.push(`FORBIDDEN at ${first.path.join('.')}: ${first.message}`);
          return;
        }
        // some calls refused, not all (a partner asking a buurt not granted to it): noted, and the others asked again
        const refusedAt = new Map<number, string>();
        for (const e of errors) {
          const i = e?.extensions?.code === 'FORBIDDEN' && Array.isArray(e.path) && e.path.length === 1 ? /^A(\d+)_/.exec(String(e.path[0]))?.[1] : undefined;
          if (i !== undefined) refusedAt.set(Number(i), e.message);
        }
        if (calls.length > 1 && refusedAt.size > 0 && refusedAt.size < calls.length) {
          calls.forEach((c, i) => refusedAt.has(i) && out.refusedCalls.push({ label: c.label, code, message: refusedAt.get(i)! }));
          calls = calls.filter((_, i) => !refusedAt.has(i));
          continue;
        }
        // a whole-operation refusal: the role may not call this field (or the service names no fields)
        calls.forEach((c) => out.refusedCalls.push({ label: c.label, code, message: first.message ?? 'FORBIDDEN' }));
        out.forbidden = first.message ?? 'FORBIDDEN';
        return;
      }
      // the service's size limits (src/common/query-limits.plugin.ts, parse limits, body limit): ask for less at once
      const tooLarge =
        code === 'QUERY_TOO_LARGE' ||
        code === 'QUERY_TOO_EXPENSIVE' ||
        code === 'PAYLOAD_TOO_LARGE' ||
        (code === 'GRAPHQL_PARSE_FAILED' && /tokens/.test(first.message ?? ''));
      if (code === 'QUERY_TOO_COMPLEX' || code === 'QUERY_TOO_DEEP' || tooLarge) {
        if (calls.length > 1) {
          const half = Math.ceil(calls.length / 2);
          await this.runCalls(field, calls.slice(0, half), depth, out);
          await this.runCalls(field, calls.slice(half), depth, out);
          return;
        }
        const page = calls[0].args.first ?? calls[0].args.limit;
        if (code === 'QUERY_TOO_COMPLEX' && page !== undefined && Number(page) > 2) {
          const key = calls[0].args.first !== undefined ? 'first' : 'limit';
          calls = [{ ...calls[0], args: { ...calls[0].args, [key]: String(Math.max(1, Math.floor(Number(page) / 3))) } }];
          continue;
        }
        if (depth > 2) {
          depth -= 1;
          continue;
        }
        out.errors.push(`${code}: ${first.message}`);
        return;
      }
      if ((body?.data === null || body?.data === undefined) && errors.length && calls.length > 1) {
        // one call's error (non-null root) nulls the whole answer: ask them one by one
        for (const c of calls) await this.runCalls(field, [c], depth, out);
        return;
      }
      if (errors.length) out.errors.push(...errors.slice(0, 3).map((e) => `${e.extensions?.code ?? '?'}: ${e.message}`));
      out.answers.push({
        label: calls
          .map((c) => c.label)
          .join(' | ')
          .slice(0, 300),
        labels: calls.map((c) => c.label),
        body,
      });
      this.o.harvest.collect(body?.data);
      const data = body?.data ?? {};
      for (let i = 0; i < calls.length; i++) {
        if (calls[i].probe) continue;
        const value = data[`A${i}_${field.name}`];
        if (value !== null && value !== undefined) out.executedCalls++;
        await this.nextPages(field, calls[i], value, depth, out);
      }
      return;
    }
    out.errors.push('gave up after repeated refusals');
  }

  /** The calls whose purpose (an optional argument, a filter field) is not denied. */
  private live(calls: Call[]): Call[] {
    return calls.filter((c) => !(c.requires ?? []).some((r) => this.denied.has(r) || this.denied.has(r.replace(/\((\w+):\)$/, '.$1'))));
  }

  /** Follows cursor pages (after / pageInfo.endCursor) and sequence pages (afterSeq / seq). */
  private async nextPages(field: GraphQLField<unknown, unknown>, call: Call, value: any, depth: number, out: RootOutcome): Promise<void> {
    const hasAfter = field.args.some((a) => a.name === 'after');
    const hasAfterSeq = field.args.some((a) => a.name === 'afterSeq');
    let current = value;
    for (let page = 1; page < this.o.maxPages; page++) {
      let args: Record<string, string> | null = null;
      if (hasAfter && current?.pageInfo?.hasNextPage && current.pageInfo.endCursor) args = { ...call.args, after: JSON.stringify(current.pageInfo.endCursor) };
      else if (hasAfterSeq && Array.isArray(current) && current.length > 0 && current.length >= Number(call.args.limit ?? 0)) {
        const last = Math.max(...current.map((e: any) => Number(e.seq)).filter(Number.isFinite));
        if (Number.isFinite(last)) args = { ...call.args, afterSeq: String(last) };
      }
      if (!args) return;
      const doc = this.document(field, [{ args, label: call.label }], depth);
      if (!doc) return;
      this.requests++;
      const { body } = await this.o.send(doc);
      if (!body?.data) {
        out.errors.push(`page ${page + 1}: ${body?.errors?.[0]?.message}`);
        return;
      }
      out.answers.push({ label: `${call.label} page ${page + 1}`, labels: [`${call.label} page ${page + 1}`], body });
      this.o.harvest.collect(body.data);
      current = body.data[`A0_${field.name}`];
    }
  }
}

function requiredArgs(field: GraphQLField<unknown, unknown>): GraphQLArgument[] {
  return field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
}

/** A literal of the argument's type that names nothing in particular. */
function placeholder(type: GraphQLInputType): string {
  const named = getNamedType(type);
  const list = isListType(isNonNullType(type) ? type.ofType : type);
  let v: string;
  if (isEnumType(named)) v = named.getValues()[0].name;
  else if (named.name === 'Int' || named.name === 'Float') v = '0';
  else if (named.name === 'Boolean') v = 'false';
  else if (isInputObjectType(named)) v = '{}';
  else v = '"0"';
  return list ? `[${v}]` : v;
}

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

// ---------------------------------------------------------------------------------------------
// Leak detector
// ---------------------------------------------------------------------------------------------

export type Audience = 'pseudonymous' | 'aggregate';

export interface SensitiveFacts {
  /** Operational household references (any 1-40 character string). */
  references: string[];
  /** Internal household ids. */
  householdIds: string[];
  /** Support-need codes present in the database. */
  supportNeeds: string[];
  /** Indication kinds and accessibility values (flagged as values of fields/keys about indications). */
  indicationValues: string[];
  /** Urgency categories present in the database (flagged as values of fields/keys about urgency). */
  urgencyCategories: string[];
  /** Explanation sentences only the special-category rules produce, for households that have an indication or urgency. */
  specialSentences: string[];
  /** Incomes and assets in cents (already filtered against false positives). */
  incomes: number[];
  /** Member birth dates, ISO (already filtered against false positives). */
  birthDates: string[];
  /** Money as the engine writes it (cents -> "€25,000"). */
  formatEuros: (cents: number) => string;
  /** Dates as the engine writes them ("2026-03-02" -> "2 March 2026"). */
  formatDate: (iso: string) => string;
}

export interface Leak {
  path: string;
  kind: string;
  value: string;
}

const PSEUDONYM = /^PSN-[0-9a-f]{16}$/;
const PSEUDONYM_ANYWHERE = /PSN-[0-9a-f]{16}/;
/** Keys that identify a household (householdId, householdIds, householdReference, household, ...), not counts or types. */
const IDENTIFYING_KEY = /household/i;
const NOT_IDENTIFYING_KEY = /count|total|size|type|share|number|rate|visible/i;
const POLICY_DOCUMENT_TYPES = new Set(['LocalPolicyVersion', 'CompositionPolicyVersion']);

interface Ctx {
  path: string;
  key: string | undefined;
  keys: readonly string[];
  parentType: string | undefined;
  /** Inside a rule verdict (RuleOutcome, or a JSON object shaped like one). */
  verdict: boolean;
  /** At a verdict's explanation or at a compared value's value/limit. */
  verdictSlot: boolean;
  /** At a compared value's limit (the rule's threshold, not the household's fact). */
  limitSlot: boolean;
  /** Inside a policy document (configuration, not per-household data). */
  policyDocument: boolean;
  /** The enclosing object identifies a household (a Household, or a JSON object under a household key). */
  householdObject: boolean;
  /** An element of a list (under a plural key such as `households`, a number is an id, not a count). */
  inArray: boolean;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiled matchers for one set of facts. */
class Matchers {
  readonly reference: RegExp | null;
  readonly supportNeed: RegExp | null;
  readonly incomeText: RegExp | null;
  readonly birthText: RegExp | null;
  readonly ids: Set<string>;
  readonly incomes: Set<number>;

  constructor(readonly facts: SensitiveFacts) {
    const alt = (xs: string[]) =>
      xs
        .filter((x) => x.length > 0)
        .sort((a, b) => b.length - a.length)
        .map(esc)
        .join('|');
    this.reference = facts.references.length ? new RegExp(`(?<![A-Za-z0-9_-])(?:${alt(facts.references)})(?![A-Za-z0-9_-])`) : null;
    this.supportNeed = facts.supportNeeds.length ? new RegExp(`(?<![A-Za-z0-9_])(?:${alt(facts.supportNeeds)})(?![A-Za-z0-9_])`) : null;
    const incomeForms = facts.incomes.flatMap((c) => [`(?<![0-9.,])${c}(?![0-9])`, `${esc(facts.formatEuros(c))}(?![0-9]|[.,][0-9])`]);
    this.incomeText = incomeForms.length ? new RegExp(incomeForms.join('|')) : null;
    const dateForms = facts.birthDates.flatMap((d) => [`(?<![0-9])${esc(d)}(?![0-9])`, `(?<![0-9])${esc(facts.formatDate(d))}(?![0-9])`]);
    this.birthText = dateForms.length ? new RegExp(dateForms.join('|')) : null;
    this.ids = new Set(facts.householdIds.map(String));
    this.incomes = new Set(facts.incomes);
  }
}

const matcherCache = new WeakMap<SensitiveFacts, Matchers>();

/**
 * Every place in `answer` where the audience sees something it may not. Strings that hold JSON are
 * parsed and searched too. Paths name fields (aliases removed) and array positions.
 */
export function findLeaks(answer: unknown, facts: SensitiveFacts, audience: Audience, rootPath = '$'): Leak[] {
  let m = matcherCache.get(facts);
  if (!m) matcherCache.set(facts, (m = new Matchers(facts)));
  const leaks: Leak[] = [];
  /** `at`: where in a long text the offending part starts (the excerpt shows it). */
  const report = (ctx: Ctx, kind: string, value: unknown, at = 0) =>
    leaks.push({ path: ctx.path, kind, value: excerpt(typeof value === 'string' ? value : JSON.stringify(value), at) });
  const matchers = m;

  const visit = (value: unknown, ctx: Ctx): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, { ...ctx, path: `${ctx.path}[${i}]`, inArray: true }));
      return;
    }
    if (typeof value === 'object') {
      visitObject(value as Record<string, unknown>, ctx);
      return;
    }
    if (typeof value === 'string') visitString(value, ctx);
    else if (typeof value === 'number') visitNumber(value, ctx);
  };

  const identifyingKey = (ctx: Ctx) => {
    const key = ctx.key;
    if (!key) return false;
    if (IDENTIFYING_KEY.test(key) && !NOT_IDENTIFYING_KEY.test(key)) return true;
    return ctx.householdObject && ['id', 'ref', 'reference', 'references', 'ids'].includes(key);
  };

  const specialContext = (ctx: Ctx, pattern: RegExp) => ctx.keys.slice(-2).some((k) => pattern.test(k));

  const visitObject = (o: Record<string, unknown>, ctx: Ctx) => {
    const type = typeof o.__typename === 'string' ? o.__typename : undefined;
    // a rule verdict: a RuleOutcome, or a JSON object shaped like one (recorded verdicts keep ruleId, result and values)
    const isVerdict = type === 'RuleOutcome' || (!type && 'ruleId' in o && ('explanation' in o || Array.isArray(o.values)));
    const isCompared = type === 'ComparedValue' || (ctx.verdict && !type && 'comparison' in o && 'name' in o);
    const householdObject = type === 'Household' || (!type && !!ctx.key && IDENTIFYING_KEY.test(ctx.key) && !NOT_IDENTIFYING_KEY.test(ctx.key));
    if (type === 'Household') {
      for (const k of Object.keys(o)) {
        const field = unalias(k);
        const v = o[k];
        if ((field === 'id' || field === 'reference') && v !== null && v !== undefined) {
          // internal ids and operational references are reported where they stand (below); anything else that is no pseudonym here
          const s = String(v);
          if (audience === 'pseudonymous' && !PSEUDONYM.test(s) && !matchers.ids.has(s) && !matchers.reference?.test(s))
            report({ ...ctx, path: `${ctx.path}.${field}` }, `Household.${field} is not a pseudonym`, v);
        }
      }
    }
    if (isCompared) {
      const name = String(o.name ?? '');
      const v = o.value;
      if (v !== null && v !== undefined && v !== '') {
        if (/indication/i.test(name) && facts.indicationValues.includes(String(v))) report(ctx, `special category: indication in compared value ${name}`, v);
        if (/urgen/i.test(name) && facts.urgencyCategories.includes(String(v))) report(ctx, `special category: urgency category in compared value ${name}`, v);
        if (/supportNeed/i.test(name)) report(ctx, `special category: support needs in compared value ${name}`, v);
      }
    }
    for (const [k, v] of Object.entries(o)) {
      const key = unalias(k);
      if (key === '__typename') continue;
      // object keys themselves can identify a household (maps keyed by reference or id)
      checkKey(k, { ...ctx, path: `${ctx.path}.{${k}}` });
      const child: Ctx = {
        path: `${ctx.path}.${key}`,
        key,
        keys: [...ctx.keys, key],
        parentType: type ?? ctx.parentType,
        verdict: ctx.verdict || isVerdict,
        verdictSlot:
          (isVerdict && key === 'explanation') || (isCompared && (key === 'value' || key === 'limit')) || (ctx.verdictSlot && !isCompared && !isVerdict),
        limitSlot: isCompared && key === 'limit',
        policyDocument: ctx.policyDocument || (!!type && POLICY_DOCUMENT_TYPES.has(type) && key === 'document'),
        householdObject,
        inArray: false,
      };
      if (householdObject && !isNaN(Number(k)) && matchers.ids.has(k)) report(child, 'internal household id as a map key', k);
      visit(v, child);
    }
  };

  const checkKey = (k: string, ctx: Ctx) => {
    if (/^A\d+_/.test(k)) return;
    if (matchers.reference?.test(k)) report(ctx, 'operational household reference (object key)', k);
    if (audience === 'aggregate' && PSEUDONYM_ANYWHERE.test(k)) report(ctx, 'household pseudonym (object key)', k);
  };

  const visitNumber = (n: number, ctx: Ctx) => {
    // a number right under a plural key (households, vulnerableHouseholds) counts households
    const count = /households$/i.test(ctx.key ?? '') && !ctx.inArray;
    if (identifyingKey(ctx) && !count) {
      if (matchers.ids.has(String(n))) report(ctx, `internal household id under "${ctx.key}"`, n);
      else if (audience === 'aggregate') report(ctx, `household identity under "${ctx.key}" shown to an aggregate audience`, n);
    }
    if (matchers.incomes.has(n) && !(audience === 'pseudonymous' && ctx.verdictSlot)) report(ctx, 'income outside a rule verdict', n);
  };

  const visitString = (s: string, ctx: Ctx) => {
    const t = s.trim();
    if ((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'))) {
      try {
        const parsed = JSON.parse(t);
        visit(parsed, { ...ctx, path: `${ctx.path}<json>`, parentType: undefined });
        return;
      } catch {
        // not JSON: a plain string
      }
    }
    if (matchers.reference) {
      const hit = matchers.reference.exec(s);
      if (hit) report(ctx, `operational household reference ${hit[0]}`, s, hit.index);
    }
    if (audience === 'aggregate' && PSEUDONYM_ANYWHERE.test(s)) report(ctx, 'household pseudonym shown to an aggregate audience', s);
    if (identifyingKey(ctx)) {
      if (matchers.ids.has(s.trim())) report(ctx, `internal household id under "${ctx.key}"`, s);
      else if (audience === 'aggregate') report(ctx, `household identity under "${ctx.key}" shown to an aggregate audience`, s);
    }
    if (!ctx.policyDocument && !ctx.limitSlot) {
      const need = matchers.supportNeed?.exec(s);
      if (need) report(ctx, `special category: support need ${need[0]}`, s, need.index);
      if (specialContext(ctx, /indication/i) && facts.indicationValues.includes(s)) report(ctx, 'special category: indication value', s);
      if (specialContext(ctx, /urgen/i) && facts.urgencyCategories.includes(s)) report(ctx, 'special category: urgency category', s);
      const sentence = facts.specialSentences.find((x) => s.includes(x));
      if (sentence) report(ctx, 'special category: explanation of an indication/urgency rule', s, s.indexOf(sentence));
    }
    const exempt = audience === 'pseudonymous' && ctx.verdictSlot;
    if (!exempt) {
      const income = matchers.incomeText?.exec(s);
      if (income) report(ctx, `income ${income[0]} outside a rule verdict`, s, income.index);
      const birth = matchers.birthText?.exec(s);
      if (birth) report(ctx, `birth date ${birth[0]} outside a rule verdict`, s, birth.index);
    }
  };

  visit(answer, {
    path: rootPath,
    key: undefined,
    keys: [],
    parentType: undefined,
    verdict: false,
    verdictSlot: false,
    limitSlot: false,
    policyDocument: false,
    householdObject: false,
    inArray: false,
  });
  return leaks;
}

/** At most `n` characters of `s`, around position `at`. */
function excerpt(s: string, at = 0, n = 160): string {
  if (s.length <= n) return s;
  const start = Math.max(0, Math.min(at - 40, s.length - n));
  return `${start > 0 ? '…' : ''}${s.slice(start, start + n)}${start + n < s.length ? '…' : ''}`;
}

/**
 * A readable list of leaks: one line per place (path with list positions folded) and kind, with how
 * often it was seen and the first offending value; at most `max` lines.
 */
export function describeLeaks(leaks: (Leak & { where?: string })[], max = 80): string {
  const groups = new Map<string, { count: number; first: Leak & { where?: string } }>();
  for (const l of leaks) {
    const key = `${l.path.replace(/\[\d+\]/g, '[]')} | ${l.kind.replace(/ (\S+) outside a rule verdict/, ' outside a rule verdict').replace(/reference \S+$/, 'reference')}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { count: 1, first: l });
  }
  const lines = [...groups.entries()].slice(0, max).map(([key, g]) => `  ${key} (x${g.count}): ${g.first.value}${g.first.where ? `   ${g.first.where}` : ''}`);
  if (groups.size > max) lines.push(`  … and ${groups.size - max} more places`);
  return lines.join('\n');
}
