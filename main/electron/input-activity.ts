// Tells the core when the person types or uses the pointer in the window, so the idle
// timeout (off unless configured) counts from their last input. Read in main, before the
// page sees the event: the page cannot fake activity, and no IPC channel is needed for it.
// Rule: Electron types only; the events pass through untouched (never preventDefault).
import type { Event as ElectronEvent, Input, MouseInputEvent, WebContents } from 'electron';
import type { Expect } from './type-checks';

/** The two input events of the page's WebContents this module listens to. */
export interface InputContents {
  on(event: 'before-input-event', listener: (event: ElectronEvent, input: Input) => void): unknown;
  on(event: 'before-mouse-event', listener: (event: ElectronEvent, mouse: MouseInputEvent) => void): unknown;
}
export type _WebContentsFitsInputContents = Expect<WebContents extends InputContents ? true : false>;

export function reportInputActivity(contents: InputContents, noteActivity: () => void): void {
  // Keyboard (before-input-event carries only key events) and every mouse event, moves included.
  contents.on('before-input-event', () => noteActivity());
  contents.on('before-mouse-event', () => noteActivity());
}
