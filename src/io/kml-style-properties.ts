/**
 * Properties togeojson derives from styles and display settings, and a Placemark's name and description (its
 * label and balloon): left out of the unused-column notes. They stay in the properties. A module apart from
 * read-kml.ts, which read-layer-file.ts loads only for a KML file (its XML packages and the Shapefile reader's
 * were ~25 ms of every CLI start).
 */
export const KML_STYLE_PROPERTIES = new Set([
  'styleurl', 'stylehash', 'stylemaphash', 'stroke', 'stroke-opacity', 'stroke-width', 'fill', 'fill-opacity',
  'icon', 'icon-scale', 'icon-color', 'icon-opacity', 'icon-heading', 'icon-offset', 'icon-offset-units',
  'label-scale', 'label-color', 'label-opacity', 'visibility', 'folder', 'description', 'timestamp', 'timespan',
  'coordtimes', '@geometry-type', 'href', 'open', 'snippet', 'address', 'phonenumber', 'name',
]);
