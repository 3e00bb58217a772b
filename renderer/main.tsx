// Renderer entry. The stylesheet is imported here so Vite emits it as a file, which the
// CSP ('style-src self') allows; no inline styles are shipped.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing #root');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
