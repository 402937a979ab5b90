/** One of the shared narrative sections the coordinators write (our place, engagement, equalities...). */
import { NARRATIVE_TITLES, type NarrativeKey } from '../../../shared/model';
import { useDocState, useWorkspace } from '../hooks';
import { RichSection } from '../components/access';

export function NarrativePage({ narrativeKey }: { readonly narrativeKey: NarrativeKey }) {
  const workspace = useWorkspace();
  const { soa } = useDocState();
  return (
    <div className="card">
      <RichSection
        key={narrativeKey}
        owner={{ kind: 'frame' }}
        label={NARRATIVE_TITLES[narrativeKey]}
        headingLevel={2}
        text={soa.narrative[narrativeKey]}
        fragment={() => workspace.frameCommands.narrativeFragment(narrativeKey)}
      />
    </div>
  );
}
