/**
 * State of the proposals review: the evaluated file (from the worker), the engineer's decisions by site and
 * the comments (a comment may be typed before the decision; a decision carries the site's comment).
 */
import { useCallback, useMemo, useState } from 'react';
import type { ProposalDecision, SiteDecision } from '../../io/scenario-file.ts';
import type { ImportChoices, ProposalsResponse } from '../../worker/protocol.ts';
import { TextTooLargeError } from '../../worker/decode-bytes.ts';
import type { EngineRequest } from '../analysis/use-analysis.ts';
import { checkImportSize } from '../import-limit.ts';

export function useProposals(request: EngineRequest) {
  const [review, setReview] = useState<ProposalsResponse | null>(null);
  const [chosen, setChosen] = useState<ReadonlyMap<string, { decision: ProposalDecision; decidedAt: string }>>(new Map());
  const [comments, setComments] = useState<ReadonlyMap<string, string>>(new Map());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** Reads a proposal file (any sites format; the choices of the import dialog) and evaluates it in the worker. */
  const importFile = useCallback(
    async (file: File, choices: ImportChoices = {}) => {
      setBusy(true);
      setError(null);
      try {
        const oversize = await checkImportSize(file);
        if (oversize !== null) throw new TextTooLargeError(oversize.limitBytes);
        const bytes = await file.arrayBuffer();
        setReview(await request('evaluateProposals', { file: file.name, bytes, choices }, { transfer: [bytes] }));
      } catch (caught) {
        setError(caught instanceof Error ? caught.message : String(caught));
      } finally {
        setBusy(false);
      }
    },
    [request],
  );

  const decide = useCallback((siteId: string, decision: ProposalDecision) => {
    setChosen((current) => new Map(current).set(siteId, { decision, decidedAt: new Date().toISOString() }));
  }, []);

  const comment = useCallback((siteId: string, text: string) => {
    setComments((current) => new Map(current).set(siteId, text));
  }, []);

  /** Puts back the decisions of a scenario. */
  const restore = useCallback((restored: readonly SiteDecision[]) => {
    setChosen(new Map(restored.map((decision) => [decision.siteId, { decision: decision.decision, decidedAt: decision.decidedAt ?? '' }])));
    setComments(new Map(restored.map((decision) => [decision.siteId, decision.comment])));
  }, []);

  const decisions = useMemo<ReadonlyMap<string, SiteDecision>>(
    () =>
      new Map(
        [...chosen].map(([siteId, { decision, decidedAt }]) => [
          siteId,
          { siteId, decision, comment: comments.get(siteId) ?? '', decidedAt: decidedAt === '' ? null : decidedAt },
        ]),
      ),
    [chosen, comments],
  );

  return { review, decisions, comments, decide, comment, importFile, restore, busy, error };
}
