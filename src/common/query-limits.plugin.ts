import type { ApolloServerPlugin } from '@apollo/server';
import { FragmentDefinitionNode, GraphQLError, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { ComplexityEstimatorArgs, fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
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
 * Refuses operations nested deeper than maxDepth or costlier than maxComplexity before anything
 * runs (graphql-query-complexity), with QUERY_TOO_DEEP / QUERY_TOO_COMPLEX and the numbers.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          if (!operation) return;
          const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
          const depth = operationDepth(operation, fragments);
          if (depth > limits.maxDepth) {
            throw new GraphQLError(`Query is nested ${depth} levels deep; at most ${limits.maxDepth} are allowed`, { extensions: { code: 'QUERY_TOO_DEEP', depth, maxDepth: limits.maxDepth, http: { status: 400 } } });
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
            throw new GraphQLError(`Query complexity ${complexity} is above the limit of ${limits.maxComplexity}: ask for smaller pages or fewer fields`, { extensions: { code: 'QUERY_TOO_COMPLEX', complexity, maxComplexity: limits.maxComplexity, http: { status: 400 } } });
          }
        },
      };
    },
  };
}
