// The application menu, per platform, as a template: macOS gets the app menu (About, Hide,
// Quit), Edit and Window; Windows and Linux get File (Quit) and Edit; all get Help with
// Diagnostics and the documentation. An installed app never offers Reload or the developer
// tools; "Check for Updates…" appears only where updates are on.
// Rule: nothing here may import electron; main/electron/app-menu.ts builds and applies it.
import type { UpdateMode } from '../updates/update-mode';
import { SEPARATOR, type MenuRole, type MenuTemplateItem } from './menu-item';

/** The documentation Help opens, through the window's external-link allowlist. */
export const DOCUMENTATION_URL = 'https://promptgrimoire.com/docs/desktop';

/** Roles that reload the page or open the developer tools: development runs only. */
export const DEVELOPER_ROLES: readonly MenuRole[] = ['reload', 'forceReload', 'toggleDevTools'];

export interface MenuActions {
  showDiagnostics(): void;
  openDocumentation(): void;
  checkForUpdates(): void;
}

export interface ApplicationMenuOptions {
  platform: NodeJS.Platform;
  packaged: boolean;
  updateMode: UpdateMode;
  appName: string;
}

export function applicationMenuTemplate(options: ApplicationMenuOptions, actions: MenuActions): MenuTemplateItem[] {
  const mac = options.platform === 'darwin';
  const checkForUpdates: MenuTemplateItem[] =
    options.updateMode === 'off' ? [] : [{ label: 'Check for Updates…', click: () => actions.checkForUpdates() }];
  const help: MenuTemplateItem = {
    role: 'help',
    label: 'Help',
    submenu: [
      { label: 'Diagnostics', click: () => actions.showDiagnostics() },
      { label: `${options.appName} Documentation`, click: () => actions.openDocumentation() },
      // macOS keeps it in the app menu, where Mac apps put it.
      ...(mac || checkForUpdates.length === 0 ? [] : [SEPARATOR, ...checkForUpdates]),
    ],
  };
  const view: MenuTemplateItem[] = options.packaged ? [] : [{ label: 'View', submenu: DEVELOPER_ROLES.map((role) => ({ role })) }];

  if (mac) {
    const appMenu: MenuTemplateItem = {
      label: options.appName,
      submenu: [
        { role: 'about' },
        ...(checkForUpdates.length === 0 ? [] : [SEPARATOR, ...checkForUpdates]),
        SEPARATOR,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        SEPARATOR,
        { role: 'quit' },
      ],
    };
    return [appMenu, editMenu(mac), ...view, { role: 'windowMenu' }, help];
  }
  return [{ label: 'File', submenu: [{ role: 'quit' }] }, editMenu(mac), ...view, help];
}

/** The standard Edit roles: on macOS the shortcuts in fields (Cmd+C, Cmd+V) live here. */
function editMenu(mac: boolean): MenuTemplateItem {
  return {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      SEPARATOR,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' as const }] : []),
      { role: 'delete' },
      SEPARATOR,
      { role: 'selectAll' },
    ],
  };
}
