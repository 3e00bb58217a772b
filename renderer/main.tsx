// Renderer entry. Stylesheets are imported here so Vite emits them as one file, which the
// CSP ('style-src self') allows; no inline styles are shipped.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './styles/theme.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/screens.css';
import './styles/account.css';
import './styles/diagnostics.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing #root');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
