// Applies the application menu built by main/menus/application-menu.ts. Applied twice: before
// the window, without "Check for Updates…" (the update mode is known once the settings are
// validated), and again once it is.
// Rule: Electron types only; the Menu object is passed in.
import type { Menu, MenuItemConstructorOptions } from 'electron';
import { applicationMenuTemplate, type ApplicationMenuOptions, type MenuActions } from '../menus/application-menu';
import type { MenuTemplateItem } from '../menus/menu-item';
import type { Expect } from './type-checks';

export type _MenuItemFits = Expect<MenuTemplateItem extends MenuItemConstructorOptions ? true : false>;

/** Electron's Menu class, narrowed to what applying a template needs. */
export interface MenuClassLike<M> {
  buildFromTemplate(template: MenuItemConstructorOptions[]): M;
  setApplicationMenu(menu: M | null): void;
}
export type _MenuClassFits = Expect<typeof Menu extends MenuClassLike<Menu> ? true : false>;

export function applyApplicationMenu<M>(menu: MenuClassLike<M>, options: ApplicationMenuOptions, actions: MenuActions): void {
  menu.setApplicationMenu(menu.buildFromTemplate(applicationMenuTemplate(options, actions)));
}
