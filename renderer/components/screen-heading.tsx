// Each screen starts with this heading. It takes focus when the screen appears, so a
// keyboard or screen-reader user lands at the top of what is new instead of on <body>.
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

export function ScreenHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 className="screen__title" tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}
