/** Front matter: the SOA's own facts (title, area, period, framework, deadlines) and its partners. */
import { useState } from 'react';
import {
  allFrameworks,
  PARTNER_KINDS,
  PARTNER_KIND_LABELS,
  isFrameworkId,
  isPartnerKind,
  type PartnerKind,
} from '../../../shared/reference';
import { SOA_STATUSES, TEXT_LIMITS, type SoaStatus } from '../../../shared/model';
import { formatUkDate } from '../../../shared/text/dates';
import { useDocState, useWorkspace } from '../hooks';
import { useSectionAccess } from '../components/access';
import { useConfirm } from '../components/Dialog';
import { DateField, FigureField, Select, TextField, WrittenBy } from '../components/fields';
import { frameText } from '../components/boundText';

const STATUS_LABELS: Record<SoaStatus, string> = {
  drafting: 'Drafting',
  'draft-submitted': 'Draft sent to the Scottish Government',
  agreed: 'Agreed',
};

export function DetailsPage() {
  const workspace = useWorkspace();
  const { soa } = useDocState();
  const access = useSectionAccess({ kind: 'frame' });
  const readOnly = access.mode !== 'edit';
  const meta = soa.meta;
  const frame = workspace.frameCommands;
  const [newPartner, setNewPartner] = useState('');
  const [newKind, setNewKind] = useState<PartnerKind>('council');
  const [confirm, confirmDialog] = useConfirm();
  return (
    <>
      {readOnly && <WrittenBy owner={access.ownerName} />}
      <section aria-labelledby="soa-facts-heading" className="card">
        <h2 id="soa-facts-heading">The SOA</h2>
        <div className="grid-2">
          <TextField
            id="soa-title"
            label="Title"
            value={meta.title}
            readOnly={readOnly}
            bound={frameText(frame, { kind: 'meta', key: 'title' })}
          />
          <TextField
            label="Council area"
            value={meta.area}
            readOnly={readOnly}
            bound={frameText(frame, { kind: 'meta', key: 'area' })}
          />
          <TextField
            label="Partnership name"
            value={meta.partnershipName}
            readOnly={readOnly}
            bound={frameText(frame, { kind: 'meta', key: 'partnershipName' })}
          />
          <Select
            label="National Performance Framework"
            value={meta.framework}
            readOnly={readOnly}
            options={allFrameworks().map((framework) => ({
              value: framework.id,
              label: `${framework.name} (${framework.usedBy})`,
            }))}
            onChange={(value) => {
              if (isFrameworkId(value)) frame.updateMeta({ framework: value });
            }}
          />
          <FigureField
            label="First year of the period"
            kind="year"
            text={meta.periodStartText}
            readOnly={readOnly}
            onChange={(periodStartText) => frame.updateMeta({ periodStartText })}
          />
          <FigureField
            label="Last year of the period"
            kind="year"
            text={meta.periodEndText}
            readOnly={readOnly}
            onChange={(periodEndText) => frame.updateMeta({ periodEndText })}
          />
          <DateField
            label="Draft due with the Scottish Government"
            value={meta.draftDue ?? ''}
            display={meta.draftDue ? formatUkDate(meta.draftDue) : ''}
            readOnly={readOnly}
            onChange={(draftDue) => frame.updateMeta({ draftDue: draftDue || null })}
          />
          <DateField
            label="Agreement due"
            value={meta.agreementDue ?? ''}
            display={meta.agreementDue ? formatUkDate(meta.agreementDue) : ''}
            readOnly={readOnly}
            onChange={(agreementDue) => frame.updateMeta({ agreementDue: agreementDue || null })}
          />
          <Select
            label="Status"
            value={meta.status}
            readOnly={readOnly}
            options={SOA_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }))}
            onChange={(value) => {
              const status = SOA_STATUSES.find((candidate) => candidate === value);
              if (status) frame.updateMeta({ status });
            }}
          />
          <TextField
            label="Document version"
            value={meta.version}
            readOnly={readOnly}
            limit={TEXT_LIMITS.version}
            onChange={(version) => frame.updateMeta({ version })}
          />
        </div>
        <TextField
          multiline
          label="Contact for other formats and languages"
          value={meta.alternativeFormatsContact}
          readOnly={readOnly}
          bound={frameText(frame, { kind: 'meta', key: 'alternativeFormatsContact' })}
        />
      </section>
      <section aria-labelledby="partners-heading" className="card">
        <h2 id="partners-heading" tabIndex={-1}>
          Partners
        </h2>
        {soa.partners.length === 0 && <p className="empty-note">No partners yet.</p>}
        <ul className="plain-list partner-list">
          {soa.partners.map((partner, index) => (
            <li key={partner.id} className="partner-row">
              {/* Numbered, not named: the label must not change while the name is typed. */}
              <TextField
                label={`Name of partner ${index + 1}`}
                hideLabel
                value={partner.name}
                readOnly={readOnly}
                limit={TEXT_LIMITS.title}
                onChange={(name) => frame.updatePartner(partner.id, { name })}
              />
              <Select
                label={`Kind of organisation for partner ${index + 1}`}
                hideLabel
                value={partner.kind}
                readOnly={readOnly}
                options={PARTNER_KINDS.map((kind) => ({ value: kind, label: PARTNER_KIND_LABELS[kind] }))}
                onChange={(kind) => {
                  if (isPartnerKind(kind)) frame.updatePartner(partner.id, { kind });
                }}
              />
              {!readOnly && (
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() => {
                    void confirm({
                      title: `Remove ${partner.name}?`,
                      message: (
                        <p>
                          {partner.name} will no longer be a partner of this SOA. Its contributions stay stored but are
                          no longer included, and anything pointing to it is listed on the dashboard to tidy up.
                        </p>
                      ),
                      confirmLabel: `Remove ${partner.name}`,
                      danger: true,
                    }).then((yes) => {
                      if (!yes) return;
                      frame.removePartner(partner.id);
                    });
                  }}
                >
                  Remove<span className="visually-hidden"> {partner.name}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
        {confirmDialog}
        {!readOnly && (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (!newPartner.trim()) return;
              frame.addPartner({ name: newPartner.trim(), kind: newKind });
              setNewPartner('');
            }}
          >
            <div className="field">
              <label htmlFor="new-partner-name">New partner</label>
              <input id="new-partner-name" value={newPartner} onChange={(event) => setNewPartner(event.target.value)} />
            </div>
            <Select
              label="Kind"
              value={newKind}
              options={PARTNER_KINDS.map((kind) => ({ value: kind, label: PARTNER_KIND_LABELS[kind] }))}
              onChange={(kind) => {
                if (isPartnerKind(kind)) setNewKind(kind);
              }}
            />
            <button type="submit" className="button">
              Add partner
            </button>
          </form>
        )}
      </section>
    </>
  );
}
