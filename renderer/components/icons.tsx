// Inline SVG icons (no icon font or remote asset; the CSP allows neither). Each tone has
// its own shape, so the tone never rests on colour alone.
import type { Notice } from '../../preload/api';

type Tone = Notice['tone'];

const PATHS: Record<Tone, string> = {
  // A circle with an exclamation mark.
  error: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1 5h2v7h-2V7Zm0 9h2v2h-2v-2Z',
  // A triangle with an exclamation mark.
  warning: 'M12 2 1 21h22L12 2Zm-1 7h2v6h-2V9Zm0 8h2v2h-2v-2Z',
  // A circle with an "i".
  info: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1 8h2v8h-2v-8Zm0-4h2v2h-2V6Z',
  // A circle with a tick.
  success: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1.5 14.2-4.2-4.2 1.4-1.4 2.8 2.8 6.1-6.1 1.4 1.4-7.5 7.5Z',
};

export function ToneIcon({ tone }: { tone: Tone }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path fill="currentColor" fillRule="evenodd" d={PATHS[tone]} />
    </svg>
  );
}

/** The wordmark's glyph: a closed book with a four-pointed spark. */
export function GrimoireGlyph() {
  return (
    <svg className="wordmark__glyph" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M6 2h12a2 2 0 0 1 2 2v14a1 1 0 0 1-1 1H7a1 1 0 0 0 0 2h12v1H7a2.5 2.5 0 0 1-3-2.5V4a2 2 0 0 1 2-2Zm7 3.5-1 2.8-2.8 1.2 2.8 1.2 1 2.8 1-2.8 2.8-1.2-2.8-1.2-1-2.8Z"
      />
    </svg>
  );
}

export function CloseIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="m6.4 5 5.6 5.6L17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4 6.4 5Z"
      />
    </svg>
  );
}

export function BackIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20v-2Z" />
    </svg>
  );
}

/** A cloud with a slash: offline, but nothing is wrong with the session. */
export function OfflineIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M3.3 2 2 3.3l3 3A6 6 0 0 0 6 18h11.7l3 3 1.3-1.3L3.3 2ZM6 16a4 4 0 0 1-.6-8l8 8H6Zm13.4-5.9A7 7 0 0 0 9.2 4.8l1.5 1.5A5 5 0 0 1 17.5 11l.1 1H19a2.5 2.5 0 0 1 1.4 4.6l1.4 1.4A4.5 4.5 0 0 0 19.4 10.1Z"
      />
    </svg>
  );
}
