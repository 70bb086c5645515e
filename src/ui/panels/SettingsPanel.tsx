/**
 * Settings: basemap (OpenStreetMap, an own tile server, or none), language and organisation, saved in the browser;
 * an offline basemap from a local .pmtiles file, for the session.
 */
import { useState } from 'react';
import { LANGUAGES, type Language } from '../i18n.ts';
import { useI18n } from '../i18n-context.ts';
import { MAX_ORGANISATION_CHARS, organisationName } from '../../core/organisation.ts';
import { BASEMAP_MODES, isTileUrlTemplate, type BasemapMode, type BasemapSettings } from '../settings-store.ts';
import type { DictionaryKey } from '../i18n.ts';
import { formatCount } from '../format-number.ts';
import type { LocalBasemapState } from '../map/use-local-basemap.ts';

const MODE_LABELS: Record<BasemapMode, DictionaryKey> = { osm: 'basemapOsm', custom: 'basemapCustom', none: 'basemapNone' };
const LANGUAGE_NAMES: Record<Language, string> = { vi: 'Tiếng Việt', en: 'English' };

interface SettingsPanelProps {
  basemap: BasemapSettings;
  onBasemap: (basemap: BasemapSettings) => void;
  /** The offline basemap opened from a local file (session only) and how to open or close one. */
  localBasemap: LocalBasemapState;
  onLocalBasemap: (file: File | null) => void;
  onLanguage: (language: Language) => void;
  organisation: string;
  onOrganisation: (organisation: string) => void;
}

export function SettingsPanel({ basemap, onBasemap, localBasemap, onLocalBasemap, onLanguage, organisation, onOrganisation }: SettingsPanelProps) {
  const { language, t } = useI18n();
  const [organisationText, setOrganisationText] = useState(organisation);
  const [url, setUrl] = useState(basemap.customUrl);
  const [attribution, setAttribution] = useState(basemap.customAttribution);
  const [customChosen, setCustomChosen] = useState(basemap.mode === 'custom');
  const urlValid = isTileUrlTemplate(url);

  const choose = (mode: BasemapMode) => {
    setCustomChosen(mode === 'custom');
    // a custom server applies only once its URL is valid
    if (mode !== 'custom') onBasemap({ ...basemap, mode });
    else if (urlValid) onBasemap({ mode, customUrl: url, customAttribution: attribution });
  };

  return (
    <div className="settings-panel">
      <section className="panel-section">
        <h2>{t('settingsBasemap')}</h2>
        {BASEMAP_MODES.map((mode) => (
          <label key={mode} className="radio-row">
            <input
              type="radio"
              name="basemap"
              value={mode}
              checked={mode === 'custom' ? customChosen : !customChosen && basemap.mode === mode}
              onChange={() => choose(mode)}
            />
            {t(MODE_LABELS[mode])}
          </label>
        ))}
        {customChosen && (
          <form
            className="custom-basemap"
            onSubmit={(event) => {
              event.preventDefault();
              if (urlValid) onBasemap({ mode: 'custom', customUrl: url.trim(), customAttribution: attribution });
            }}
          >
            <label>
              {t('basemapUrl')}
              <input
                type="url"
                value={url}
                placeholder="https://tiles.example.gov.vn/{z}/{x}/{y}.png"
                onChange={(event) => setUrl(event.target.value)}
              />
            </label>
            {!urlValid && url !== '' && <p className="field-error">{t('basemapInvalidUrl')}</p>}
            <label>
              {t('basemapAttribution')}
              <input type="text" value={attribution} onChange={(event) => setAttribution(event.target.value)} />
            </label>
            <button type="submit" className="button" disabled={!urlValid}>
              {t('basemapApply')}
            </button>
          </form>
        )}
      </section>
      <LocalBasemapSection state={localBasemap} onFile={onLocalBasemap} />
      <section className="panel-section">
        <h2>{t('settingsOrganisation')}</h2>
        <form
          className="organisation-form"
          onSubmit={(event) => {
            event.preventDefault();
            const name = organisationName(organisationText);
            setOrganisationText(name);
            onOrganisation(name);
          }}
        >
          <label>
            {t('organisationName')}
            <input
              type="text"
              name="organisation"
              value={organisationText}
              maxLength={MAX_ORGANISATION_CHARS}
              onChange={(event) => setOrganisationText(event.target.value)}
            />
          </label>
          <button type="submit" className="button" disabled={organisationName(organisationText) === organisation}>
            {t('basemapApply')}
          </button>
        </form>
      </section>
      <section className="panel-section">
        <h2>{t('settingsLanguage')}</h2>
        {LANGUAGES.map((option) => (
          <label key={option} className="radio-row">
            <input type="radio" name="language" value={option} checked={language === option} onChange={() => onLanguage(option)} />
            {LANGUAGE_NAMES[option]}
          </label>
        ))}
        <p className="hint">{t('settingsSaved')}</p>
      </section>
    </div>
  );
}

/** The offline basemap from a local .pmtiles file: a file picker, what is shown, or why it could not be opened. */
function LocalBasemapSection({ state, onFile }: { state: LocalBasemapState; onFile: (file: File | null) => void }) {
  const { language, t } = useI18n();
  return (
    <section className="panel-section local-basemap" data-local-basemap={state.status}>
      <h2>{t('basemapLocalTitle')}</h2>
      <p className="hint">{t('basemapLocalHint')}</p>
      <label className="button">
        {t('basemapLocalOpen')}
        <input
          type="file"
          accept=".pmtiles"
          data-basemap-file
          className="visually-hidden"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file !== undefined) onFile(file);
            event.target.value = '';
          }}
        />
      </label>
      {state.status === 'opening' && <p className="hint">{t('basemapLocalOpening', { file: state.fileName })}</p>}
      {state.status === 'failed' && <p className="field-error">{t('basemapLocalFailed', { file: state.fileName, reason: state.reason })}</p>}
      {state.status === 'open' && (
        <>
          <p className="hint" data-local-basemap-info>
            {t('basemapLocalShown', {
              file: state.basemap.fileName,
              kind: t(state.basemap.kind === 'vector' ? 'basemapLocalVector' : 'basemapLocalRaster'),
              min: formatCount(state.basemap.minZoom, language),
              max: formatCount(state.basemap.maxZoom, language),
            })}
          </p>
          <button type="button" className="link-button" onClick={() => onFile(null)}>
            {t('basemapLocalClose')}
          </button>
        </>
      )}
    </section>
  );
}
