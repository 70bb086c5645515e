/**
 * State of the proposals review: the evaluated file (from the worker), the engineer's decisions by site and
 * the comments (a comment may be typed before the decision; a decision carries the site's comment). A decision
 * taken here is reported to `onEdit` (the undo history), which puts one back with `setDecision`.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ProposalDecision, SiteDecision } from '../../io/scenario-file.ts';
import type { ImportChoices, ProposalsResponse } from '../../worker/protocol.ts';
import { TextTooLargeError } from '../../worker/decode-bytes.ts';
import type { EngineRequest } from '../analysis/use-analysis.ts';
import { checkImportSize } from '../import-limit.ts';
import type { DecisionState, Edit } from '../history/edit-history.ts';
import { errorMessage } from '../../core/error-message.ts';

export function useProposals(request: EngineRequest, onEdit: (edit: Edit) => void = () => undefined) {
  const [review, setReview] = useState<ProposalsResponse | null>(null);
  const [chosen, setChosenState] = useState<ReadonlyMap<string, DecisionState>>(new Map());
  const chosenRef = useRef(chosen);
  const setChosen = useCallback((next: ReadonlyMap<string, DecisionState>) => {
    chosenRef.current = next;
    setChosenState(next);
  }, []);
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
        setError(errorMessage(caught));
      } finally {
        setBusy(false);
      }
    },
    [request],
  );

  /** Puts a decision back as it was (null: not decided), as the undo history does. */
  const setDecision = useCallback(
    (siteId: string, state: DecisionState | null) => {
      const next = new Map(chosenRef.current);
      if (state === null) next.delete(siteId);
      else next.set(siteId, state);
      setChosen(next);
    },
    [setChosen],
  );

  /** The engineer approves or rejects a site (choosing the decision it already has changes nothing). */
  const decide = useCallback(
    (siteId: string, decision: ProposalDecision) => {
      const before = chosenRef.current.get(siteId) ?? null;
      if (before?.decision === decision) return;
      const after = { decision, decidedAt: new Date().toISOString() };
      setDecision(siteId, after);
      onEdit({ kind: 'decision', siteId, before, after });
    },
    [setDecision, onEdit],
  );

  const comment = useCallback((siteId: string, text: string) => {
    setComments((current) => new Map(current).set(siteId, text));
  }, []);

  /** Puts back the decisions of a scenario. */
  const restore = useCallback((restored: readonly SiteDecision[]) => {
    setChosen(new Map(restored.map((decision) => [decision.siteId, { decision: decision.decision, decidedAt: decision.decidedAt ?? '' }])));
    setComments(new Map(restored.map((decision) => [decision.siteId, decision.comment])));
  }, [setChosen]);

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

  return { review, decisions, comments, decide, setDecision, comment, importFile, restore, busy, error };
}
