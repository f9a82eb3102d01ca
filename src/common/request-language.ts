import type { Language } from '../engine/common/language.js';

/**
 * The language a reader asked for (HTTP Accept-Language, RFC 9110 §12.5.4): Dutch when the first
 * language range the engine writes (by q-value, then order) is nl or nl-*, else English. Only the
 * words change with it (the engine's sentences: src/engine/common/language.ts); the record stays English.
 */
export function languageOf(req: { headers?: Record<string, string | string[] | undefined> } | undefined): Language {
  const header = req?.headers?.['accept-language'];
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const ranges = value
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { primary: tag.split('-')[0], weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.weight > 0 && (r.primary === 'nl' || r.primary === 'en'))
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranges[0]?.primary === 'nl' ? 'nl' : 'en';
}
