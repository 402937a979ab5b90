/**
 * Where an outcome sits among the others: moving it up or down, or deleting it (coordinators).
 */
import type { OutcomeView } from '../../../../shared/model';
import { useNavigation, useWorkspace } from '../../hooks';
import { useConfirm } from '../../components/Dialog';

export function OutcomePlace({ outcome, count }: { readonly outcome: OutcomeView; readonly count: number }) {
  const workspace = useWorkspace();
  const navigation = useNavigation();
  const [confirm, confirmDialog] = useConfirm();
  const frame = workspace.frameCommands;
  const index = outcome.number - 1;
  const name = `outcome ${outcome.number}${outcome.title ? ` (${outcome.title})` : ''}`;
  const contributors = outcome.contributions.map((contribution) => contribution.partner.name);
  const move = (to: number) => {
    frame.moveOutcome(outcome.id, to);
  };
  return (
    <section className="card" aria-labelledby="outcome-place">
      <h2 id="outcome-place">Place in the SOA</h2>
      <p className="field-hint">
        Outcome {outcome.number} of {count}. Outcomes are numbered in this order in the outline and the exported SOA.
      </p>
      <div className="outcome-order">
        <button
          type="button"
          className="button button-secondary"
          disabled={index === 0}
          onClick={() => move(index - 1)}
        >
          Move earlier<span className="visually-hidden"> ({name})</span>
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={index >= count - 1}
          onClick={() => move(index + 1)}
        >
          Move later<span className="visually-hidden"> ({name})</span>
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            void confirm({
              title: `Delete outcome ${outcome.number}?`,
              danger: true,
              confirmLabel: 'Delete outcome',
              cancelLabel: 'Keep it',
              message: (
                <>
                  <p>“{outcome.title || 'Untitled'}” and its indicators will be removed from the SOA for everyone.</p>
                  {contributors.length > 0 ? (
                    <p>
                      Partners’ contributions to it ({contributors.join(', ')}) are not deleted: they become orphans,
                      listed on the dashboard under “To tidy up”, for each partner to withdraw or move.
                    </p>
                  ) : (
                    <p>
                      No partner has written a contribution to it yet. If one is written elsewhere before this reaches
                      them, it will be listed on the dashboard to tidy up.
                    </p>
                  )}
                </>
              ),
            }).then((yes) => {
              if (!yes) return;
              frame.deleteOutcome(outcome.id);
              navigation.go({ kind: 'dashboard' }, null);
            });
          }}
        >
          Delete this outcome
        </button>
      </div>
      {confirmDialog}
    </section>
  );
}
