/**
 * The report view's state and its one action: ask the worker for the report file (it builds the report from its
 * current state: analysis, zones, fibre, siting, proposals) and download it. The fonts are fetched once, the
 * first time a PDF or HTML report is asked for.
 */
import { useCallback, useRef, useState } from 'react';
import fontBoldUrl from '../../../data/fonts/NotoSans-Bold.ttf?url';
import fontRegularUrl from '../../../data/fonts/NotoSans-Regular.ttf?url';
import { DEFAULT_FIBRE_COSTS } from '../../core/fibre/fibre-plan-types.ts';
import { REPORT_SECTIONS, type ReportLanguage, type ReportScope, type ReportSection } from '../../core/report/report-model.ts';
import type { NewSitesGoal } from '../../core/siting/select-new-sites.ts';
import type { ReportFontBytes } from '../../io/report/report-fonts.ts';
import { CancelledError } from '../../worker/engine-client.ts';
import type { ProgressStage, ReportFormat, ReportingLayout, ReportRequest } from '../../worker/protocol.ts';
import type { EngineRequest } from '../analysis/use-analysis.ts';
import { downloadFile } from '../export/download.ts';
import type { ReportEntry } from '../use-dataset.ts';
import { printHtml } from './print-document.ts';
import { reportFileName, reportSources } from './report-sources.ts';
import { errorMessage } from '../../core/error-message.ts';

/** What the report view makes: a file to download, or the print version sent to the browser's print dialog. */
export type ReportAction = ReportFormat | 'print';

export type ScopeKind = 'city' | 'unit' | 'selection';

export interface UseReportOptions {
  request: EngineRequest;
  reports: readonly ReportEntry[];
  language: ReportLanguage;
  organisation: string;
  layout: ReportingLayout;
  /** The targets tab's set and the working network it is evaluated on (the report evaluates it the same way). */
  targets: Omit<NonNullable<ReportRequest['targets']>, 'plan'> | null;
  /** The engineer's decisions on the evaluated proposals, by site id. */
  decisions: ReadonlyMap<string, { decision: string }>;
}

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export function useReport({ request, reports, language, organisation, layout, targets, decisions }: UseReportOptions) {
  const [scopeKind, setScopeKind] = useState<ScopeKind>('city');
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [sections, setSections] = useState<ReadonlySet<ReportSection>>(new Set(REPORT_SECTIONS));
  const [title, setTitle] = useState('');
  const [sitesCount, setSitesCount] = useState<number | null>(null);
  // what closes each target's gap, as `phusong report` plans it by default (the longest part of a city report)
  const [planTargets, setPlanTargets] = useState(true);
  const [busy, setBusy] = useState<ReportAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ stage: ProgressStage; fraction: number } | null>(null);
  const [last, setLast] = useState<{ file: string; bytes: number; timingMs: number; printed: boolean } | null>(null);
  const fonts = useRef<Promise<ReportFontBytes> | null>(null);

  const scope: ReportScope | null =
    scopeKind === 'city' ? { kind: 'city' } : unitIds.length === 0 ? null : { kind: 'units', unitIds: scopeKind === 'unit' ? unitIds.slice(0, 1) : unitIds };

  const toggleSection = useCallback((section: ReportSection) => {
    setSections((current) => {
      const next = new Set(current);
      if (!next.delete(section)) next.add(section);
      return next;
    });
  }, []);

  const generate = useCallback(
    async (action: ReportAction) => {
      if (scope === null) return;
      // printing is the print HTML (its print stylesheet) in the browser's dialog
      const format: ReportFormat = action === 'print' ? 'html' : action;
      setBusy(action);
      setError(null);
      try {
        const fontBytes =
          format === 'xlsx'
            ? null
            : await (fonts.current ??= Promise.all([fetchBytes(fontRegularUrl), fetchBytes(fontBoldUrl)]).then(([regular, bold]) => ({ regular, bold })));
        const date = today();
        const goal: NewSitesGoal | null = sitesCount === null ? null : { kind: 'count', count: sitesCount };
        const response = await request('report', {
          options: {
            organisation,
            title: title.trim() === '' ? null : title.trim(),
            date,
            language,
            scope,
            sections: REPORT_SECTIONS.filter((section) => sections.has(section)),
          },
          format,
          sources: reportSources(reports),
          fibreTargetsPct: [],
          fibreCosts: DEFAULT_FIBRE_COSTS,
          sitesGoal: goal,
          decisions: [...decisions].flatMap(([siteId, { decision }]) =>
            decision === 'approved' || decision === 'rejected' ? [[siteId, decision] as [string, 'approved' | 'rejected']] : [],
          ),
          fonts: fontBytes,
          targets: targets === null ? null : { ...targets, plan: planTargets },
        }, { onProgress: (stage, fraction) => setProgress({ stage, fraction }) });
        const file = reportFileName(date, scope, layout, format);
        if (action === 'print') {
          await printHtml(new TextDecoder().decode(response.bytes), file);
          setLast({ file, bytes: response.bytes.byteLength, timingMs: response.timingMs, printed: true });
        } else {
          downloadFile(file, response.bytes, response.type);
          setLast({ file, bytes: response.bytes.byteLength, timingMs: response.timingMs, printed: false });
        }
      } catch (caught) {
        if (!(caught instanceof CancelledError)) setError(errorMessage(caught));
      } finally {
        setBusy(null);
        setProgress(null);
      }
    },
    [scope, sitesCount, request, organisation, title, language, sections, reports, decisions, layout, targets, planTargets],
  );

  return { scopeKind, setScopeKind, unitIds, setUnitIds, sections, toggleSection, title, setTitle, sitesCount, setSitesCount, planTargets, setPlanTargets, scope, busy, progress, error, last, generate };
}
