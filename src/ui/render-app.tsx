/** Renders the app into the page's root element (main.tsx loads this chunk once the dataset's downloads started). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
// the panels' style sheets, though their code loads on demand (lazy-components.tsx): the map's legend and layout use
// some of their rules, and a sheet arriving after the wards would move what the wards' first fit measured
import './analysis/analysis.css';
import './report/report.css';
import './targets/targets.css';

export function renderApp(root: HTMLElement): void {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
