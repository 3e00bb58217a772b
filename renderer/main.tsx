// Renderer entry. Stylesheets are imported here so Vite emits them as one file, which the
// CSP ('style-src self') allows; no inline styles are shipped.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { BridgeContext } from './bridge-context';
import { withDeadlines } from './deadlines';
import { RecoveryBoundary } from './recovery-boundary';
import { openViewFeed, renderWhenAnswered } from './view-feed';
import type { AuthView } from '../preload/api';
import './styles/theme.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/screens.css';
import './styles/account.css';
import './styles/diagnostics.css';
import './styles/updates.css';

// Headings take the focus on every new screen; their ring is for people moving by keyboard,
// so the page notes which was used last (styles/layout.css reads it).
const html = document.documentElement;
addEventListener('keydown', () => html.setAttribute('data-keyboard', ''), { capture: true });
addEventListener('pointerdown', () => html.removeAttribute('data-keyboard'), { capture: true });

const container = document.getElementById('root');
if (!container) throw new Error('index.html is missing #root');

// Ask main for the view first and render once it has answered: the first render is then
// already the right screen (the sign-in form, or a restored session), never a placeholder
// that React renders, lays out and throws away a moment later. Main answers from memory,
// so the wait is one IPC round trip; should it be slow, the quiet restoring screen is
// rendered after SLOW_ANSWER_MS and the answer replaces it when it comes.
const SLOW_ANSWER_MS = 400;
// Every call gets a deadline; calls that may reach Stytch wait for the timeout the newest
// view reports, read from the feed once it is open.
let latestView: () => AuthView | null = () => null;
const api = window.grimoire && withDeadlines(window.grimoire, () => latestView());
const feed = openViewFeed(api);
latestView = () => feed.current().view;
const root = createRoot(container);
renderWhenAnswered(
  feed,
  () =>
    root.render(
      <StrictMode>
        <BridgeContext value={api}>
          <RecoveryBoundary api={api}>
            <App feed={feed} />
          </RecoveryBoundary>
        </BridgeContext>
      </StrictMode>,
    ),
  SLOW_ANSWER_MS,
);
