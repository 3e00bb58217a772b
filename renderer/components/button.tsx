// Buttons that are busy or not yet available stay focusable (aria-disabled rather than
// disabled): focus is not thrown back to <body> mid-action, and a keyboard user can still
// find a waiting "Resend" and hear why it waits.
import type { ReactNode, Ref } from 'react';
import { Spinner } from './spinner';

interface ButtonProps {
  children: ReactNode;
  variant?: 'primary' | 'secondary' | 'quiet';
  type?: 'button' | 'submit';
  /** Shows a spinner and this label instead of the children. */
  busy?: boolean;
  busyLabel?: string;
  /** Not usable yet (e.g. a cooldown): looks and acts disabled. */
  unavailable?: boolean;
  describedBy?: string;
  wide?: boolean;
  onPress?: () => void;
  /** For screens that move focus here once the control they replaced is gone. */
  ref?: Ref<HTMLButtonElement>;
}

export function Button({
  children,
  variant = 'primary',
  type = 'button',
  busy = false,
  busyLabel,
  unavailable = false,
  describedBy,
  wide = false,
  onPress,
  ref,
}: ButtonProps) {
  const off = busy || unavailable;
  const classes = ['button', `button--${variant}`, wide ? 'button--wide' : '', busy ? 'is-busy' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <button
      ref={ref}
      type={type}
      className={classes}
      aria-disabled={off || undefined}
      aria-describedby={describedBy}
      onClick={(event) => {
        // A submit button still reaches the form's handler, which checks its own busy state;
        // here we only stop clicks on buttons that are not usable.
        if (off) {
          event.preventDefault();
          return;
        }
        onPress?.();
      }}
    >
      {busy ? (
        <>
          <Spinner />
          <span>{busyLabel ?? children}</span>
        </>
      ) : (
        // One span, so the flex gap never splits text such as "Resend" and " in 27 s".
        <span>{children}</span>
      )}
    </button>
  );
}
