/**
 * Escapes text for the few places Leaflet takes HTML strings (the attribution control). Everywhere else text is
 * set with `textContent` or rendered by React, which escape by construction. The one implementation lives in
 * io/export-kml.ts, where KML descriptions (HTML in Google Earth) need it too.
 */
export { escapeHtml } from '../io/export-kml.ts';
