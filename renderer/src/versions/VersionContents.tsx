/**
 * The contents of a version laid out as the SOA (VersionDocument.tsx): one entry per chapter that moves the
 * focus to the chapter's heading, so a keyboard or screen-reader user reaches any outcome without tabbing
 * through everything before it. Buttons, not links: the address's hash is the app's route.
 */
export interface Chapter {
  /** The id of the chapter's heading (focusable with tabIndex -1). */
  readonly headingId: string;
  readonly title: string;
}

export function VersionContents({ chapters }: { readonly chapters: readonly Chapter[] }) {
  const go = (headingId: string) => {
    const heading = document.getElementById(headingId);
    if (!heading) return;
    heading.scrollIntoView({ block: 'start' });
    heading.focus();
  };
  return (
    <nav className="card version-contents" aria-labelledby="version-contents-title">
      <h2 id="version-contents-title">Contents of this version</h2>
      <ol>
        {chapters.map((chapter) => (
          <li key={chapter.headingId}>
            <button type="button" className="link-button" onClick={() => go(chapter.headingId)}>
              {chapter.title}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
