/**
 * How the engine and the services name a household in text and JSON that may reach any reader: a
 * mention token holding the internal id, never the operational reference. Each answer is rendered
 * for its reader at read time (src/privacy/disclosure.plugin.ts): officers read the reference,
 * auditors a keyed pseudonym, managers no identity at all. So a stored sentence, plan or audit
 * event never carries a reference that one audience may see and another may not.
 */
const OPEN = '\u27e6'; // ⟦
const CLOSE = '\u27e7'; // ⟧

/** A household named in a sentence or as a reference (renders as reference, pseudonym or "a household"). */
export function householdMention(id: number): string {
  return `${OPEN}household:${id}${CLOSE}`;
}

/** A household's identifier in an id field (renders as the internal id for officers, a pseudonym for auditors). */
export function householdIdMention(id: number): string {
  return `${OPEN}household-id:${id}${CLOSE}`;
}

export type MentionKind = 'household' | 'household-id';

export const MENTION_PATTERN = /\u27e6(household|household-id):(\d{1,12})\u27e7/g;

export function containsMention(text: string): boolean {
  return text.includes(OPEN);
}

/** The ids a text mentions, in order of first appearance. */
export function mentionedIds(text: string): number[] {
  const ids = new Set<number>();
  for (const m of text.matchAll(MENTION_PATTERN)) ids.add(Number(m[2]));
  return [...ids];
}

/** Replaces every mention with what `render` gives for it. */
export function renderMentions(text: string, render: (kind: MentionKind, id: number) => string): string {
  if (!containsMention(text)) return text;
  return text.replace(MENTION_PATTERN, (_all, kind: MentionKind, id: string) => render(kind, Number(id)));
}
