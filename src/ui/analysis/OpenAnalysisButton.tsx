/**
 * "Open the Analysis tab": the way on from a panel that needs an analysis first (new sites, report), where the hint
 * alone left the user to find the tab. The run waits there, often computed already in idle time.
 */
import { useI18n } from '../i18n-context.ts';

export function OpenAnalysisButton({ onClick }: { onClick: () => void }) {
  const { t } = useI18n();
  return (
    <button type="button" className="link-button" data-action="open-analysis" onClick={onClick}>
      {t('openAnalysisTab')}
    </button>
  );
}
