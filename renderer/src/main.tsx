import './zodSetup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('No #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The browser version keeps its shell for offline use; the desktop app loads from disk and needs none.
if (
  'serviceWorker' in navigator &&
  (location.protocol === 'http:' || location.protocol === 'https:') &&
  !import.meta.env.DEV
) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch(() => undefined);
  });
}
