import { useEffect, useState } from 'react';

/**
 * Text a user is typing, kept in the tab's sessionStorage: when the session expires mid-sentence and
 * the user signs in again, the words are still there (cleared once the action succeeds).
 */
export function useDraft(key: string, initial = ''): [string, (value: string) => void, () => void] {
  const storageKey = `woonmix.draft.${key}`;
  const [value, setValue] = useState(() => sessionStorage.getItem(storageKey) ?? initial);
  useEffect(() => {
    if (value === initial) sessionStorage.removeItem(storageKey);
    else sessionStorage.setItem(storageKey, value);
  }, [storageKey, value, initial]);
  return [value, setValue, () => setValue(initial)];
}
