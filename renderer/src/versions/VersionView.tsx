/**
 * A named version, read-only: assembled from the rooms the relay kept for it (never from the live SOA), with
 * a banner saying which version it is and that nothing here can be changed, and the SOA laid out as the
 * document is (VersionDocument.tsx); it can be exported to Word as
 * it was, compared with now, and a section its reader may write, or one paragraph of it, can be copied into
 * the current SOA as a new edit (restore is copying; history is never rewritten). A version opened once is kept on this computer
 * and opens offline (versionContentCache.ts); one never opened here says so.
 */
import { useEffect, useMemo, useState } from 'react';
import { sectionNames, sectionTitle } from '../../../shared/compare';
import { todayIso } from '../../../shared/text/dates';
import type { VersionContentResponse } from '../../../shared/api/versionContent';
import { useConfirm } from '../components/Dialog';
import { exportToWord, type ExportProgress } from '../export/exportWord';
import { useWorkspace } from '../hooks';
import { routeHash } from '../routes';
import { alreadyThere, blockExcerpt, copyParagraph, placeParagraph } from './copyParagraph';
import { copyableSection, type Copyable } from './copySection';
import { type VersionCopy } from './CopyableText';
import { VersionDocument } from './VersionDocument';
import type { RelayAnswer } from './useRelayAnswer';
import { versionDocs } from './versionDocs';
import { versionContent } from './versionContentCache';
import { formatWhen } from './when';
import '../styles/versions.css';

export function VersionView({ versionId }: { readonly versionId: string }) {
  const answer = useVersionContent(versionId);
  if (answer.kind === 'loading') return <p role="status">Fetching the version…</p>;
  if (answer.kind === 'failed') {
    return (
      <p className="problem" role="alert">
        The version could not be shown: {answer.message}
      </p>
    );
  }
  return <ReadOnlyVersion content={answer.value} />;
}

/** The version kept on this computer, else the relay's (versionContentCache.ts): offline too, once opened. */
function useVersionContent(versionId: string): RelayAnswer<VersionContentResponse> {
  const workspace = useWorkspace();
  const [answer, setAnswer] = useState<RelayAnswer<VersionContentResponse>>({ kind: 'loading' });
  const access = workspace.relayAccess;
  const relayUrl = workspace.entry.relayUrl ?? null;
  useEffect(() => {
    let cancelled = false;
    setAnswer({ kind: 'loading' });
    versionContent(relayUrl, access, workspace.soaId, versionId).then(
      (value) => !cancelled && setAnswer({ kind: 'ready', value }),
      (error: unknown) =>
        !cancelled && setAnswer({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [versionId, relayUrl, access?.url, access?.token, workspace.soaId]);
  return answer;
}

function ReadOnlyVersion({ content }: { readonly content: VersionContentResponse }) {
  const workspace = useWorkspace();
  const docs = useMemo(() => versionDocs(content), [content]);
  const { version } = content;
  const names = useMemo(() => sectionNames(docs.frame), [docs]);
  // Each section's version text is read once per version, not on every render.
  const copyables = useMemo(() => new Map<string, Copyable | null>(), [docs]);
  const copyableOf = (key: string): Copyable | null => {
    if (!copyables.has(key)) copyables.set(key, copyableSection(key, docs));
    return copyables.get(key) ?? null;
  };
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [confirm, confirmDialog] = useConfirm();
  const [copied, setCopied] = useState<string | null>(null);

  const exportVersion = async () => {
    setMessage(null);
    setProgress({ fraction: 0, stage: 'Starting' });
    try {
      const result = await exportToWord(
        docs.snapshot,
        {
          scope: { kind: 'whole' },
          generatedOn: todayIso(),
          author: docs.snapshot.meta.partnershipName || workspace.identity.name,
        },
        setProgress,
      );
      setMessage(
        result.cancelled
          ? 'Export cancelled.'
          : result.savedTo
            ? `Saved ${result.fileName} to ${result.savedTo}.`
            : `Downloaded ${result.fileName}.`,
      );
    } catch (error) {
      setMessage(`The Word file could not be made: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setProgress(null);
    }
  };

  const copy = async (key: string, title: string) => {
    const copyable = copyableOf(key);
    if (!copyable) return;
    const yes = await confirm({
      title: 'Copy this section into the current SOA?',
      message: (
        <p>
          The text of "{title}" as it was in "{version.name}" replaces the current text of that section, as a new edit
          by you. The others see it like any edit; nothing in the history is changed.
        </p>
      ),
      confirmLabel: 'Copy into the current SOA',
      cancelLabel: 'Keep the current text',
    });
    if (!yes) return;
    copyable.copy(workspace);
    setCopied(`"${title}" was copied into the current SOA as a new edit.`);
  };

  const copyOne = async (key: string, title: string, index: number) => {
    const copyable = copyableOf(key);
    const block = copyable?.text[index];
    if (!copyable || !block) return;
    const fragment = copyable.fragment(workspace);
    const excerpt = blockExcerpt(block);
    const yes = await confirm({
      title: 'Copy this paragraph into the current SOA?',
      message: (
        <>
          <p>
            The paragraph "{excerpt}" of "{title}" as it was in "{version.name}" is added to the current text of that
            section {placeParagraph(copyable.text, index, fragment).description}, as a new edit by you. Nothing in the
            current text is removed or replaced.
          </p>
          {alreadyThere(block, fragment) && (
            <p>The current text already has a paragraph with these words: copying adds them a second time.</p>
          )}
        </>
      ),
      confirmLabel: 'Copy the paragraph',
      cancelLabel: 'Do not copy',
    });
    if (!yes) return;
    try {
      const place = copyParagraph(copyable.text, index, fragment);
      setCopied(`The paragraph "${excerpt}" was copied into "${title}" ${place.description}, as a new edit.`);
    } catch (error) {
      setCopied(`The paragraph could not be copied: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const versionCopy: VersionCopy = {
    copyable: (key) => {
      const copyable = copyableOf(key);
      return copyable && !workspace.isReadOnlyViewer && workspace.canWrite(copyable.owner) ? copyable.text : null;
    },
    title: (key) => sectionTitle(key, names),
    section: (key) => void copy(key, sectionTitle(key, names)),
    paragraph: (key, index) => void copyOne(key, sectionTitle(key, names), index),
  };

  return (
    <>
      <div className="notice notice-version" role="note" aria-labelledby="version-banner-title">
        <h2 className="notice-title" id="version-banner-title">
          You are looking at the version "{version.name}"
        </h2>
        <p>
          Recorded {formatWhen(version.createdAt)} by {version.createdByName}. This is the SOA as the relay had it then;
          nothing here can be changed.
        </p>
        <p className="version-banner-actions">
          <button
            type="button"
            className="button"
            onClick={() => void exportVersion()}
            disabled={progress !== null}
            aria-describedby="version-export-status"
          >
            Export this version to Word
          </button>
          <a
            className="button button-secondary"
            href={routeHash({ kind: 'compare', from: version.versionId, to: null })}
          >
            Compare with now
          </a>
          <a className="button button-quiet" href={routeHash({ kind: 'versions' })}>
            All versions
          </a>
        </p>
        <p id="version-export-status" role="status" aria-live="polite">
          {progress ? `${progress.stage}…` : message}
        </p>
      </div>
      <p role="status" aria-live="polite">
        {copied}
      </p>
      <VersionDocument snapshot={docs.snapshot} copy={versionCopy} />
      {confirmDialog}
    </>
  );
}
