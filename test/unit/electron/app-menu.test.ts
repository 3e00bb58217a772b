// An installed app's menu: no way to reload the page or open the developer tools, and the
// Edit and Window roles a person needs (copy and paste in fields keep working on macOS).
import { describe, expect, it } from 'vitest';
import { DEVELOPER_ROLES, installedAppMenu } from '../../../main/electron/app-menu';

type Item = ReturnType<typeof installedAppMenu>[number];
const everyItem = (items: readonly Item[]): Item[] =>
  items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? everyItem(item.submenu) : [])]);

describe('installedAppMenu', () => {
  it.each(['darwin', 'win32', 'linux'] as const)('%s: no reload and no developer tools, anywhere', (platform) => {
    const roles = everyItem(installedAppMenu(platform)).map((item) => item.role);
    for (const role of DEVELOPER_ROLES) expect(roles).not.toContain(role);
    expect(everyItem(installedAppMenu(platform)).some((item) => item.accelerator !== undefined)).toBe(false);
  });

  it('keeps the Edit and Window roles everywhere, with the app menu first on macOS', () => {
    expect(installedAppMenu('darwin').map((item) => item.role)).toEqual(['appMenu', 'editMenu', 'windowMenu']);
    expect(installedAppMenu('win32').map((item) => item.role)).toEqual(['editMenu', 'windowMenu']);
    expect(installedAppMenu('linux').map((item) => item.role)).toEqual(['editMenu', 'windowMenu']);
  });
});
