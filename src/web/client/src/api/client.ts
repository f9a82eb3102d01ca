import type { TypedDocumentString } from '../gql/graphql';
import { currentSession, endSession } from '../auth/session';
import { storedLanguage } from '../i18n/i18n';

/** A problem with one input field, as the API names it (extensions.fields). */
export interface FieldProblem {
  field: string;
  reason: string;
}

/** An answer of the API that is not data: its words, its code and the fields it concerns. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly fields: readonly FieldProblem[] = [],
    readonly status = 200,
  ) {
    super(message);
  }
}

let onSignedOut: (reason: 'expired' | 'required') => void = () => undefined;

/** Where a 401 sends the user (the app sets it: to the sign-in page, keeping the current address). */
export function whenSignedOut(handler: (reason: 'expired' | 'required') => void): void {
  onSignedOut = handler;
}

/**
 * One GraphQL operation over the public API, typed by the operation's generated document
 * (src/gql, from schema.gql). Throws ApiError with the API's own words.
 */
export async function gql<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables?: TVariables): Promise<TResult> {
  const session = currentSession();
  if (!session) {
    onSignedOut('required');
    throw new ApiError('Niet aangemeld', 'UNAUTHENTICATED', [], 401);
  }
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      // the service writes its sentences (verdicts, proposals) in the reader's language
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}`, 'accept-language': storedLanguage() },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch {
    throw new ApiError('De service is niet bereikbaar', 'NETWORK', [], 0);
  }
  const body = (await response.json().catch(() => null)) as {
    data?: TResult;
    errors?: { message: string; extensions?: { code?: string; fields?: FieldProblem[] } }[];
  } | null;
  if (response.status === 401) {
    endSession();
    onSignedOut('expired');
  }
  const first = body?.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? 'ERROR', first.extensions?.fields ?? [], response.status);
  if (!response.ok || !body?.data) throw new ApiError(`HTTP ${response.status}`, 'HTTP', [], response.status);
  return body.data;
}
