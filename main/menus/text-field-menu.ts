// The context menu of a text field: Cut, Copy, Paste and Select All, each enabled as
// Chromium reports for the field under the pointer. Elsewhere on the page there is none.
// Rule: nothing here may import electron; main/electron/context-menu.ts shows it.
import { SEPARATOR, type MenuTemplateItem } from './menu-item';

/** What Chromium says about the place that was right-clicked (Electron's ContextMenuParams). */
export interface TextFieldMenuParams {
  isEditable: boolean;
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

/** The template for an editable field; null when the click was not on one. */
export function textFieldMenuTemplate(params: TextFieldMenuParams): MenuTemplateItem[] | null {
  if (!params.isEditable) return null;
  const flags = params.editFlags;
  return [
    { role: 'cut', enabled: flags.canCut },
    { role: 'copy', enabled: flags.canCopy },
    { role: 'paste', enabled: flags.canPaste },
    SEPARATOR,
    { role: 'selectAll', enabled: flags.canSelectAll },
  ];
}
