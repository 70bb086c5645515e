/**
 * The offline basemap the user opened from a local .pmtiles file (pmtiles-basemap.ts), for this session only: the
 * file is kept in memory (a File cannot be saved in the browser's storage), opened again when the language changes
 * (vector labels follow it), and put on the map in place of the online basemap. pmtiles and protomaps-leaflet
 * (a tenth of the app's code) are loaded when a file is first opened, not at start.
 */
import { useEffect, useState } from 'react';
import type { Language } from '../i18n.ts';
import type { MapController } from './map-controller.ts';
import type { LocalBasemap } from './pmtiles-basemap.ts';
import { errorMessage } from '../../core/error-message.ts';

export type LocalBasemapState =
  | { status: 'none' }
  | { status: 'opening'; fileName: string }
  | { status: 'open'; basemap: LocalBasemap }
  | { status: 'failed'; fileName: string; reason: string };

export function useLocalBasemap(controller: MapController | null, language: Language) {
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<LocalBasemapState>({ status: 'none' });

  useEffect(() => {
    if (file === null) {
      setState({ status: 'none' });
      return;
    }
    let current = true;
    setState({ status: 'opening', fileName: file.name });
    import('./pmtiles-basemap.ts')
      .then(({ openPmtilesBasemap }) => openPmtilesBasemap(file, language))
      .then(
        (basemap) => current && setState({ status: 'open', basemap }),
        (error: unknown) => current && setState({ status: 'failed', fileName: file.name, reason: errorMessage(error) }),
      );
    return () => {
      current = false;
    };
  }, [file, language]);

  const layer = state.status === 'open' ? state.basemap.layer : null;
  useEffect(() => {
    controller?.setLocalBasemap(layer);
    return () => controller?.setLocalBasemap(null);
  }, [controller, layer]);

  return { state, open: setFile, close: () => setFile(null) };
}
