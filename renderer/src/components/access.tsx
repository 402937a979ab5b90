/**
 * Who may change a section, decided by the workspace (shared/model/rooms mayWrite), and the sign-off rule:
 * a partner whose content is agreed edits only after a warning, and editing returns it to draft.
 */
import type { ReactNode } from 'react';
import type * as Y from 'yjs';
import { formatUkDate, todayIso } from '../../../shared/text/dates';
import type { PartnerId, RichText } from '../../../shared/model';
import { useDocState, useWorkspace } from '../hooks';
import type { SectionOwner } from '../store/workspace';
import { LazyRichTextEditor } from '../richtext/LazyRichTextEditor';
import { RichTextView } from '../richtext/RichTextView';
import { WrittenBy } from './fields';
import { useConfirm } from './Dialog';
import { CommentableField } from '../comments/CommentableField';

export type AccessMode = 'edit' | 'read' | 'agreed';

export interface SectionAccess {
  readonly mode: AccessMode;
  readonly ownerName: string;
}

export function useSectionAccess(owner: SectionOwner): SectionAccess {
  const workspace = useWorkspace();
  const state = useDocState();
  const ownerName =
    owner.kind === 'frame'
      ? `the coordinators${state.soa.meta.partnershipName ? ` (${state.soa.meta.partnershipName})` : ''}`
      : (state.soa.partners.find((partner) => partner.id === owner.partnerId)?.name ?? 'another partner');
  if (!workspace.canWrite(owner)) return { mode: 'read', ownerName };
  if (owner.kind === 'partner') {
    const partner = state.soa.partners.find((candidate) => candidate.id === owner.partnerId);
    if (partner?.signOff.state === 'agreed') return { mode: 'agreed', ownerName };
  }
  return { mode: 'edit', ownerName };
}

/** The warning shown on agreed content, with the way back to draft. */
export function AgreedNotice({ partnerId }: { readonly partnerId: PartnerId }) {
  const workspace = useWorkspace();
  const state = useDocState();
  const partner = state.soa.partners.find((candidate) => candidate.id === partnerId);
  const date = partner?.signOff.date ? formatUkDate(partner.signOff.date) : 'an earlier date';
  const [confirm, confirmDialog] = useConfirm();
  return (
    <div className="notice notice-agreed" role="note">
      <p>
        {partner?.name ?? 'This partner'} agreed this content on {date}
        {partner?.signOff.officerName ? ` (${partner.signOff.officerName})` : ''}. Editing it returns the partner to
        draft, and it must be agreed again.
      </p>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => {
          void confirm({
            title: 'Edit agreed content?',
            message: (
              <p>
                {partner?.name ?? 'This partner'} has agreed this content. If you edit it,{' '}
                {partner?.name ?? 'the partner'} goes back to draft and must agree the SOA again.
              </p>
            ),
            confirmLabel: 'Edit and return to draft',
            cancelLabel: 'Leave it agreed',
          }).then((yes) => {
            if (!yes) return;
            workspace.partnerCommands(partnerId).returnToDraft(todayIso());
          });
        }}
      >
        Edit and return to draft
      </button>
      {confirmDialog}
    </div>
  );
}

interface RichSectionProps {
  readonly owner: SectionOwner;
  readonly label: string;
  readonly text: RichText;
  readonly fragment: () => Y.XmlFragment | null;
  readonly headingId?: string;
  readonly children?: ReactNode;
  readonly showOwner?: boolean;
  /** Show the "agreed, editing returns to draft" notice here (off where the page shows it once). */
  readonly agreedNotice?: boolean;
  /** HTML level for the text's top headings when shown read-only (continues the page's outline). */
  readonly headingLevel?: number;
}

/** A rich-text field: an editor when I may write it, otherwise its text and whose it is. */
export function RichSection({
  owner,
  label,
  text,
  fragment,
  showOwner = true,
  agreedNotice = true,
  headingLevel = 4,
}: RichSectionProps) {
  const workspace = useWorkspace();
  const access = useSectionAccess(owner);
  // A passage comment can be anchored in the field whether it is being edited or read (comments/).
  const partnerId = owner.kind === 'partner' ? owner.partnerId : null;
  if (access.mode === 'edit') {
    const target = fragment();
    if (target)
      return (
        <CommentableField partnerId={partnerId} fragment={target}>
          <LazyRichTextEditor
            fragment={target}
            label={label}
            onFocusSection={() => undefined}
            key={workspace.soaId}
            text={text}
            headingLevel={headingLevel}
          />
        </CommentableField>
      );
  }
  return (
    <CommentableField partnerId={partnerId} fragment={workspace.hasComments ? fragment() : null}>
      <div className="rich-readonly">
        {access.mode === 'read' && showOwner && <WrittenBy owner={access.ownerName} />}
        {access.mode === 'agreed' && agreedNotice && owner.kind === 'partner' && (
          <AgreedNotice partnerId={owner.partnerId} />
        )}
        <RichTextView text={text} label={label} topLevel={headingLevel} />
      </div>
    </CommentableField>
  );
}
