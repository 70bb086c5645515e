/**
 * Keeps the analysis layers (`AnalysisMap`) and the analysis popups in step with the app state: which layers
 * are on, the latest result (after each cell edit too), the language.
 */
import { useEffect, useState } from 'react';
import type { MapController } from '../map/map-controller.ts';
import { useI18n } from '../i18n-context.ts';
import type { AppData } from '../use-dataset.ts';
import { AnalysisMap } from './analysis-map.ts';
import type { AnalysisMapState } from './analysis-map-state.ts';
import { buildEditCellButton, buildPointPopup } from './analysis-popup.ts';
import type { Analysis } from './use-analysis.ts';
import type { BestServerResponse } from '../../worker/protocol.ts';

interface UseAnalysisMapOptions {
  controller: MapController | null;
  data: AppData;
  analysis: Analysis | null;
  state: AnalysisMapState;
  bestServerAt: (lon: number, lat: number) => Promise<BestServerResponse>;
  onEditCell: (cellIndex: number) => void;
}

export function useAnalysisMap({ controller, data, analysis, state, bestServerAt, onEditCell }: UseAnalysisMapOptions): void {
  const { language, t } = useI18n();
  const [layers, setLayers] = useState<AnalysisMap | null>(null);

  useEffect(() => {
    if (controller === null) return;
    const created = new AnalysisMap(controller.map);
    setLayers(created);
    return () => {
      created.dispose();
      setLayers(null);
    };
  }, [controller]);

  useEffect(() => layers?.setWards(data.wards), [layers, data.wards]);
  useEffect(() => layers?.setHouseholds(data.households), [layers, data.households]);
  // a result computed on other households would colour the wrong points
  const current = analysis !== null && analysis.inputs.households === data.households ? analysis : null;
  useEffect(
    () => layers?.setChoropleth(state.choropleth, current?.statistics.wards ?? null, state.targets),
    [layers, state.choropleth, state.targets, current?.statistics, data.wards],
  );
  useEffect(
    () => layers?.setPoints(state.points, current?.coverage.signalClass ?? null, current?.fibrePassed ?? null),
    [layers, state.points, current?.coverage, current?.fibrePassed],
  );
  useEffect(() => layers?.setZones(current?.zones ?? null, state.zones), [layers, current?.zones, state.zones]);

  useEffect(() => {
    if (controller === null || layers === null) return;
    if (analysis === null) {
      controller.setPopupExtension(null);
      return;
    }
    const { technology, thresholdsDbm } = analysis.settings;
    controller.setPopupExtension((latLng, cellIndex) => {
      if (cellIndex >= 0) return buildEditCellButton(t, () => onEditCell(cellIndex));
      return buildPointPopup({
        t,
        language,
        technology,
        thresholds: thresholdsDbm,
        bestServer: bestServerAt(latLng.lng, latLng.lat),
        zone: layers.zoneAt(latLng.lng, latLng.lat),
      });
    });
    return () => controller.setPopupExtension(null);
  }, [controller, layers, analysis, t, language, bestServerAt, onEditCell]);
}
