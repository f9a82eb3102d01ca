import { nl, type MessageKey } from './messages';

/** A quota's name in words (the API names it by code; an unknown code stays as it is). */
export const quotaName = (t: (key: MessageKey) => string, code: string) => (`quota.${code}` in nl ? t(`quota.${code}` as MessageKey) : code);
