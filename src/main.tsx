/**
 * Entry point of the browser app. It starts the engine worker and the embedded dataset's downloads and loads first,
 * then the first paint (the map and the wards, drawn from the worker's reply: ui/map/first-paint.ts), and loads the
 * app's code (React, the panels: a chunk of its own) once the wards are on screen, so that the worker's start and the
 * downloads overlap the code's download, and its compilation does not hold up the wards.
 */
import 'leaflet/dist/leaflet.css';
import './ui/styles.css';
import { startEmbeddedLoad } from './ui/embedded-load.ts';

/** The longest the app's code waits for the wards' reply before it runs, ms. */
const APP_AT_LATEST_MS = 3000;

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
const embeddedLoads = startEmbeddedLoad();
const loadApp = (): void => void import('./ui/render-app.tsx').then(({ renderApp }) => renderApp(root));
if (embeddedLoads === null) loadApp();
else {
  // the wards drawn on the map as soon as the worker has them, before the app's code is run (first-paint.ts)
  const wardsShown = import('./ui/map/first-paint.ts').then(({ startFirstPaint }) => startFirstPaint(embeddedLoads));
  // the app's code (React and the panels: ~400 kB to compile and run, then a first render) once the wards are on
  // screen, or after APP_AT_LATEST_MS if they are slow: run before, it held the page's main thread while the
  // worker's first messages and the wards waited for it (bench/HISTORY.md step 46), then the frame that shows them
  // (step 95)
  void Promise.race([wardsShown.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, APP_AT_LATEST_MS))]).then(loadApp);
}
