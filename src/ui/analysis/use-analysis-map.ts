/**
 * Keeps the analysis layers (`AnalysisMap`) and the analysis popups in step with what `useAnalysisWorkspace`
 * derived from the app state (after each cell edit too), and the language.
 */
import { useEffect, useMemo, useState } from 'react';
import type { MapController } from '../map/map-controller.ts';
import { useI18n } from '../i18n-context.ts';
import type { AppData } from '../use-dataset.ts';
import { AnalysisMap } from './analysis-map.ts';
import { heatmapStops as heatmapStopsOf } from './heatmap-colours.ts';
import type { AnalysisMapState } from './analysis-map-state.ts';
import { buildEditCellButton, buildPointPopup, extensionCard } from './analysis-popup.ts';
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

/** Returns the analysis layers (null until the map exists), for what the panels ask of them (zoom to a cable). */
export function useAnalysisMap({ controller, data, analysis, state, bestServerAt, onEditCell }: UseAnalysisMapOptions): AnalysisMap | null {
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
  useEffect(() => layers?.setChoropleth(state.choropleth), [layers, state.choropleth]);
  useEffect(() => layers?.setPoints(state.points?.classes ?? null, state.points?.palette ?? 'signal'), [layers, state.points]);
  useEffect(() => layers?.setZones(state.zones, state.zones !== null), [layers, state.zones]);
  const heatmapStops = useMemo(() => (state.heatmap === null ? null : heatmapStopsOf(state.heatmap.thresholds)), [state.heatmap]);
  useEffect(
    () => layers?.setHeatmap(state.heatmap?.map ?? null, heatmapStops ?? [], t('heatmapAttribution')),
    [layers, state.heatmap, heatmapStops, t],
  );
  useEffect(() => layers?.setHeatmapOpacity(state.heatmapOpacity), [layers, state.heatmapOpacity]);
  useEffect(() => controller?.setResultShown(state.resultOverWards), [controller, state.resultOverWards]);
  useEffect(() => layers?.setExtensions(state.extensions, state.selectedExtension), [layers, state.extensions, state.selectedExtension]);

  // a click on a proposed cable opens its card (the cable is thin: asked before the cells and wards under it)
  useEffect(() => {
    if (controller === null || layers === null) return;
    return controller.addFeaturePicker((latLng) => {
      const extension = layers.extensionAt(latLng);
      return extension === null ? null : () => extensionCard(extension, t, language);
    });
  }, [controller, layers, t, language]);

  useEffect(() => {
    if (controller === null || layers === null) return;
    if (analysis === null) {
      controller.setPopupExtension(null);
      return;
    }
    const { technology, thresholdsDbm, loadFactor, interferenceCutoffDb } = analysis.settings;
    controller.setPopupExtension((latLng, cellIndex) => {
      if (cellIndex >= 0) return buildEditCellButton(t, () => onEditCell(cellIndex));
      return buildPointPopup({
        t,
        language,
        technology,
        thresholds: thresholdsDbm,
        model: { loadFactor, interferenceCutoffDb },
        bestServer: bestServerAt(latLng.lng, latLng.lat),
        zone: layers.zoneAt(latLng.lng, latLng.lat),
      });
    });
    return () => controller.setPopupExtension(null);
  }, [controller, layers, analysis, t, language, bestServerAt, onEditCell]);

  return layers;
}
