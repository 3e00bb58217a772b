// Each screen starts with this heading. It takes focus when the screen appears, so a
// keyboard or screen-reader user lands at the top of what is new instead of on <body>;
// a screen whose safe answer must hold the focus (Cancel) says so with takeFocus={false}.
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

export function ScreenHeading({ children, id, takeFocus = true }: { children: ReactNode; id?: string; takeFocus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocus) ref.current?.focus();
  }, [takeFocus]);
  return (
    <h1 className="screen__title" tabIndex={-1} ref={ref} id={id}>
      {children}
    </h1>
  );
}
