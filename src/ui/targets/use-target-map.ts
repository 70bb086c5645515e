/**
 * The selected target unit by unit on the map (`targetFills`), in a pane above the analysis choropleth, while the
 * targets tab is open.
 */
import { useEffect, useState } from 'react';
import type { Ward } from '../../core/model.ts';
import type { MapController } from '../map/map-controller.ts';
import { UnitFillLayer } from '../map/unit-fill-layer.ts';

export function useTargetMap(controller: MapController | null, wards: readonly Ward[], fills: readonly (string | null)[] | null): void {
  const [layer, setLayer] = useState<UnitFillLayer | null>(null);
  useEffect(() => {
    if (controller === null) return;
    const created = new UnitFillLayer(controller.map, 'targets-choropleth', 345);
    setLayer(created);
    return () => {
      created.dispose();
      setLayer(null);
    };
  }, [controller]);
  useEffect(() => layer?.setUnits(wards), [layer, wards]);
  useEffect(() => layer?.setFills(fills !== null && fills.length === wards.length ? fills : null), [layer, fills, wards]);
}
