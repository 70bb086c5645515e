/** The map legend: operator colours, wedge and circle cells, fibre, households and ward outlines. */
import type { ImportableLayer } from '../worker/protocol.ts';
import { useI18n } from './i18n-context.ts';
import { FIBRE_STYLE } from './map/map-controller.ts';
import { HOUSEHOLD_RGB } from './map/household-layer.ts';
import type { DictionaryKey } from './i18n.ts';
import { OPERATOR_COLOURS, OPERATOR_GROUPS, type OperatorGroup } from './operator-colour.ts';

export const OPERATOR_LABELS: Record<OperatorGroup, DictionaryKey> = {
  viettel: 'operatorViettel',
  vnpt: 'operatorVnpt',
  mobifone: 'operatorMobifone',
  vietnamobile: 'operatorVietnamobile',
  other: 'operatorOther',
};

function Wedge({ colour }: { colour: string }) {
  return (
    <svg width="22" height="18" viewBox="0 0 22 18" aria-hidden="true">
      <path d="M11 16 L3.5 3 A14 14 0 0 1 18.5 3 Z" fill={colour} fillOpacity="0.6" stroke={colour} />
    </svg>
  );
}

function Line({ colour, width }: { colour: string; width: number }) {
  return (
    <svg width="22" height="18" viewBox="0 0 22 18" aria-hidden="true">
      <line x1="1" y1="9" x2="21" y2="9" stroke={colour} strokeWidth={width} strokeLinecap="round" />
    </svg>
  );
}

export function Legend({ synthetic, compact = false }: { synthetic: ReadonlySet<ImportableLayer>; compact?: boolean }) {
  const { t } = useI18n();
  const tag = (layer: ImportableLayer) => (synthetic.has(layer) ? <span className="synthetic-tag">{t('synthetic')}</span> : null);
  const [red, green, blue] = HOUSEHOLD_RGB;
  const householdColour = `rgb(${red},${green},${blue})`;
  return (
    <div className={`legend ${compact ? 'compact' : ''}`}>
      <div className="legend-group">
        <div className="legend-heading">
          {t('layerSites')} {tag('sites')}
        </div>
        <ul>
          {OPERATOR_GROUPS.map((group) => (
            <li key={group}>
              <Wedge colour={OPERATOR_COLOURS[group]} />
              {t(OPERATOR_LABELS[group])}
            </li>
          ))}
          {!compact && (
            <li>
              <Wedge colour="#888" />
              {t('legendSector')}
            </li>
          )}
          {!compact && (
            <li>
              <svg width="22" height="18" viewBox="0 0 22 18" aria-hidden="true">
                <circle cx="11" cy="9" r="5" fill="#888" fillOpacity="0.6" stroke="#666" />
              </svg>
              {t('legendOmni')}
            </li>
          )}
        </ul>
      </div>
      <div className="legend-group">
        <div className="legend-heading">
          {t('layerFibre')} {tag('fibre')}
        </div>
        <ul>
          <li>
            <Line colour={FIBRE_STYLE.backbone.color} width={FIBRE_STYLE.backbone.weight} />
            {t('legendBackbone')}
          </li>
          <li>
            <Line colour={FIBRE_STYLE.distribution.color} width={FIBRE_STYLE.distribution.weight} />
            {t('legendDistribution')}
          </li>
          <li>
            <svg width="22" height="18" viewBox="0 0 22 18" aria-hidden="true">
              <circle cx="11" cy="9" r="4" fill={FIBRE_STYLE.node.fillColor} stroke="#fff" />
            </svg>
            {t('legendAccessNode')}
          </li>
        </ul>
      </div>
      <div className="legend-group">
        <div className="legend-heading">
          {t('layerHouseholds')} {tag('households')}
        </div>
        <ul>
          <li>
            <svg width="22" height="18" viewBox="0 0 22 18" aria-hidden="true">
              <rect x="3" y="8" width="3" height="3" fill={householdColour} fillOpacity="0.6" />
              <rect x="10" y="5" width="8" height="8" fill={householdColour} fillOpacity="0.8" />
            </svg>
            {t('legendHouseholds')}
          </li>
        </ul>
      </div>
      <div className="legend-group">
        <div className="legend-heading">{compact ? '' : t('layerWards')}</div>
        <ul>
          <li>
            <Line colour="#37474f" width={1} />
            {t('legendWard')}
          </li>
        </ul>
      </div>
    </div>
  );
}
