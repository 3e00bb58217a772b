// Right-click in a text field shows Cut, Copy, Paste and Select All
// (main/menus/text-field-menu.ts); Electron shows no context menu of its own.
// Rule: Electron types only; the Menu object is passed in.
import type { ContextMenuParams, Event, Menu, MenuItemConstructorOptions, PopupOptions, WebContents } from 'electron';
import { textFieldMenuTemplate, type TextFieldMenuParams } from '../menus/text-field-menu';
import type { Expect } from './type-checks';

export interface ContextMenuContents {
  on(event: 'context-menu', listener: (event: Event, params: TextFieldMenuParams) => void): unknown;
}
export type _WebContentsFitsContextMenu = Expect<WebContents extends ContextMenuContents ? true : false>;
export type _ParamsFit = Expect<ContextMenuParams extends TextFieldMenuParams ? true : false>;

export interface PopupMenuClass {
  buildFromTemplate(template: MenuItemConstructorOptions[]): { popup(options?: PopupOptions): void };
}
export type _MenuFitsPopup = Expect<typeof Menu extends PopupMenuClass ? true : false>;

export function installTextFieldContextMenu(contents: ContextMenuContents, menu: PopupMenuClass): void {
  contents.on('context-menu', (_event, params) => {
    const template = textFieldMenuTemplate(params);
    if (template !== null) menu.buildFromTemplate(template).popup();
  });
}
