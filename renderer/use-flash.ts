// A short confirmation ("Copied") that clears itself. It is rendered into a status region
// that is always present, so screen readers announce each new text.
import { useCallback, useEffect, useRef, useState } from 'react';

const SHOWN_MS = 2500;

export function useFlash(): [string, (text: string) => void] {
  const [text, setText] = useState('');
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const show = useCallback((next: string) => {
    window.clearTimeout(timer.current);
    setText(next);
    timer.current = window.setTimeout(() => setText(''), SHOWN_MS);
  }, []);
  return [text, show];
}
