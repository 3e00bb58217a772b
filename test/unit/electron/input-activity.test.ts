// Keyboard and pointer input in the window reach the idle timeout; the page still gets them.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { reportInputActivity } from '../../../main/electron/input-activity';
import { fakeEvent } from './stand-ins';

describe('reportInputActivity', () => {
  it('notes every key and mouse event, and never stops one reaching the page', () => {
    const contents = new EventEmitter();
    let noted = 0;
    reportInputActivity(contents, () => (noted += 1));
    const key = fakeEvent();
    contents.emit('before-input-event', key, { type: 'keyDown', key: 'a' });
    const mouse = fakeEvent();
    contents.emit('before-mouse-event', mouse, { type: 'mouseMove', x: 1, y: 2 });
    contents.emit('did-finish-load', fakeEvent());
    expect(noted).toBe(2);
    expect([key.defaultPrevented, mouse.defaultPrevented]).toEqual([false, false]);
  });
});
