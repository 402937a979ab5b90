/**
 * The workspace screen: a header (SOA, who I am, export), the outline on the left, the page in the middle,
 * the status bar at the bottom. Navigation moves focus to the new page's heading (or to the exact thing to
 * fix); remote edits never move focus.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { NARRATIVE_TITLES, type PartnerId } from '../../../shared/model';
import type { MenuCommand } from '../../../shared/bridge/desktopBridge';
import { NavigationContext, useDocState, useSync, useWorkspace, type Navigator } from '../hooks';
import { useConfirm } from './Dialog';
import { parseHash, routeHash, sectionKey, type Location, type Route } from '../routes';
import { Outline } from './Outline';
import { StatusBar } from './StatusBar';
import { Dashboard } from '../pages/Dashboard';
import { DetailsPage } from '../pages/DetailsPage';
import { NarrativePage } from '../pages/NarrativePage';
import { OutcomePage } from '../pages/OutcomePage';
import { PartnerPage } from '../pages/PartnerPage';
import { useWordExport } from '../export/useWordExport';
import { CommentsArea } from '../comments/CommentsArea';
import { useCommentsAfterFirstScreen } from '../comments/useCommentsAfterFirstScreen';
import { usePdfExport } from '../export/usePdfExport';
import { bridge } from '../store/catalogue';
import { VersionsPage } from '../versions/VersionsPage';
import { VersionView } from '../versions/VersionView';
import { ComparePage } from '../versions/ComparePage';
import { HistoryPage } from '../versions/HistoryPage';
import { LastChanged } from '../versions/LastChanged';
import { useVersionStore } from '../versions/useVersions';

function defaultRoute(workspace: ReturnType<typeof useWorkspace>): Route {
  const identity = workspace.identity;
  if (identity.kind === 'member' && identity.role === 'partner') return { kind: 'partner', id: identity.partnerId };
  return { kind: 'dashboard' };
}

export function Shell({
  onLeave,
  onSignOut,
  onEnterToken,
}: {
  readonly onLeave: () => void;
  readonly onSignOut?: () => Promise<void>;
  readonly onEnterToken: () => void;
}) {
  const workspace = useWorkspace();
  const state = useDocState();
  const [location, setLocation] = useState<Location>(
    () => parseHash(window.location.hash) ?? { route: defaultRoute(workspace), focus: null },
  );
  const focusPending = useRef<boolean>(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const onHash = () => {
      const parsed = parseHash(window.location.hash);
      if (parsed) {
        focusPending.current = true;
        setLocation(parsed);
      }
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    workspace.setSection(sectionKey(location.route));
    if (!focusPending.current) return;
    focusPending.current = false;
    // After the page renders: the thing to fix, else the page heading.
    requestAnimationFrame(() => {
      const target = location.focus ? document.getElementById(location.focus) : null;
      if (target) {
        if (!target.hasAttribute('tabindex') && !/^(INPUT|SELECT|TEXTAREA|BUTTON|A)$/.test(target.tagName))
          target.setAttribute('tabindex', '-1');
        target.focus();
        target.scrollIntoView({ block: 'center' });
      } else headingRef.current?.focus();
    });
  }, [location, workspace]);

  const navigator: Navigator = useMemo(
    () => ({
      location,
      go: (route: Route, focus?: string | null) => {
        const hash = routeHash(route, focus);
        focusPending.current = true;
        if (window.location.hash === hash) setLocation({ route, focus: focus ?? null });
        else window.location.hash = hash;
      },
    }),
    [location],
  );

  const title = pageTitle(location.route, state);
  // A version asked for offline is sent when the relay can be reached, whatever page is open.
  const versionStore = useVersionStore();
  useCommentsAfterFirstScreen();
  useEffect(() => (workspace.entry.kind === 'relay' ? versionStore.start() : undefined), [versionStore, workspace]);
  useEffect(() => {
    document.title = `${title} · ${state.soa.meta.title || 'SOA'} · SOA Studio`;
  }, [title, state.soa.meta.title]);

  return (
    <NavigationContext.Provider value={navigator}>
      <a
        href="#main-heading"
        className="skip-link"
        onClick={(event) => {
          event.preventDefault();
          headingRef.current?.focus();
        }}
      >
        Skip to the page
      </a>
      <div className="app-shell">
        <Header onLeave={onLeave} onSignOut={onSignOut} />
        <div className="app-body">
          {/* Until the frame has content there is no SOA to outline: an outline of "empty" sections would
              present a damaged or unfetched copy as if it were the partnership's real, empty SOA. */}
          {state.ready && <Outline />}
          <main className="main-pane" aria-labelledby="main-heading">
            {!state.ready ? (
              <div className="loading" role="status">
                <h1 id="main-heading" tabIndex={-1} ref={headingRef}>
                  {workspace.entry.kind === 'relay' ? 'Fetching the SOA from the relay…' : 'Opening the SOA…'}
                </h1>
              </div>
            ) : (
              <>
                <h1 id="main-heading" tabIndex={-1} ref={headingRef} className="page-title">
                  {title}
                </h1>
                <LastChanged route={location.route} />
                <CommentsArea route={location.route} place="top" />
                <Page route={location.route} />
                <CommentsArea route={location.route} place="bottom" />
              </>
            )}
          </main>
        </div>
        <StatusBar onEnterToken={onEnterToken} />
      </div>
    </NavigationContext.Provider>
  );
}

function pageTitle(route: Route, state: ReturnType<typeof useDocState>): string {
  switch (route.kind) {
    case 'dashboard':
      return 'Progress and what is missing';
    case 'details':
      return 'SOA details and partners';
    case 'narrative':
      return NARRATIVE_TITLES[route.key];
    case 'outcome': {
      const outcome = state.soa.outcomes.find((candidate) => candidate.id === route.id);
      return outcome ? `Outcome ${outcome.number}: ${outcome.title || 'Untitled'}` : 'Local outcome';
    }
    case 'partner':
      return state.soa.partners.find((candidate) => candidate.id === route.id)?.name ?? 'Partner';
    case 'versions':
      return 'Versions';
    case 'version':
      return 'A named version (read only)';
    case 'compare':
      return 'What changed';
    case 'history':
      return 'Who changed what';
  }
}

function Page({ route }: { readonly route: Route }): ReactNode {
  switch (route.kind) {
    case 'dashboard':
      return <Dashboard />;
    case 'details':
      return <DetailsPage />;
    case 'narrative':
      return <NarrativePage narrativeKey={route.key} />;
    case 'outcome':
      return <OutcomePage key={route.id} outcomeId={route.id} />;
    case 'partner':
      return <PartnerPage key={route.id} partnerId={route.id as PartnerId} />;
    case 'versions':
      return <VersionsPage />;
    case 'version':
      return <VersionView key={route.id} versionId={route.id} />;
    case 'compare':
      return <ComparePage key={`${route.from}/${route.to ?? ''}`} from={route.from} to={route.to} />;
    case 'history':
      return <HistoryPage />;
  }
}

function Header({
  onLeave,
  onSignOut,
}: {
  readonly onLeave: () => void;
  readonly onSignOut: (() => Promise<void>) | undefined;
}) {
  const workspace = useWorkspace();
  const sync = useSync();
  const [confirm, confirmDialog] = useConfirm();
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const signOut = async () => {
    if (!onSignOut) return;
    const unsent = sync.unsent.length;
    const yes = await confirm({
      title: 'Sign out on this computer?',
      message: (
        <>
          <p>
            SOA Studio will forget your invite token on this computer. To sync again you will need the invite token your
            coordinator sent you.
          </p>
          {unsent > 0 && (
            <p>
              Edits in {unsent === 1 ? '1 section have' : `${unsent} sections have`} not reached the relay yet. They
              stay on this computer and are sent when you sign in again.
            </p>
          )}
        </>
      ),
      confirmLabel: 'Sign out',
      cancelLabel: 'Stay signed in',
    });
    if (!yes) return;
    try {
      await onSignOut();
    } catch (error) {
      setSignOutError(`Could not sign out: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const { soa, ready } = useDocState();
  const identity = workspace.identity;
  const { runExport, progress, message, busy } = useWordExport();
  const { runPdfExport, pdfProgress, pdfMessage, pdfBusy } = usePdfExport();

  useEffect(() => {
    const desktop = bridge();
    if (!desktop) return;
    return desktop.onMenuCommand((command: MenuCommand) => {
      // Nothing to export until the SOA is here (an export now would be an empty document).
      if (command === 'export-word') {
        if (ready) void runExport({ kind: 'whole' });
      } else if (command === 'new-local-soa' || command === 'join-partnership') onLeave();
    });
  }, [runExport, onLeave, ready]);

  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-name">SOA Studio</span>
        <span className="soa-title">
          {ready ? soa.meta.title || 'Untitled SOA' : 'Not yet available on this computer'}
        </span>
      </div>
      <div className="who" aria-label="Who you are">
        {identity.kind === 'local' ? (
          <>
            <span className="who-name">On this computer only</span>
            <span className="who-role">You write every section</span>
          </>
        ) : (
          <>
            <span className="who-name">{identity.name}</span>
            <span className="who-role">
              {identity.partnerName} ·{' '}
              {identity.role === 'coordinator' ? 'Coordinator' : identity.role === 'partner' ? 'Partner' : 'Reviewer'}
            </span>
            {identity.role === 'reviewer' && <span className="badge badge-readonly">Read only</span>}
          </>
        )}
      </div>
      <div className="header-actions">
        <button
          type="button"
          className="button"
          onClick={() => void runExport({ kind: 'whole' })}
          disabled={busy || !ready}
          aria-describedby="export-status"
        >
          Export to Word
        </button>
        <div id="export-status" className="export-status" role="status" aria-live="polite">
          {progress && (
            <>
              <progress max={1} value={progress.fraction} aria-label="Export progress" /> <span>{progress.stage}</span>
            </>
          )}
          {!progress && message && <span>{message}</span>}
        </div>
        {workspace.entry.kind === 'relay' && (
          <>
            {/* aria-disabled, not disabled, while busy: the button keeps keyboard focus during the wait. */}
            <button
              type="button"
              className="button"
              onClick={() => void runPdfExport()}
              disabled={!ready}
              aria-disabled={pdfBusy}
              aria-describedby="pdf-status"
            >
              Export PDF
            </button>
            <div id="pdf-status" className="export-status" role="status" aria-live="polite">
              {pdfProgress && (
                <>
                  <progress aria-label="PDF progress" /> <span>{pdfProgress.stage}</span>{' '}
                  <span aria-hidden="true">({pdfProgress.seconds} s)</span>
                </>
              )}
              {!pdfProgress && pdfMessage && <span>{pdfMessage}</span>}
            </div>
          </>
        )}
        <button type="button" className="button button-quiet" onClick={onLeave}>
          Switch SOA
        </button>
        {onSignOut && workspace.entry.kind === 'relay' && sync.link !== 'signed-out' && (
          <button type="button" className="button button-quiet" onClick={() => void signOut()}>
            Sign out
          </button>
        )}
        {signOutError && (
          <p className="problem" role="alert">
            {signOutError}
          </p>
        )}
        {confirmDialog}
      </div>
    </header>
  );
}
