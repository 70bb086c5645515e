/**
 * Popup and tooltip content for map features, built as DOM nodes with `textContent`: imported names and
 * attributes are data, never HTML (a ward called `<img src=x onerror=alert(1)>` shows those characters).
 */
import type { AccessNode, Cell, FibreRoute, Ward } from '../../core/model.ts';
import { formatCount, formatDecimal } from '../format-number.ts';
import type { DictionaryKey, Language, Translate } from '../i18n.ts';

interface CardRow {
  label: string;
  value: string;
}

/** A titled table of label/value rows, optionally tagged (e.g. "synthetic"). */
export function buildCard(title: string, rows: CardRow[], tag: string | null = null): HTMLElement {
  const card = document.createElement('div');
  card.className = 'feature-card';
  const heading = document.createElement('div');
  heading.className = 'feature-card-title';
  heading.textContent = title;
  // the title may be cut to three lines (styles.css): the whole of it on hover
  heading.title = title;
  card.appendChild(heading);
  if (tag !== null) {
    const tagElement = document.createElement('div');
    tagElement.className = 'feature-card-tag';
    tagElement.textContent = tag;
    card.appendChild(tagElement);
  }
  const table = document.createElement('table');
  for (const row of rows) {
    const tr = table.insertRow();
    const th = document.createElement('th');
    th.textContent = row.label;
    tr.appendChild(th);
    tr.insertCell().textContent = row.value;
  }
  card.appendChild(table);
  return card;
}

/** A tooltip: one line of text. */
export function buildTooltip(text: string): HTMLElement {
  const element = document.createElement('span');
  element.textContent = text;
  return element;
}

/**
 * A unit's card. `formerDistricts`: the districts its area belonged to before 1 July 2025 (the crosswalk's, for a
 * 2025 unit, which has no district), '' when not known.
 */
export function wardCard(ward: Ward, householdsFromPoints: number | null, formerDistricts: string, t: Translate, language: Language): HTMLElement {
  const unknown = t('valueUnknown');
  const district =
    ward.district === null && formerDistricts !== ''
      ? { label: t('fieldFormerDistricts'), value: formerDistricts }
      : { label: t('fieldDistrict'), value: ward.district ?? unknown };
  return buildCard(ward.name, [
    { label: t('fieldId'), value: ward.id },
    district,
    { label: t('fieldType'), value: ward.type ?? unknown },
    { label: t('fieldEnvironment'), value: ward.environment ?? t('valueAutomaticEnvironment') },
    { label: t('fieldHouseholdsPoints'), value: formatCount(householdsFromPoints, language) },
    { label: t('fieldHouseholdsCensus'), value: formatCount(ward.households2019, language) },
    { label: t('fieldPopulationCensus'), value: formatCount(ward.population2019, language) },
  ]);
}

/** The words for a cell's status (the file's values are English keywords). */
const STATUS_LABELS: Record<Cell['status'], DictionaryKey> = { existing: 'statusExisting', planned: 'statusPlanned', proposed: 'statusProposed' };

export function cellCard(cell: Cell, synthetic: boolean, t: Translate, language: Language): HTMLElement {
  const decimal = (value: number | null, digits = 1) => formatDecimal(value, language, digits);
  return buildCard(
    `${t('fieldCell')} ${cell.cellId}`,
    [
      { label: t('fieldSite'), value: cell.siteId },
      { label: t('fieldOperator'), value: cell.operator },
      { label: t('fieldTechnology'), value: cell.technology },
      { label: t('fieldBand'), value: decimal(cell.bandMhz, 0) },
      { label: t('fieldHeight'), value: decimal(cell.heightM) },
      { label: t('fieldAzimuth'), value: cell.azimuthDeg === null ? t('valueOmni') : decimal(cell.azimuthDeg, 0) },
      { label: t('fieldBeamwidth'), value: decimal(cell.beamwidthDeg, 0) },
      { label: t('fieldTilt'), value: cell.tiltDeg === null ? '–' : decimal(cell.tiltDeg) },
      { label: t('fieldRsPower'), value: decimal(cell.rsPowerDbm) },
      { label: t('fieldAntennaGain'), value: decimal(cell.antennaGainDbi) },
      { label: t('fieldFeederLoss'), value: decimal(cell.feederLossDb) },
      { label: t('fieldModel'), value: cell.model ?? t('valueAutomaticModel') },
      { label: t('fieldEnvironment'), value: cell.environment ?? t('valueAutomaticEnvironment') },
      { label: t('fieldStatus'), value: t(STATUS_LABELS[cell.status]) },
      // the optional columns of issue 12, shown only when the file gave them
      ...(cell.channel === null ? [] : [{ label: t('fieldChannel'), value: String(cell.channel) }]),
      ...(cell.bandwidthMhz === null ? [] : [{ label: t('fieldBandwidth'), value: decimal(cell.bandwidthMhz) }]),
    ],
    synthetic ? t('synthetic') : null,
  );
}

export function routeCard(route: FibreRoute, synthetic: boolean, t: Translate): HTMLElement {
  return buildCard(
    `${t('fibreRoute')} ${route.id}`,
    [
      { label: t('fieldKind'), value: route.kind === 'backbone' ? t('kindBackbone') : t('kindDistribution') },
      { label: t('fieldOperator'), value: route.operator ?? t('valueUnknown') },
    ],
    synthetic ? t('synthetic') : null,
  );
}

export function accessNodeCard(node: AccessNode, synthetic: boolean, t: Translate, language: Language): HTMLElement {
  return buildCard(
    `${t('accessNode')} ${node.id}`,
    [
      { label: t('fieldCapacity'), value: node.capacity === null ? t('valueUnknown') : formatCount(node.capacity, language) },
      { label: t('fieldUsed'), value: node.used === null ? t('valueUnknown') : formatCount(node.used, language) },
    ],
    synthetic ? t('synthetic') : null,
  );
}
