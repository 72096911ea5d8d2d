/** Boots a page that needs no token and no live connection (the `/` index). */
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { applyTheme, type Theme } from '../lib/theme.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';

export function mountStaticPage(options: { theme: Theme; view: ReactNode }): void {
  applyTheme(options.theme);
  createRoot(document.getElementById('root') ?? document.body.appendChild(document.createElement('div'))).render(
    <StrictMode>
      <ErrorBoundary>{options.view}</ErrorBoundary>
    </StrictMode>,
  );
}
