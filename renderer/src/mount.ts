/**
 * Mounting entry points without JSX, for hosts other than main.tsx (the editor benchmarks): the workspace
 * screen for an open Workspace, or the prose editor alone with no Yjs binding.
 */
import './zodSetup';
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { WorkspaceContext } from './hooks';
import { Shell } from './components/Shell';
import { RichTextEditor } from './richtext/RichTextEditor';
import type { Workspace } from './store/workspace';

export function mountWorkspace(container: HTMLElement, workspace: Workspace): Root {
  const root = createRoot(container);
  root.render(
    createElement(
      WorkspaceContext.Provider,
      { value: workspace },
      createElement(Shell, { onLeave: () => undefined, onEnterToken: () => undefined }),
    ),
  );
  return root;
}

export function mountUnboundEditor(container: HTMLElement, label: string, html: string): Root {
  const root = createRoot(container);
  root.render(
    createElement(
      'main',
      { className: 'main-pane' },
      createElement(RichTextEditor, { fragment: null, label, unboundContent: html }),
    ),
  );
  return root;
}
