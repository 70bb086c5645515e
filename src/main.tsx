/**
 * Entry point of the browser app. It starts the engine worker and the embedded dataset's downloads and loads first, then
 * loads the app's code (React, Leaflet, the panels: a chunk of its own) and renders it, so that the worker's
 * start and the downloads overlap the app's download and compilation instead of following them.
 */
import 'leaflet/dist/leaflet.css';
import './ui/styles.css';
import { startEmbeddedLoad } from './ui/embedded-load.ts';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
const wardsLoad = startEmbeddedLoad();
// the wards drawn on the map as soon as the worker has them, before the app's code is run (first-paint.ts)
if (wardsLoad !== null) void import('./ui/map/first-paint.ts').then(({ startFirstPaint }) => startFirstPaint(wardsLoad));
void import('./ui/render-app.tsx').then(({ renderApp }) => renderApp(root));
