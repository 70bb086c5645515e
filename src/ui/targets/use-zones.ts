/**
 * The zones layer the zone-scoped targets read (industrial parks, ports, the central urban area): the embedded
 * approximate zones until the user imports the official boundaries (GeoJSON, KML/KMZ or a zipped Shapefile
 * of polygons with `name` and `kind`). The worker holds it; the app keeps the file's bytes to give a restarted
 * worker the same zones.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Zone } from '../../core/targets/zone-membership.ts';
import { CancelledError } from '../../worker/engine-client.ts';
import { TextTooLargeError } from '../../worker/decode-bytes.ts';
import type { ImportReport, ZonesRequest } from '../../worker/protocol.ts';
import type { EngineRequest } from '../analysis/use-analysis.ts';
import { checkImportSize } from '../import-limit.ts';
import { copyOf, fetchEmbeddedZones } from './reference-files.ts';

export interface ZonesLayer {
  file: string;
  /** The embedded approximate zones: say so wherever they are used. */
  approximate: boolean;
  zones: Zone[];
}

interface UseZonesOptions {
  request: EngineRequest;
  ready: boolean;
  workerRestarts: number;
  addReports: (reports: ImportReport[], embedded: boolean) => void;
}

export function useZones({ request, ready, workerRestarts, addReports }: UseZonesOptions) {
  const [layer, setLayer] = useState<ZonesLayer | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The last file of the user's that could not be read (its report says why). */
  const [failed, setFailed] = useState<ImportReport | null>(null);
  /** The zones the worker was last given (a restarted worker gets them again). */
  const sourceRef = useRef<ZonesRequest | null>(null);

  const send = useCallback(
    async (source: ZonesRequest): Promise<{ report: ImportReport; zones: Zone[] }> => {
      const copy = { ...copyOf(source), approximate: source.approximate };
      return request('loadZones', copy, { transfer: [copy.bytes] });
    },
    [request],
  );

  useEffect(() => {
    if (!ready) return;
    let stale = false;
    (async () => {
      const first = sourceRef.current === null;
      sourceRef.current ??= { ...(await fetchEmbeddedZones()), approximate: true };
      const source = sourceRef.current;
      const response = await send(source);
      if (stale) return;
      if (first) addReports([response.report], true);
      if (response.report.status !== 'failed') setLayer({ file: source.file, approximate: source.approximate, zones: response.zones });
    })().catch((caught: unknown) => {
      if (!stale && !(caught instanceof CancelledError)) setError(caught instanceof Error ? caught.message : String(caught));
    });
    return () => {
      stale = true;
    };
  }, [ready, workerRestarts, send, addReports]);

  /** Reads the user's zones file; a failed read keeps the zones in use and says why in the import report. */
  const importFile = useCallback(
    async (file: File) => {
      setBusy(true);
      setError(null);
      setFailed(null);
      try {
        const oversize = await checkImportSize(file);
        if (oversize !== null) throw new TextTooLargeError(oversize.limitBytes);
        const source: ZonesRequest = { file: file.name, bytes: await file.arrayBuffer(), approximate: false };
        const response = await send(source);
        addReports([response.report], false);
        if (response.report.status === 'failed') {
          setFailed(response.report);
          return;
        }
        sourceRef.current = source;
        setLayer({ file: source.file, approximate: false, zones: response.zones });
      } catch (caught) {
        if (!(caught instanceof CancelledError)) setError(caught instanceof Error ? caught.message : String(caught));
      } finally {
        setBusy(false);
      }
    },
    [send, addReports],
  );

  return { layer, busy, error, failed, importFile };
}
