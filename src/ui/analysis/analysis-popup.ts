/**
 * Popup content added by the analysis under the map's own cards: at a clicked point, the best server (site,
 * operator, RSRP, class; for 4G/5G the SINR, modelled throughput and cells within 6 dB, all computed by the
 * worker) and the weak-signal zone there; under a cell's card, what it serves (its footprint) and a button that
 * opens the cell editor. Built with
 * `textContent` (through `buildCard`): imported names are never HTML.
 */
import { isOfdmTechnology, PILOT_POLLUTION_SERVERS } from '../../core/coverage/link-quality.ts';
import { classifyRsrp } from '../../core/coverage/signal-class.ts';
import type { WeakZoneProperties } from '../../core/coverage/weak-zones.ts';
import { SIGNAL_CLASSES, type AnalysisSettings, type SignalThresholdsDbm, type Technology } from '../../core/model.ts';
import type { FibreExtension } from '../../core/fibre/plan-fibre-extension.ts';
import type { BestServerResponse, CellFootprintResponse } from '../../worker/protocol.ts';
import { formatCount, formatDecimal } from '../format-number.ts';
import type { DictionaryKey, Language, Translate } from '../i18n.ts';
import { buildCard } from '../map/feature-cards.ts';
import { errorMessage } from '../../core/error-message.ts';

const CLASS_LABELS: readonly DictionaryKey[] = ['analysisGood', 'analysisFair', 'analysisWeak', 'analysisNoneClass'];

interface PointPopupOptions {
  t: Translate;
  language: Language;
  technology: Technology;
  thresholds: SignalThresholdsDbm;
  /**
   * The analysis' load and cut-off, stated with the throughput, and its search floor (dBm, `analysisFloorDbm`):
   * where no cell reaches it the point has no server.
   */
  model: Pick<AnalysisSettings, 'loadFactor' | 'interferenceCutoffDb'> & { searchFloorDbm: number };
  bestServer: Promise<BestServerResponse>;
  zone: WeakZoneProperties | null;
}

/** The best-server card (filled when the worker answers) and, inside a zone, the zone's card. */
export function buildPointPopup({ t, language, technology, thresholds, model, bestServer, zone }: PointPopupOptions): HTMLElement {
  const container = document.createElement('div');
  container.className = 'analysis-popup';
  const pending = document.createElement('p');
  pending.className = 'hint';
  pending.textContent = `${t('popupBestServer')}: ${t('popupLoading')}`;
  container.appendChild(pending);
  bestServer.then(
    (answer) => pending.replaceWith(bestServerCard(answer, { t, language, technology, thresholds, model })),
    (error: unknown) => (pending.textContent = t('analysisFailed', { reason: errorMessage(error) })),
  );
  if (zone !== null) {
    container.appendChild(
      buildCard(`${t('popupZone')} ${zone.zone_id}`, [
        { label: t('popupZoneHouseholds'), value: formatCount(zone.households, language) },
        { label: t('popupZoneArea'), value: formatDecimal(zone.area_km2, language, 2) },
        { label: t('popupRsrp'), value: formatDecimal(zone.best_rsrp_dbm, language, 1) },
      ]),
    );
  }
  return container;
}

function bestServerCard(
  answer: BestServerResponse,
  { t, language, technology, thresholds, model }: Omit<PointPopupOptions, 'bestServer' | 'zone'>,
): HTMLElement {
  const hasQuality = answer.sinrDb !== null;
  // a server below the no-signal floor gives a SINR but no service: no throughput
  const qualityRows = hasQuality
    ? [
        { label: t('popupSinr'), value: formatDecimal(answer.sinrDb, language, 1) },
        { label: t('popupThroughput'), value: answer.throughputMbps === null ? t('popupNoService') : formatDecimal(answer.throughputMbps, language, 1) },
        { label: t('popupOverlap'), value: formatCount(answer.serversWithin6Db, language) },
      ]
    : [];
  const card =
    answer.cell === null
      ? buildCard(t('popupBestServer'), [])
      : buildCard(t('popupBestServer'), [
          { label: t('fieldSite'), value: answer.cell.siteId },
          { label: t('fieldCell'), value: answer.cell.cellId },
          { label: t('fieldOperator'), value: answer.cell.operator },
          { label: t('popupRsrp'), value: formatDecimal(answer.rsrpDbm, language, 1) },
          { label: t('popupClass'), value: t(CLASS_LABELS[classifyRsrp(answer.rsrpDbm, thresholds)]) },
          ...qualityRows,
        ]);
  card.classList.add('best-server-card');
  card.dataset.signalClass = SIGNAL_CLASSES[classifyRsrp(answer.rsrpDbm, thresholds)];
  if (answer.cell === null) {
    card.appendChild(hint(noServerText(t, language, technology, model.searchFloorDbm)));
  } else if (hasQuality) {
    card.dataset.sinrDb = String(answer.sinrDb);
    if (answer.throughputMbps !== null) card.dataset.throughputMbps = String(answer.throughputMbps);
    if (answer.serversWithin6Db >= PILOT_POLLUTION_SERVERS) card.appendChild(hint(t('popupPilotPollution', { n: PILOT_POLLUTION_SERVERS })));
    card.appendChild(hint(t('throughputModelNote', { load: formatDecimal(model.loadFactor * 100, language, 0) })));
  } else if (isOfdmTechnology(technology)) {
    card.appendChild(hint(t('popupNoQuality', { cutoff: formatDecimal(model.interferenceCutoffDb, language, 0) })));
  }
  return card;
}

/**
 * Why a point has no server: no cell reaches the analysis' search floor there. For 2G/3G that is the weak
 * threshold; for 4G/5G the interference cut-off, lower (a server between the two is "no signal" with a SINR), so
 * "the weak threshold" would understate it.
 */
export function noServerText(t: Translate, language: Language, technology: Technology, searchFloorDbm: number): string {
  return t('popupBestServerNone', { technology, floor: formatDecimal(searchFloorDbm, language, Number.isInteger(searchFloorDbm) ? 0 : 1) });
}

function hint(text: string): HTMLElement {
  const paragraph = document.createElement('p');
  paragraph.className = 'hint';
  paragraph.textContent = text;
  return paragraph;
}

/** A button under a cell's card that opens the editor for it. */
export function buildEditCellButton(t: Translate, onEdit: () => void): HTMLElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button button-small edit-cell-button';
  button.textContent = t('popupEditCell');
  button.addEventListener('click', onEdit);
  return button;
}

/** The card of a proposed fibre cable: its length, the households it passes and its cost. */
export function extensionCard(extension: FibreExtension, t: Translate, language: Language): HTMLElement {
  const card = buildCard(t('fibreExtensionCard', { id: extension.id }), [
    { label: t('fibreExtensionLength'), value: formatCount(Math.round(extension.lengthM), language) },
    { label: t('fibreExtensionGained'), value: formatCount(extension.householdsGained, language) },
    { label: t('fibreCostVnd'), value: formatCount(Math.round(extension.costVnd), language) },
  ]);
  card.classList.add('extension-card');
  return card;
}

interface CellFootprintOptions {
  t: Translate;
  language: Language;
  technology: Technology;
  footprint: Promise<CellFootprintResponse>;
}

/**
 * Under a cell's card: what it serves in the analysis (the worker's answer), as the CLI's cells.csv row has it —
 * households served and their medians of RSRP, SINR and modelled throughput; its households are outlined on the map.
 * The card is drawn at once with its rows waiting for the values, so the popup does not grow when they arrive (a
 * popup grows upward, past where it was panned to on opening, under the page header).
 */
export function buildCellFootprint({ t, language, technology, footprint }: CellFootprintOptions): HTMLElement {
  const container = document.createElement('div');
  container.className = 'cell-footprint';
  const loading = t('popupLoading');
  const labels = [
    t('footprintHouseholds'),
    t('footprintMedianRsrp'),
    ...(isOfdmTechnology(technology) ? [t('footprintMedianSinr'), t('footprintMedianThroughput')] : []),
  ];
  const card = buildCard(t('footprintTitle'), labels.map((label) => ({ label, value: loading })));
  const note = hint(loading);
  card.appendChild(note);
  container.appendChild(card);
  footprint.then(
    ({ served }) => {
      const none = t('footprintNoValue');
      const value = (number: number | null) => (number === null ? none : formatDecimal(number, language, 1));
      const values = [formatCount(served.households, language), value(served.medianRsrpDbm), value(served.medianSinrDb), value(served.medianThroughputMbps)];
      card.querySelectorAll('td').forEach((cell, k) => (cell.textContent = values[k]));
      note.textContent = served.households > 0 ? t('footprintNote') : t('footprintNone');
      card.dataset.households = String(served.households);
      card.dataset.medianRsrpDbm = String(served.medianRsrpDbm);
      card.dataset.medianSinrDb = String(served.medianSinrDb);
      card.dataset.medianThroughputMbps = String(served.medianThroughputMbps);
      // the class marks a card holding its values
      card.classList.add('footprint-card');
    },
    (error: unknown) => (note.textContent = t('analysisFailed', { reason: errorMessage(error) })),
  );
  return container;
}
