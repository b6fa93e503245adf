import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/phone-lists.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { applyStoredColorScheme } from './app/theme.ts';

applyStoredColorScheme();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
