import type { ApolloServerPlugin } from '@apollo/server';
import {
  FragmentDefinitionNode,
  getNamedType,
  GraphQLError,
  GraphQLNamedType,
  GraphQLSchema,
  isInterfaceType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { ComplexityEstimatorArgs, fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
  maxFields: number;
  maxExpensiveFields: number;
}

/** A field whose own cost (its `complexity`) is at least this is expensive: at most maxExpensiveFields of them per operation. */
export const EXPENSIVE_FIELD_COST = 100;

/** Field selections of an operation, fragments followed once per spread, and those of them that are expensive. */
export function countFields(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): { fields: number; expensive: string[] } {
  let fields = 0;
  const expensive: string[] = [];
  const walk = (set: SelectionSetNode | undefined, parent: GraphQLNamedType | undefined, seen: ReadonlySet<string>) => {
    if (!set) return;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value.startsWith('__')) continue;
        fields += 1;
        const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[s.name.value] : undefined;
        const cost = def?.extensions?.complexity;
        if (typeof cost === 'number' && cost >= EXPENSIVE_FIELD_COST) expensive.push(`${parent!.name}.${s.name.value}`);
        walk(s.selectionSet, def ? getNamedType(def.type) : undefined, seen);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        walk(s.selectionSet, s.typeCondition ? (schema.getType(s.typeCondition.name.value) ?? parent) : parent, seen);
      } else if (!seen.has(s.name.value)) {
        const fragment = fragments.get(s.name.value);
        walk(fragment?.selectionSet, fragment ? (schema.getType(fragment.typeCondition.name.value) ?? undefined) : undefined, new Set([...seen, s.name.value]));
      }
    }
  };
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  walk(operation.selectionSet, root ?? undefined, new Set());
  return { fields, expensive };
}

/** Nesting depth of an operation, fragments followed (a fragment cycle is invalid GraphQL and refused earlier). */
export function operationDepth(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): number {
  const depth = (set: SelectionSetNode | undefined, seen: ReadonlySet<string>): number => {
    if (!set) return 0;
    let max = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) max = Math.max(max, s.name.value.startsWith('__') ? 0 : 1 + depth(s.selectionSet, seen));
      else if (s.kind === Kind.INLINE_FRAGMENT) max = Math.max(max, depth(s.selectionSet, seen));
      else if (!seen.has(s.name.value)) max = Math.max(max, depth(fragments.get(s.name.value)?.selectionSet, new Set([...seen, s.name.value])));
    }
    return max;
  };
  return depth(operation.selectionSet, new Set());
}

/**
 * A list field costs its children times the page it asks for (first / limit / runs), else once;
 * an unpaged list that can be long declares its own estimate (the field's `complexity` option).
 */
function pagedEstimator({ args, childComplexity }: ComplexityEstimatorArgs): number | void {
  const page = [args.first, args.limit].find((v): v is number => typeof v === 'number');
  if (page !== undefined) return 1 + Math.max(1, page) * childComplexity;
}

/**
 * Refuses operations nested deeper than maxDepth, selecting more than maxFields fields or
 * maxExpensiveFields expensive ones, or costlier than maxComplexity before anything runs
 * (graphql-query-complexity), with QUERY_TOO_DEEP / QUERY_TOO_LARGE / QUERY_TOO_EXPENSIVE /
 * QUERY_TOO_COMPLEX and the numbers. Tokens are limited earlier, while parsing (parseOptions).
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          if (!operation) return;
          const fragments = new Map(
            document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
          );
          const depth = operationDepth(operation, fragments);
          if (depth > limits.maxDepth) {
            throw new GraphQLError(`Query is nested ${depth} levels deep; at most ${limits.maxDepth} are allowed`, {
              extensions: { code: 'QUERY_TOO_DEEP', depth, maxDepth: limits.maxDepth, http: { status: 400 } },
            });
          }
          const { fields, expensive } = countFields(schema, operation, fragments);
          if (fields > limits.maxFields) {
            throw new GraphQLError(`Query selects ${fields} fields (aliases included); at most ${limits.maxFields} are allowed`, {
              extensions: { code: 'QUERY_TOO_LARGE', fields, maxFields: limits.maxFields, http: { status: 400 } },
            });
          }
          if (expensive.length > limits.maxExpensiveFields) {
            throw new GraphQLError(
              `Query asks for ${expensive.length} expensive fields (${[...new Set(expensive)].join(', ')}); at most ${limits.maxExpensiveFields} per operation: send them separately`,
              {
                extensions: {
                  code: 'QUERY_TOO_EXPENSIVE',
                  expensiveFields: expensive.length,
                  maxExpensiveFields: limits.maxExpensiveFields,
                  http: { status: 400 },
                },
              },
            );
          }
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [fieldExtensionsEstimator(), pagedEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
            // variables that do not fit their types: execution refuses them with BAD_USER_INPUT (a 400), so leave it to it
            return;
          }
          if (complexity > limits.maxComplexity) {
            throw new GraphQLError(`Query complexity ${complexity} is above the limit of ${limits.maxComplexity}: ask for smaller pages or fewer fields`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', complexity, maxComplexity: limits.maxComplexity, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
