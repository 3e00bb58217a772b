// The text-field context menu: Cut, Copy, Paste, Select All as Chromium allows them, and
// nothing outside a field.
import { describe, expect, it } from 'vitest';
import { textFieldMenuTemplate } from '../../../main/menus/text-field-menu';

const ALL = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };

describe('textFieldMenuTemplate', () => {
  it('offers the four edit roles in a field', () => {
    expect(textFieldMenuTemplate({ isEditable: true, editFlags: ALL })?.map((item) => item.role ?? item.type)).toEqual([
      'cut',
      'copy',
      'paste',
      'separator',
      'selectAll',
    ]);
  });

  it('greys out what Chromium says cannot be done (an empty field: nothing to cut or copy)', () => {
    const template = textFieldMenuTemplate({ isEditable: true, editFlags: { canCut: false, canCopy: false, canPaste: true, canSelectAll: false } });
    expect(template?.filter((item) => item.role).map((item) => [item.role, item.enabled])).toEqual([
      ['cut', false],
      ['copy', false],
      ['paste', true],
      ['selectAll', false],
    ]);
  });

  it('shows nothing outside a field', () => {
    expect(textFieldMenuTemplate({ isEditable: false, editFlags: ALL })).toBeNull();
  });
});
