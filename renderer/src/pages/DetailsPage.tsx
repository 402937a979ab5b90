/** Front matter: the SOA's own facts (title, area, period, framework, deadlines) and its partners. */
import { useState } from 'react';
import { allFrameworks, PARTNER_KINDS, PARTNER_KIND_LABELS, isFrameworkId, isPartnerKind, type PartnerKind } from '../../../shared/reference';
import { SOA_STATUSES, type SoaStatus } from '../../../shared/model';
import { useDocState, useWorkspace } from '../hooks';
import { useSectionAccess } from '../components/access';
import { useConfirm } from '../components/Dialog';
import { NumberField, Select, TextField, WrittenBy } from '../components/fields';

const STATUS_LABELS: Record<SoaStatus, string> = { drafting: 'Drafting', 'draft-submitted': 'Draft sent to the Scottish Government', agreed: 'Agreed' };

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
          <TextField id="soa-title" label="Title" value={meta.title} readOnly={readOnly} onCommit={(title) => frame.updateMeta({ title })} />
          <TextField label="Council area" value={meta.area} readOnly={readOnly} onCommit={(area) => frame.updateMeta({ area })} />
          <TextField label="Partnership name" value={meta.partnershipName} readOnly={readOnly} onCommit={(partnershipName) => frame.updateMeta({ partnershipName })} />
          <Select
            label="National Performance Framework"
            value={meta.framework}
            disabled={readOnly}
            options={allFrameworks().map((framework) => ({ value: framework.id, label: `${framework.name} (${framework.usedBy})` }))}
            onChange={(value) => {
              if (isFrameworkId(value)) frame.updateMeta({ framework: value });
            }}
          />
          <NumberField label="First year of the period" integer value={meta.periodStart} readOnly={readOnly} onCommit={(periodStart) => frame.updateMeta({ periodStart })} />
          <NumberField label="Last year of the period" integer value={meta.periodEnd} readOnly={readOnly} onCommit={(periodEnd) => frame.updateMeta({ periodEnd })} />
          <TextField type="date" label="Draft due with the Scottish Government" value={meta.draftDue ?? ''} readOnly={readOnly} onCommit={(draftDue) => frame.updateMeta({ draftDue: draftDue || null })} />
          <TextField type="date" label="Agreement due" value={meta.agreementDue ?? ''} readOnly={readOnly} onCommit={(agreementDue) => frame.updateMeta({ agreementDue: agreementDue || null })} />
          <Select
            label="Status"
            value={meta.status}
            disabled={readOnly}
            options={SOA_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }))}
            onChange={(value) => {
              const status = SOA_STATUSES.find((candidate) => candidate === value);
              if (status) frame.updateMeta({ status });
            }}
          />
          <TextField label="Document version" value={meta.version} readOnly={readOnly} onCommit={(version) => frame.updateMeta({ version })} />
        </div>
        <TextField
          multiline
          label="Contact for other formats and languages"
          value={meta.alternativeFormatsContact}
          readOnly={readOnly}
          onCommit={(alternativeFormatsContact) => frame.updateMeta({ alternativeFormatsContact })}
        />
      </section>
      <section aria-labelledby="partners-heading" className="card">
        <h2 id="partners-heading" tabIndex={-1}>
          Partners
        </h2>
        {soa.partners.length === 0 && <p className="empty-note">No partners yet.</p>}
        <ul className="plain-list partner-list">
          {soa.partners.map((partner) => (
            <li key={partner.id} className="partner-row">
              <TextField label={`Name of partner ${partner.name}`} hideLabel value={partner.name} readOnly={readOnly} onCommit={(name) => frame.updatePartner(partner.id, { name })} />
              <Select
                label={`Kind of organisation for ${partner.name}`}
                hideLabel
                value={partner.kind}
                disabled={readOnly}
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
                      message: <p>{partner.name} will no longer be a partner of this SOA. Its contributions stay stored but are no longer included, and anything pointing to it is listed on the dashboard to tidy up.</p>,
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
