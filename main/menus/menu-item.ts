// The shape of a menu template item, in plain Node: the subset of Electron's
// MenuItemConstructorOptions the menus use (main/electron/app-menu.ts checks that it fits).
// Rule: nothing here may import electron.

/** Electron roles the menus use; Electron supplies their labels, shortcuts and behaviour. */
export type MenuRole =
  | 'about'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'windowMenu'
  | 'help';

export interface MenuTemplateItem {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  enabled?: boolean;
  submenu?: MenuTemplateItem[];
  click?: () => void;
}

export const SEPARATOR: MenuTemplateItem = { type: 'separator' };
