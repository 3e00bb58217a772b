// The application menu per platform: an installed app has no way to reload the page or open
// the developer tools; the Edit roles a person needs are there everywhere (copy and paste in
// fields keep working on macOS); Help reaches Diagnostics and the documentation; "Check for
// Updates…" appears only where updates are on.
import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate, DEVELOPER_ROLES, type ApplicationMenuOptions, type MenuActions } from '../../../main/menus/application-menu';
import type { MenuTemplateItem } from '../../../main/menus/menu-item';
import type { UpdateMode } from '../../../main/updates/update-mode';

const PLATFORMS = ['darwin', 'win32', 'linux'] as const;
const everyItem = (items: readonly MenuTemplateItem[]): MenuTemplateItem[] =>
  items.flatMap((item) => [item, ...(item.submenu ? everyItem(item.submenu) : [])]);

function menu(platform: NodeJS.Platform, overrides: Partial<ApplicationMenuOptions> = {}) {
  const calls: string[] = [];
  const actions: MenuActions = {
    showDiagnostics: () => calls.push('diagnostics'),
    openDocumentation: () => calls.push('documentation'),
    checkForUpdates: () => calls.push('check'),
  };
  const template = applicationMenuTemplate({ platform, packaged: true, updateMode: 'automatic', appName: 'PromptGrimoire', ...overrides }, actions);
  const byLabel = (label: string) => everyItem(template).find((item) => item.label === label);
  return { template, calls, byLabel, outline: template.map((item) => item.label ?? item.role) };
}

describe('applicationMenuTemplate', () => {
  it.each(PLATFORMS)('%s, installed: no reload and no developer tools, anywhere', (platform) => {
    const roles = everyItem(menu(platform).template).map((item) => item.role);
    for (const role of DEVELOPER_ROLES) expect(roles).not.toContain(role);
    expect(menu(platform).outline).not.toContain('View');
  });

  it.each(PLATFORMS)('%s, development run: a View menu with reload and the developer tools', (platform) => {
    const roles = everyItem(menu(platform, { packaged: false }).template).map((item) => item.role);
    for (const role of DEVELOPER_ROLES) expect(roles).toContain(role);
  });

  it('macOS: the app menu (About, Hide, Quit), Edit, Window and Help', () => {
    const { template, outline } = menu('darwin');
    expect(outline).toEqual(['PromptGrimoire', 'Edit', 'windowMenu', 'Help']);
    const appRoles = (template[0]?.submenu ?? []).map((item) => item.role ?? item.label ?? item.type);
    expect(appRoles).toEqual(['about', 'separator', 'Check for Updates…', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'quit']);
  });

  it.each(['win32', 'linux'] as const)('%s: File (Quit), Edit and Help', (platform) => {
    const { template, outline } = menu(platform);
    expect(outline).toEqual(['File', 'Edit', 'Help']);
    expect(template[0]?.submenu?.map((item) => item.role)).toEqual(['quit']);
  });

  it.each(PLATFORMS)('%s: Edit holds the standard roles', (platform) => {
    const edit = menu(platform).byLabel('Edit')?.submenu?.map((item) => item.role).filter(Boolean);
    expect(edit).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']));
  });

  it.each(PLATFORMS)('%s: Help opens Diagnostics and the documentation', (platform) => {
    const { byLabel, calls } = menu(platform);
    byLabel('Diagnostics')?.click?.();
    byLabel('PromptGrimoire Documentation')?.click?.();
    expect(calls).toEqual(['diagnostics', 'documentation']);
  });

  it.each(PLATFORMS.flatMap((platform) => (['automatic', 'notify', 'off'] as UpdateMode[]).map((mode) => [platform, mode] as const)))(
    '%s, updates %s: "Check for Updates…" only where updates are on',
    (platform, updateMode) => {
      const { byLabel, calls } = menu(platform, { updateMode });
      const item = byLabel('Check for Updates…');
      if (updateMode === 'off') {
        expect(item).toBeUndefined();
      } else {
        item?.click?.();
        expect(calls).toEqual(['check']);
      }
    },
  );

  it('Windows and Linux keep "Check for Updates…" in Help', () => {
    expect(menu('linux').byLabel('Help')?.submenu?.map((item) => item.label ?? item.type)).toEqual([
      'Diagnostics',
      'PromptGrimoire Documentation',
      'separator',
      'Check for Updates…',
    ]);
  });

  it.each(PLATFORMS)('%s: no item sets its own shortcut (the roles bring the platform ones)', (platform) => {
    expect(everyItem(menu(platform).template).some((item) => 'accelerator' in item)).toBe(false);
  });
});
