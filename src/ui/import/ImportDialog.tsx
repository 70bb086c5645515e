/**
 * The import dialog, shown only when a file needs answers before it can be read: the sheet of a workbook with
 * several, the coordinate system of coordinates in metres the file does not name (pre-filled with the guess from
 * their ranges, with where the first point would land), and the column mapping when required fields have no
 * column (remembered per header set). A preview of the first rows shows the file as read. Every text from the
 * file is rendered by React (escaped).
 */
import { useMemo, useState } from 'react';
import { parseCrsSpec } from '../../io/crs-spec.ts';
import { describeProjectedGuess } from '../../io/guess-crs.ts';
import { fieldSources, requiredFields, tableCrsGuess } from '../../io/inspect-layer-file.ts';
import { layerFieldNames } from '../../io/read-layer-file.ts';
import type { Ward } from '../../core/model.ts';
import { formatDecimal } from '../format-number.ts';
import type { DictionaryKey } from '../i18n.ts';
import { useI18n } from '../i18n-context.ts';
import { boundingBoxOf, mainExtent, type BoundingBox } from '../../core/geo/main-extent.ts';
import { LAYER_LABELS } from '../panels/ImportPanel.tsx';
import { CRS_CHOICES, firstPositionIn } from './crs-choices.ts';
import { readerLayer } from './import-inputs.ts';
import type { ImportAnswer, ImportQuestion } from './use-import-flow.ts';

/** Rows shown in the preview. */
const PREVIEW_ROWS = 5;

const FIELD_LABELS: Partial<Record<string, DictionaryKey>> = {
  site_id: 'fieldLabelSiteId',
  cell_id: 'fieldLabelCellId',
  lon: 'fieldLabelLon',
  lat: 'fieldLabelLat',
  operator: 'fieldLabelOperator',
  technology: 'fieldLabelTechnology',
  status: 'fieldLabelStatus',
  household_id: 'fieldLabelHouseholdId',
  count: 'fieldLabelCount',
  ward_id: 'fieldLabelWardId',
  name: 'fieldLabelName',
  district: 'fieldLabelDistrict',
  type: 'fieldLabelType',
  kind: 'fieldLabelKind',
};

const FORMAT_NAMES: Record<string, string> = {
  csv: 'CSV', geojson: 'GeoJSON', xlsx: 'Excel (.xlsx)', xls: 'Excel 97–2003 (.xls)', kml: 'KML', kmz: 'KMZ', shapefile: 'Shapefile',
};

interface ImportDialogProps {
  question: ImportQuestion;
  wards: readonly Ward[];
  onAnswer: (answer: ImportAnswer | null) => void;
  onSheet: (sheet: string) => void;
}

export function ImportDialog({ question, wards, onAnswer, onSheet }: ImportDialogProps) {
  const { language, t } = useI18n();
  const { inspection } = question;
  const layer = question.layer ?? 'sites';
  const reader = readerLayer(layer);
  const [columnMap, setColumnMap] = useState<Record<string, string>>(question.columnMap);
  const [crsChoice, setCrsChoice] = useState<string | null>(null);
  const [crsText, setCrsText] = useState('');

  const sources = fieldSources(reader, inspection.header, columnMap, inspection.format);
  const required = requiredFields(reader, inspection.rowKind);
  const missing = required.filter((field) => sources[field] === null);
  const fields = layerFieldNames(reader);
  const optional = fields.filter((field) => !required.includes(field));
  const duplicate = Object.values(columnMap).find((header, i, all) => all.indexOf(header) !== i) ?? null;
  const guess = inspection.rowKind === 'row' ? tableCrsGuess(inspection, columnMap) : inspection.projected;
  const crsSpec = crsChoice === 'other' ? crsText.trim() : (crsChoice ?? guess?.spec ?? null);
  const crsValid = guess === null || (crsSpec !== null && parseCrsSpec(crsSpec).ok);
  const showColumns = question.questions.missingFields.length > 0 || Object.keys(question.columnMap).length > 0 || missing.length > 0;
  const firstPoint = useMemo(
    () => (guess === null || crsSpec === null || inspection.rowKind !== 'row' ? null : firstPositionIn(crsSpec, inspection.header, inspection.rows, columnMap)),
    [guess, crsSpec, inspection, columnMap],
  );
  const cityBox = useMemo(() => mainExtent(wards.map((ward) => boundingBoxOf(ward.geometry)), 0), [wards]);

  const setField = (field: string, header: string) => {
    const next = { ...columnMap };
    if (header === '') delete next[field];
    else next[field] = header;
    setColumnMap(next);
  };

  const fieldRow = (field: string, isRequired: boolean) => (
    <tr key={field} className={isRequired && sources[field] === null ? 'missing' : ''}>
      <th scope="row">
        <code>{field}</code>
        {isRequired && <span className="required-mark" aria-hidden="true">*</span>}
        {FIELD_LABELS[field] !== undefined && <span className="field-label">{t(FIELD_LABELS[field])}</span>}
      </th>
      <td>
        <select
          data-field={field}
          aria-label={field}
          value={columnMap[field] ?? sources[field] ?? ''}
          onChange={(event) => setField(field, event.target.value)}
        >
          <option value="">{t('importDialogColumnNone')}</option>
          {inspection.header.map((header, i) => (
            <option key={`${header}-${i}`} value={header}>
              {header === '' ? `(${i + 1})` : header}
            </option>
          ))}
        </select>
      </td>
    </tr>
  );

  const submit = () => {
    if (missing.length > 0 || duplicate !== null || !crsValid) return;
    onAnswer({
      sheet: inspection.sheet ?? undefined,
      crs: guess === null ? undefined : (crsSpec ?? undefined),
      columnMap,
    });
  };

  const mappedColumns = new Set(Object.values(sources).filter((header): header is string => header !== null));
  const preview = inspection.rows.slice(0, PREVIEW_ROWS);

  return (
    <div className="modal-backdrop">
      <div className="modal import-dialog" role="dialog" aria-modal="true" aria-labelledby="import-dialog-title" data-import-dialog={question.name}>
        <h2 id="import-dialog-title">{t('importDialogTitle', { file: question.name })}</h2>
        <p className="hint import-dialog-meta">
          <span>{t('importDialogLayer', { layer: t(LAYER_LABELS[layer]) })}</span>
          {inspection.format !== null && <span>{t('importDialogFormat', { format: FORMAT_NAMES[inspection.format] ?? inspection.format })}</span>}
          {inspection.crs !== null && <span>{t('importDialogFileCrs', { crs: inspection.crs })}</span>}
        </p>
        {inspection.legacyEncoding !== null && (
          <p className="import-warning" role="note" data-testid="legacy-encoding">
            {t('importDialogLegacy', { encoding: inspection.legacyEncoding })}
          </p>
        )}

        {inspection.sheets.length > 1 && (
          <section className="import-section">
            <h3>{t('importDialogSheet')}</h3>
            <p className="hint">{t('importDialogSheetHint', { n: inspection.sheets.length })}</p>
            <div className="sheet-picker" role="radiogroup" aria-label={t('importDialogSheet')}>
              {inspection.sheets.map((sheet) => (
                <label key={sheet} className={`sheet-option ${sheet === inspection.sheet ? 'active' : ''}`}>
                  <input type="radio" name="import-sheet" value={sheet} checked={sheet === inspection.sheet} onChange={() => onSheet(sheet)} />
                  {sheet}
                </label>
              ))}
            </div>
          </section>
        )}

        {guess !== null && (
          <section className="import-section" data-testid="crs-chooser">
            <h3>{t('importDialogCrs')}</h3>
            <p className="hint">{t('importDialogCrsHint', { guess: describeProjectedGuess(guess.looksLike, language) })}</p>
            <select name="import-crs" value={crsChoice ?? guess.spec} onChange={(event) => setCrsChoice(event.target.value)} aria-label={t('importDialogCrs')}>
              {CRS_CHOICES.map((choice) => (
                <option key={choice.spec} value={choice.spec}>
                  {t(choice.label)}
                </option>
              ))}
              <option value="other">{t('importDialogCrsOther')}</option>
            </select>
            {crsChoice === 'other' && (
              <input
                type="text"
                name="import-crs-spec"
                className="crs-spec"
                value={crsText}
                placeholder={t('importDialogCrsSpec')}
                aria-label={t('importDialogCrsSpec')}
                aria-invalid={!crsValid}
                onChange={(event) => setCrsText(event.target.value)}
              />
            )}
            {!crsValid && crsText !== '' && <p className="field-error">{t('importDialogCrsInvalid')}</p>}
            {inspection.rowKind === 'row' && crsValid && (
              <p className="hint" data-testid="first-point">
                {firstPoint === null
                  ? t('importDialogOutsideArea')
                  : `${t('importDialogFirstPoint', { lat: `${formatDecimal(firstPoint[1], language, 5)}°`, lon: `${formatDecimal(firstPoint[0], language, 5)}°` })} — ${
                      cityBox === null || inside(cityBox, firstPoint) ? t('importDialogInside') : t('importDialogOutside')
                    }`}
              </p>
            )}
          </section>
        )}

        {showColumns && (
          <section className="import-section">
            <h3>{t('importDialogColumns')}</h3>
            <p className="hint">{t('importDialogColumnsHint')}</p>
            <table className="column-map">
              <thead>
                <tr>
                  <th scope="col">{t('importDialogField')}</th>
                  <th scope="col">{t('importDialogColumn')}</th>
                </tr>
              </thead>
              <tbody>{required.map((field) => fieldRow(field, true))}</tbody>
            </table>
            {optional.length > 0 && (
              <details className="optional-fields">
                <summary>{t('importDialogOptional')}</summary>
                <table className="column-map">
                  <tbody>{optional.map((field) => fieldRow(field, false))}</tbody>
                </table>
              </details>
            )}
            {missing.length > 0 && <p className="field-error">{t('importDialogColumnsMissing', { fields: missing.join(', ') })}</p>}
            {duplicate !== null && <p className="field-error">{t('importDialogColumnsDuplicate', { column: duplicate })}</p>}
          </section>
        )}

        {preview.length > 0 && (
          <section className="import-section">
            <h3>{t('importDialogPreview', { n: preview.length })}</h3>
            <div className="preview-scroll">
              <table className="import-preview">
                <thead>
                  <tr>
                    <th scope="col">{inspection.rowKind === 'row' ? t('importDialogPreviewRow') : t('importDialogPreviewFeature')}</th>
                    {inspection.header.map((header, i) => (
                      <th scope="col" key={`${header}-${i}`} className={mappedColumns.has(header) ? 'mapped' : ''}>
                        {header}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.map((row, k) => (
                    <tr key={k}>
                      <th scope="row">{inspection.rowNumbers[k]}</th>
                      {inspection.header.map((header, i) => (
                        <td key={`${header}-${i}`} className={mappedColumns.has(header) ? 'mapped' : ''} title={row[i] ?? ''}>
                          {row[i] ?? ''}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )}

        <div className="modal-actions">
          <button type="button" className="button" data-action="import-confirm" disabled={missing.length > 0 || duplicate !== null || !crsValid} onClick={submit}>
            {t('importDialogImport')}
          </button>
          <button type="button" className="link-button" data-action="import-skip" onClick={() => onAnswer(null)}>
            {t('importDialogSkip')}
          </button>
        </div>
      </div>
    </div>
  );
}

function inside(box: BoundingBox, [lon, lat]: [number, number]): boolean {
  return lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3];
}
