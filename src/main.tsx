/** Entry point of the browser app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'leaflet/dist/leaflet.css';
import './ui/styles.css';
import { App } from './ui/App.tsx';
import { startEmbeddedLoad } from './ui/use-dataset.ts';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
// the worker and the dataset's downloads start now, while React renders the first frame
startEmbeddedLoad();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
