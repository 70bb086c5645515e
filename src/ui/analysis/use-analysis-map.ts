/**
 * Keeps the analysis layers (`AnalysisMap`) and the analysis popups in step with what `useAnalysisWorkspace`
 * derived from the app state (after each cell edit too), and the language.
 */
import type L from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import type { MapController } from '../map/map-controller.ts';
import { useI18n } from '../i18n-context.ts';
import type { AppData } from '../use-dataset.ts';
import { AnalysisMap } from './analysis-map.ts';
import { heatmapStops as heatmapStopsOf } from './heatmap-colours.ts';
import type { AnalysisMapState } from './analysis-map-state.ts';
import { buildCellFootprint, buildEditCellButton, buildPointPopup, extensionCard } from './analysis-popup.ts';
import type { Analysis } from './use-analysis.ts';
import type { BestServerResponse, CellFootprintResponse } from '../../worker/protocol.ts';
import { analysisFloorDbm } from '../../core/coverage/cell-links.ts';

interface UseAnalysisMapOptions {
  controller: MapController | null;
  data: AppData;
  analysis: Analysis | null;
  state: AnalysisMapState;
  bestServerAt: (lon: number, lat: number) => Promise<BestServerResponse>;
  cellFootprint: (cellIndex: number) => Promise<CellFootprintResponse>;
  onEditCell: (cellIndex: number) => void;
}

/** Returns the analysis layers (null until the map exists), for what the panels ask of them (zoom to a cable). */
export function useAnalysisMap({ controller, data, analysis, state, bestServerAt, cellFootprint, onEditCell }: UseAnalysisMapOptions): AnalysisMap | null {
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
    const households = analysis.inputs.households;
    // the footprint shown belongs to the popup that asked for it: closing that popup (not another) clears it
    let shownFor: HTMLElement | null = null;
    const onPopupClose = (event: L.PopupEvent) => {
      const content = event.popup.getContent();
      if (shownFor !== null && content instanceof HTMLElement && content.contains(shownFor)) {
        shownFor = null;
        layers.setFootprint(null);
      }
    };
    controller.map.on('popupclose', onPopupClose);
    controller.setPopupExtension((latLng, cellIndex) => {
      if (cellIndex >= 0) {
        const footprint = cellFootprint(cellIndex);
        const section = buildCellFootprint({ t, language, technology, footprint });
        shownFor = section;
        layers.setFootprint(null);
        footprint.then(
          (answer) => {
            if (shownFor === section && households !== null) layers.setFootprint({ households, members: answer.households });
          },
          () => undefined,
        );
        const container = document.createElement('div');
        container.append(section, buildEditCellButton(t, () => onEditCell(cellIndex)));
        return container;
      }
      return buildPointPopup({
        t,
        language,
        technology,
        thresholds: thresholdsDbm,
        model: { loadFactor, interferenceCutoffDb, searchFloorDbm: analysisFloorDbm(analysis.settings, false) },
        bestServer: bestServerAt(latLng.lng, latLng.lat),
        zone: layers.zoneAt(latLng.lng, latLng.lat),
      });
    });
    return () => {
      controller.setPopupExtension(null);
      controller.map.off('popupclose', onPopupClose);
      layers.setFootprint(null);
    };
  }, [controller, layers, analysis, t, language, bestServerAt, cellFootprint, onEditCell]);

  return layers;
}
