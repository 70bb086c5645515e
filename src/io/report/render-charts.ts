/**
 * Renders the report's Vega-Lite charts to SVG strings with vega's headless View (no DOM, no canvas, no
 * network: the data are inline), in Node and in the browser. Text is measured with the embedded font, so labels
 * are laid out at the widths the PDF prints them (vega's fallback estimate, 0.8 em per character, would leave
 * wide gaps and cut long unit names).
 */
import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { VegaLiteSpec } from '../../core/report/report-charts.ts';
import type { ReportDocument } from '../../core/report/report-document.ts';
import type { ReportFonts } from './report-fonts.ts';

type TextItem = { text?: unknown; fontSize?: number; fontWeight?: string | number };

/**
 * Renders one chart. The text-width hook is vega's documented extension point (`textMetrics.width`, used by
 * vl-convert); it is set for the call and put back after, so other vega users in the page are unaffected.
 */
export async function renderChartSvg(spec: VegaLiteSpec, fonts: ReportFonts): Promise<string> {
  const compiled = compile(spec as unknown as TopLevelSpec).spec;
  // exported by vega (from vega-scenegraph) but missing from its typings
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }).textMetrics;
  const previous = metrics.width;
  metrics.width = (item, text) => {
    const value = String(text ?? item.text ?? '');
    const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
    return fonts.measure(value, item.fontSize ?? 11, bold);
  };
  try {
    // expressions are interpreted, not compiled with `new Function`: the app's Content-Security-Policy forbids eval
    const view = new vega.View(vega.parse(compiled, undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter });
    const svg = await view.toSVG();
    view.finalize();
    return svg;
  } finally {
    metrics.width = previous;
  }
}

/** Renders every chart of the document, by chart id; `onProgress` gets 0…1. */
export async function renderDocumentCharts(
  document: ReportDocument,
  fonts: ReportFonts,
  onProgress?: (fraction: number) => void,
): Promise<Map<string, string>> {
  const blocks = document.sections.flatMap((section) => section.blocks).filter((block) => block.kind === 'chart');
  const svgs = new Map<string, string>();
  for (const [i, block] of blocks.entries()) {
    svgs.set(block.id, await renderChartSvg(block.spec, fonts));
    onProgress?.((i + 1) / blocks.length);
  }
  return svgs;
}
