// A polite live region that says, in a few words, what just happened. Screens move focus
// to their heading; this covers changes that keep the same screen (sending, resending).
import { useEffect, useRef, useState } from 'react';
import type { AuthView } from '../../preload/api';

function sentence(status: AuthView['status']): string {
  switch (status) {
    case 'restoring':
      return '';
    case 'signed-out':
      return 'Signed out.';
    case 'sending':
      return 'Sending your magic link…';
    case 'link-sent':
      // No address here: the screen shows it, and a second copy would make it ambiguous
      // for anyone finding the address by its text.
      return 'Link sent. Check your email.';
    case 'authenticating':
      return 'Signing you in…';
    case 'confirming':
      // The screen itself (an alert dialog) reads out the question.
      return '';
    case 'signed-in':
      return 'Signed in.';
  }
}

export function StatusAnnouncer({ view }: { view: AuthView | null }) {
  const [text, setText] = useState('');
  const previous = useRef<AuthView['status'] | null>(null);
  useEffect(() => {
    if (!view) return;
    const was = previous.current;
    previous.current = view.status;
    // Nothing to announce on first paint, after a restore, or when nothing changed.
    if (was === null || was === 'restoring' || was === view.status) return;
    setText(sentence(view.status));
  }, [view]);
  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="status-announcer">
      {text}
    </p>
  );
}
