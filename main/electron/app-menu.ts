// The application menu of an installed app. Electron's default menu offers Reload, Force
// Reload and Toggle Developer Tools; an installed app gets only what a person needs: the
// standard Edit roles (so Cmd+C / Cmd+V keep working in fields on macOS, where shortcuts
// live in the menu) and the Window roles, plus the app menu on macOS. A fuller menu can be
// built on this one.
// Rule: Electron types only; main/index.ts builds and applies the menu.
import type { MenuItemConstructorOptions } from 'electron';

/** Roles that reload the page or open the developer tools: never in an installed app. */
export const DEVELOPER_ROLES = ['reload', 'forceReload', 'toggleDevTools', 'viewMenu'] as const;

export function installedAppMenu(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const standard: MenuItemConstructorOptions[] = [{ role: 'editMenu' }, { role: 'windowMenu' }];
  // macOS shows the app menu (About, Hide, Quit) first; elsewhere the window's menu bar has none.
  return platform === 'darwin' ? [{ role: 'appMenu' }, ...standard] : standard;
}
