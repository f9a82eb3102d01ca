import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { projectRoot } from '../config/project-root.js';

/** The VERA-WRV specification Woonmix reads and writes: vendored, unchanged (src/vera/spec/README.md). */
export const VERA_WRV_SPEC_PATH = join(projectRoot(), 'src', 'vera', 'spec', 'WRV.yaml');

/** A place where a document breaks the specification: where (JSON pointer), which rule, and why. */
export interface VeraProblem {
  /** JSON pointer into the document as sent ("" is the whole document). */
  pointer: string;
  /** The rule it broke: the schema keyword at its place in the specification. */
  rule: string;
  reason: string;
}

/**
 * Validates documents against the component schemas of the VERA-WRV OpenAPI specification with Ajv
 * (the specification's own schemas, not hand-written checks). The schemas are loaded as they sit in
 * the OpenAPI document (under `components`, a key JSON Schema does not know, hence non-strict), with
 * the formats the specification names (date, date-time, float, int32, byte, uri).
 */
export class VeraValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  /** Each schema object's place in the specification, to name the rule an error broke. */
  private readonly placeOf = new WeakMap<object, string>();
  readonly version: string;

  constructor(spec: { info?: { version?: string }; components: { schemas: Record<string, unknown> } }) {
    this.version = spec.info?.version ?? 'unknown';
    // verbose: an error carries the schema object it broke, whose place in the specification is known
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, verbose: true });
    addFormats(this.ajv, ['date', 'date-time', 'uri', 'byte']);
    // OpenAPI's numeric formats: a float is any number, an int32 an integer in 32 bits
    this.ajv.addFormat('float', { type: 'number', validate: (x: number) => Number.isFinite(x) });
    this.ajv.addFormat('int32', { type: 'number', validate: (x: number) => Number.isInteger(x) && x >= -(2 ** 31) && x < 2 ** 31 });
    // one document: the schemas' "#/components/schemas/..." references resolve inside it
    const schemas = withBranchesBySoort(spec.components.schemas);
    this.ajv.addSchema({ $id: 'wrv', components: { schemas } });
    this.mapPlaces(schemas, '#/components/schemas');
  }

  static fromFile(path = VERA_WRV_SPEC_PATH): VeraValidator {
    return new VeraValidator(parse(readFileSync(path, 'utf8')));
  }

  private mapPlaces(node: unknown, place: string): void {
    if (node === null || typeof node !== 'object' || this.placeOf.has(node)) return;
    this.placeOf.set(node, place);
    for (const [key, child] of Object.entries(node)) this.mapPlaces(child, `${place}/${key}`);
  }

  /** The names of the specification's component schemas. */
  schemaNames(): string[] {
    const root = this.ajv.getSchema('wrv')!.schema as { components: { schemas: Record<string, unknown> } };
    return Object.keys(root.components.schemas);
  }

  /** Problems of `document` against component schema `schema` (empty: it follows the specification). */
  validate(schema: string, document: unknown, pointerPrefix = ''): VeraProblem[] {
    const validate = this.validatorOf(schema);
    if (validate(document)) return [];
    // an if/then error only says that the branch chosen by soort.code failed: that branch's errors say where
    return (validate.errors ?? []).filter((e) => e.keyword !== 'if').map((e) => this.problemOf(e, pointerPrefix));
  }

  private problemOf(e: ErrorObject, prefix: string): VeraProblem {
    // the rule as a place in the specification: "#/components/schemas/Toewijzingen-Toewijzing/properties/datum/format"
    const parent = e.parentSchema ? this.placeOf.get(e.parentSchema) : undefined;
    const at = parent ? `${parent}/${e.keyword}` : e.schemaPath;
    return { pointer: `${prefix}${e.instancePath}`, rule: `${e.keyword} at ${at}`, reason: `${e.message ?? 'does not match'}${propertyOf(e)}` };
  }

  private validatorOf(schema: string): ValidateFunction {
    let fn = this.compiled.get(schema);
    if (!fn) {
      const found = this.ajv.getSchema(`wrv#/components/schemas/${schema}`);
      if (!found) throw new RangeError(`VERA-WRV ${this.version} has no component schema ${schema}`);
      fn = found;
      this.compiled.set(schema, fn);
    }
    return fn;
  }
}

/**
 * The branch of a oneOf by its `soort` code, where the specification's code list says which branch a
 * code means (reference data of Aedes-datastandaarden/vera-referentiedata, Referentiedata.csv:
 * RELATIESOORT, ADRESSOORT, OVEREENKOMSTSOORT). Keyed by the end of the branch's schema name.
 */
const BRANCH_SOORT: ReadonlyArray<readonly [suffix: string, codes: readonly string[]]> = [
  ['-NatuurlijkPersoon', ['NAT']],
  ['-Rechtspersoon', ['REC']],
  ['-Relatiegroep', ['GRO']],
  ['-Eenheidadres', ['EEN']],
  ['-Postadres', ['POS']],
  ['-BuitenlandsAdres', ['BUI']],
  ['-Inschrijving', ['INS']],
  ['-Serviceovereenkomst', ['SER']],
];

/**
 * The specification's oneOf lists alternatives (a person, a group, an organisation; kinds of address)
 * whose schemas require nothing, so every object matches several of them and a plain oneOf rejects
 * every real document. Each such oneOf is read as the specification's descriptions mean it: the
 * branch named by the object's `soort.code`; an object without a known code is checked against the
 * branch without a code of its own (the "-basis" one) or, when there is none, against any branch.
 * Nothing else of the specification is changed (src/vera/spec/README.md).
 */
export function withBranchesBySoort(schemas: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const oneOf = (schema as { oneOf?: { $ref: string }[] }).oneOf;
    if (!oneOf || oneOf.length < 2) {
      out[name] = schema;
      continue;
    }
    const { oneOf: _branches, ...rest } = schema as Record<string, unknown>;
    const coded = oneOf.flatMap((b) => {
      const entry = BRANCH_SOORT.find(([suffix]) => b.$ref.endsWith(suffix));
      return entry ? [{ ref: b.$ref, codes: entry[1] }] : [];
    });
    const uncoded = oneOf.filter((b) => !coded.some((c) => c.ref === b.$ref));
    let otherwise: Record<string, unknown> = uncoded.length === 1 ? { $ref: uncoded[0].$ref } : { anyOf: oneOf.map((b) => ({ $ref: b.$ref })) };
    for (const { ref, codes } of [...coded].reverse()) {
      otherwise = {
        if: { properties: { soort: { properties: { code: { enum: [...codes] } }, required: ['code'] } }, required: ['soort'] },
        then: { $ref: ref },
        else: otherwise,
      };
    }
    out[name] = { ...rest, ...otherwise };
  }
  return out;
}

function propertyOf(e: ErrorObject): string {
  return e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : '';
}
