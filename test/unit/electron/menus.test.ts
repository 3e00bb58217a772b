// The menu adapters with stand-ins for Electron's Menu and WebContents: the application menu
// is built from the template and applied; a right-click in a field pops the edit menu up,
// and one elsewhere shows none.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { applyApplicationMenu } from '../../../main/electron/app-menu';
import { installTextFieldContextMenu, type ContextMenuContents } from '../../../main/electron/context-menu';
import type { MenuTemplateItem } from '../../../main/menus/menu-item';
import type { TextFieldMenuParams } from '../../../main/menus/text-field-menu';
import { fakeEvent } from './stand-ins';

class StandInMenu {
  built: MenuTemplateItem[][] = [];
  applied: unknown[] = [];
  popups = 0;
  buildFromTemplate(template: MenuTemplateItem[]) {
    this.built.push(template);
    return { template, popup: () => void (this.popups += 1) };
  }
  setApplicationMenu(menu: unknown) {
    this.applied.push(menu);
  }
}

class StandInContents extends EventEmitter implements ContextMenuContents {
  rightClick(params: TextFieldMenuParams) {
    this.emit('context-menu', fakeEvent(), params);
  }
}

const FLAGS = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };

describe('applyApplicationMenu', () => {
  it('builds the template and makes it the application menu', () => {
    const menu = new StandInMenu();
    const actions = { showDiagnostics: () => undefined, openDocumentation: () => undefined, checkForUpdates: () => undefined };
    applyApplicationMenu(menu, { platform: 'linux', packaged: true, updateMode: 'off', appName: 'PromptGrimoire' }, actions);
    expect(menu.built).toHaveLength(1);
    expect(menu.applied).toHaveLength(1);
    expect((menu.applied[0] as { template: unknown }).template).toBe(menu.built[0]);
    expect(menu.built[0]?.map((item) => item.label)).toEqual(['File', 'Edit', 'Help']);
  });
});

describe('installTextFieldContextMenu', () => {
  it('pops the edit menu up in a field and shows nothing elsewhere', () => {
    const menu = new StandInMenu();
    const contents = new StandInContents();
    installTextFieldContextMenu(contents, menu);
    contents.rightClick({ isEditable: false, editFlags: FLAGS });
    expect(menu.popups).toBe(0);
    contents.rightClick({ isEditable: true, editFlags: FLAGS });
    expect(menu.popups).toBe(1);
    expect(menu.built[0]?.map((item) => item.role ?? item.type)).toEqual(['cut', 'copy', 'paste', 'separator', 'selectAll']);
  });
});
