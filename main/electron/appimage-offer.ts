// An AppImage registers no URL scheme by itself, so sign-in links would open nothing. On the
// first run where some other handler (or none) owns promptgrimoire://, offer once to add
// the AppImage's desktop entry and make it the handler. The answer, either one, is kept in
// the store so the question never comes back; the diagnostics screen can still fix it later.
// Rules: Electron types only (main/electron/app-startup.ts passes dialog.showMessageBox in); never throws:
// failing to integrate must not stop sign-in, whose paste-the-link fallback still works.
import type { MessageBoxOptions, MessageBoxReturnValue } from 'electron';
import {
  desktopEntryIsCurrent,
  installDesktopEntry,
  queryDefaultHandler,
  type CommandRunner,
  type HandlerQuery,
} from '../diagnostics/desktop-entry';
import type { Logger, Store } from '../../common/ports';
import { appImagePath } from './diagnostics-probes';

/** Not sensitive: only whether the question was asked, and the answer. */
export const APPIMAGE_OFFER_KEY = 'appimage-integration-offer';

export const OFFER_BUTTONS = ['Set up', 'Not now'] as const;

export type ShowMessageBox = (options: MessageBoxOptions) => Promise<Pick<MessageBoxReturnValue, 'response'>>;

export type OfferDecision = { offer: true; appImage: string } | { offer: false; why: string };

/**
 * Whether to ask: an AppImage run, not asked before, and either the OS names another
 * handler (or none) or our entry is missing or starts another copy of the AppImage.
 */
export function decideAppImageOffer(input: {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  alreadyAsked: unknown;
  handler: HandlerQuery;
  /** desktopEntryIsCurrent() for this AppImage. */
  entryCurrent: boolean;
}): OfferDecision {
  const appImage = input.platform === 'linux' ? appImagePath(input.env) : null;
  if (appImage === null) return { offer: false, why: 'not an AppImage' };
  if (input.alreadyAsked !== undefined) return { offer: false, why: 'already asked' };
  // Without xdg-mime the entry could be written but not made the default: nothing to offer.
  if (!input.handler.ok) return { offer: false, why: input.handler.reason };
  if (input.handler.isThisApp && input.entryCurrent) return { offer: false, why: 'already the handler' };
  return { offer: true, appImage };
}

export interface AppImageOfferDeps {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  homeDir: string;
  store: Store;
  runCommand: CommandRunner;
  showMessageBox: ShowMessageBox;
  logger: Logger;
}

export type OfferOutcome = 'not-offered' | 'declined' | 'installed' | 'failed';

export async function offerAppImageIntegration(deps: AppImageOfferDeps): Promise<OfferOutcome> {
  try {
    const appImage = deps.platform === 'linux' ? appImagePath(deps.env) : null;
    if (appImage === null) return 'not-offered';
    const location = { appImagePath: appImage, homeDir: deps.homeDir, dataHome: deps.env.XDG_DATA_HOME };
    const decision = decideAppImageOffer({
      env: deps.env,
      platform: deps.platform,
      alreadyAsked: deps.store.get(APPIMAGE_OFFER_KEY),
      handler: await queryDefaultHandler(deps.runCommand),
      entryCurrent: await desktopEntryIsCurrent(location),
    });
    if (!decision.offer) {
      deps.logger.debug('appimage: no desktop-integration offer', { why: decision.why });
      return 'not-offered';
    }
    const { response } = await deps.showMessageBox({
      type: 'question',
      buttons: [...OFFER_BUTTONS],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
      title: 'Open sign-in links with PromptGrimoire?',
      message: 'Let sign-in links open this app?',
      detail:
        'This AppImage is not yet set up to open the links PromptGrimoire emails you. "Set up" adds it to your ' +
        'applications menu and makes it open those links. Without it you can still paste the link into the app.',
    });
    const accepted = response === 0;
    deps.store.set(APPIMAGE_OFFER_KEY, { answer: accepted ? 'set-up' : 'not-now' });
    if (!accepted) {
      deps.logger.info('appimage: desktop integration declined');
      return 'declined';
    }
    const result = await installDesktopEntry({ ...location, runCommand: deps.runCommand });
    if (!result.ok) {
      deps.logger.warn('appimage: desktop integration failed', { reason: result.reason, steps: result.steps });
      await deps.showMessageBox({
        type: 'warning',
        buttons: ['OK'],
        message: 'PromptGrimoire could not set itself up to open sign-in links.',
        detail: `${result.reason}\n\nYou can retry from the Diagnostics screen, or paste each sign-in link into the app.`,
      });
      return 'failed';
    }
    deps.logger.info('appimage: desktop integration installed', { desktopFile: result.desktopFile });
    return 'installed';
  } catch (error) {
    deps.logger.error('appimage: desktop-integration offer failed', { error });
    return 'failed';
  }
}
