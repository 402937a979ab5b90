/** The coordinators' texts for a reporting year (summary, engagement, equalities), written by them and read by everyone; the Annual Report prints them. */
import {
  ProgressRoom,
  YEAR_TEXT_KEYS,
  YEAR_TEXT_TITLES,
  type ProgressSnapshot,
  type ReportingYear,
} from '../../../shared/model';
import { RichSection } from '../components/access';
import { useWorkspace } from '../hooks';

export function PartnershipYear({
  progress,
  year,
}: {
  readonly progress: ProgressSnapshot;
  readonly year: ReportingYear;
}) {
  const workspace = useWorkspace();
  return (
    <>
      {YEAR_TEXT_KEYS.map((key) => (
        <div key={`${year}:${key}`} className="year-narrative">
          <h3>
            {YEAR_TEXT_TITLES[key]} ({year})
          </h3>
          <RichSection
            owner={{ kind: 'frame' }}
            label={`${YEAR_TEXT_TITLES[key]}, ${year}`}
            text={progress.yearTexts.find((entry) => entry.year === year && entry.key === key)?.text ?? []}
            agreedNotice={false}
            headingLevel={4}
            fragment={() => new ProgressRoom(workspace.docOf({ kind: 'frame' })).yearTextFragment(year, key)}
          />
        </div>
      ))}
    </>
  );
}
