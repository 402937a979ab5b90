/**
 * A version's SOA read-only, laid out in the order of the document itself (shared/domain's brief, as the Word
 * export orders it): the partnership's details; foreword, purpose, our place and vision; one chapter per local
 * outcome; the prevention plan with the resources by partner; community engagement, equalities and governance;
 * the partners with their statements of support; the notes on gaps. Built from the version's assembled
 * snapshot (the model the export reads), never from the live SOA, after a contents list of its chapters. Headings run h2 (chapter) to h4, rich
 * text continues below them; every table has a caption and header cells.
 */
import type { ReactNode } from 'react';
import { NARRATIVE_TITLES, type NarrativeKey, type OutcomeView, type SoaSnapshot } from '../../../shared/model';
import { CopyableText, type VersionCopy } from './CopyableText';
import { VersionContents, type Chapter } from './VersionContents';
import { VersionMatrices } from './VersionMatrices';
import { outcomeName, VersionOutcome } from './VersionOutcome';
import { DetailList, ResourcesTable } from './VersionTables';
import { partnerDetails, partnershipDetails } from './versionRows';

const BEFORE_OUTCOMES = ['foreword', 'purpose', 'understandingOfPlace', 'vision'] as const;
const AFTER_PREVENTION = ['communityEngagement', 'equalities', 'governance'] as const;
const DETAILS_HEADING = 'version-details';
const PARTNERS_HEADING = 'version-partners';
const PARTNERS_TITLE = 'Partners and their statements of support';
const narrativeHeading = (key: NarrativeKey) => `version-narrative-${key}`;
const outcomeHeading = (outcome: OutcomeView) => `version-outcome-${outcome.id}`;

/** The chapters in document order, for the contents. */
function chapters(snapshot: SoaSnapshot): Chapter[] {
  const narrative = (key: NarrativeKey): Chapter => ({
    headingId: narrativeHeading(key),
    title: NARRATIVE_TITLES[key],
  });
  return [
    { headingId: DETAILS_HEADING, title: detailsTitle(snapshot) },
    ...BEFORE_OUTCOMES.map(narrative),
    ...snapshot.outcomes.map((outcome) => ({ headingId: outcomeHeading(outcome), title: outcomeName(outcome) })),
    narrative('preventionOverview'),
    ...AFTER_PREVENTION.map(narrative),
    { headingId: PARTNERS_HEADING, title: PARTNERS_TITLE },
    narrative('gapNotes'),
  ];
}

function detailsTitle(snapshot: SoaSnapshot): string {
  return `${snapshot.meta.title || 'The SOA'}: details`;
}

export function VersionDocument({ snapshot, copy }: { readonly snapshot: SoaSnapshot; readonly copy: VersionCopy }) {
  const narrative = (key: NarrativeKey) => (
    <NarrativeChapter key={key} narrativeKey={key} snapshot={snapshot} copy={copy}>
      {key === 'vision' && <VersionMatrices snapshot={snapshot} />}
    </NarrativeChapter>
  );
  return (
    <div className="version-document">
      <VersionContents chapters={chapters(snapshot)} />
      <article className="card version-section" aria-labelledby={DETAILS_HEADING}>
        <h2 id={DETAILS_HEADING} tabIndex={-1}>
          {detailsTitle(snapshot)}
        </h2>
        <DetailList rows={partnershipDetails(snapshot)} />
      </article>
      {BEFORE_OUTCOMES.map(narrative)}
      {snapshot.outcomes.length === 0 && (
        <article className="card version-section" aria-labelledby="version-no-outcomes">
          <h2 id="version-no-outcomes">Local outcomes</h2>
          <p className="empty-note">This version has no local outcomes.</p>
        </article>
      )}
      {snapshot.outcomes.map((outcome) => (
        <VersionOutcome
          key={outcome.id}
          outcome={outcome}
          headingId={outcomeHeading(outcome)}
          snapshot={snapshot}
          copy={copy}
        />
      ))}
      <NarrativeChapter narrativeKey="preventionOverview" snapshot={snapshot} copy={copy}>
        <h3>Resources by partner</h3>
        <ResourcesTable
          resources={snapshot.resources}
          caption="Resources each partner commits to the local outcomes, and how much of them is preventative"
        />
      </NarrativeChapter>
      {AFTER_PREVENTION.map(narrative)}
      <PartnersChapter snapshot={snapshot} copy={copy} />
      {narrative('gapNotes')}
    </div>
  );
}

function NarrativeChapter({
  narrativeKey,
  snapshot,
  copy,
  children,
}: {
  readonly narrativeKey: NarrativeKey;
  readonly snapshot: SoaSnapshot;
  readonly copy: VersionCopy;
  readonly children?: ReactNode;
}) {
  const headingId = narrativeHeading(narrativeKey);
  const title = NARRATIVE_TITLES[narrativeKey];
  return (
    <article className="card version-section" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        {title}
      </h2>
      <CopyableText
        sectionKey={`narrative.${narrativeKey}`}
        text={snapshot.narrative[narrativeKey]}
        topLevel={3}
        copy={copy}
      />
      {children}
    </article>
  );
}

function PartnersChapter({ snapshot, copy }: { readonly snapshot: SoaSnapshot; readonly copy: VersionCopy }) {
  return (
    <article className="card version-section" aria-labelledby={PARTNERS_HEADING}>
      <h2 id={PARTNERS_HEADING} tabIndex={-1}>
        {PARTNERS_TITLE}
      </h2>
      {snapshot.partners.length === 0 && <p className="empty-note">This version has no partners.</p>}
      {snapshot.partners.map((partner) => (
        <div key={partner.id} className="version-partner">
          <h3>{partner.name}</h3>
          {partner.unreadable ? (
            <p className="problem">
              {partner.name}’s part of this version could not be read: {partner.unreadable.message}
            </p>
          ) : (
            <>
              <DetailList rows={partnerDetails(partner)} />
              <h4>Statement of support</h4>
              <CopyableText
                sectionKey={`partner.${partner.id}.statement`}
                text={partner.statement}
                topLevel={5}
                copy={copy}
              />
              <h4>Notes on gaps</h4>
              <CopyableText
                sectionKey={`partner.${partner.id}.gapNotes`}
                text={partner.gapNotes}
                topLevel={5}
                copy={copy}
              />
            </>
          )}
        </div>
      ))}
    </article>
  );
}
