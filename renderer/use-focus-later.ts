// Moves focus to an element once it is on the page. Used where an action removes the
// control that had focus (a button replaced by its result), so focus is not dropped on
// <body>: call `request()` when the action starts; the element takes focus as it appears.
import { useCallback, useRef } from 'react';

export function useFocusLater<T extends HTMLElement>(): [(element: T | null) => void, () => void] {
  const wanted = useRef(false);
  // A new callback each render, so React calls it at every commit, not only on mount.
  const ref = (element: T | null) => {
    if (element && wanted.current) {
      wanted.current = false;
      element.focus();
    }
  };
  const request = useCallback(() => {
    wanted.current = true;
  }, []);
  return [ref, request];
}
