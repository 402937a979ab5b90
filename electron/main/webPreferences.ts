/**
 * The window's web preferences, in one place so a test can pin every security-relevant switch (Electron
 * security checklist: isolation, sandbox, no Node, web security, no insecure content, no experimental
 * features, no <webview>). The preload is the only bridge to the desktop. Developer tools open only in a
 * development run, never in the packaged app.
 */
import type { WebPreferences } from 'electron';

export function appWebPreferences(
  preloadPath: string,
  { development }: { readonly development: boolean },
): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
    devTools: development,
    // Middle-click would otherwise try to open a link in a new window (denied anyway by the open handler).
    disableBlinkFeatures: 'Auxclick',
  };
}
