/**
 * SOA Studio's service worker for the browser version (Workbox, built by vite-plugin-pwa): the app opens
 * with no network, so an officer on a train can reload and keep working (their SOA itself is in IndexedDB).
 *
 * Every file of the build (the first screen and the chunks loaded on demand: the Word export and its
 * worker, the sample generator, the prose editor) is precached at install, each under its build revision,
 * so exporting works offline without having been tried online first. A new build installs a new worker
 * that waits until no page of the old build is open (an open page may still load the old build's chunks),
 * then takes over and deletes every file of the old build. The first worker on a computer takes the page
 * that installed it at once, so an officer who goes offline before reloading can still export and edit.
 * Navigations get the precached index.html.
 * The relay's API and sync socket are never intercepted.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { readonly __WB_MANIFEST: Parameters<typeof precacheAndRoute>[0] };

/** The hand-written worker's cache (one name for every build), deleted with its pile of old assets. */
const LEGACY_CACHES = ['soa-studio-shell-v1'];

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Only ever reached with no page of another build open: a new build's worker waits for them to close.
clientsClaim();

const RELAY_PATHS = [/^\/api\//, /^\/sync/, /^\/healthz$/];
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: RELAY_PATHS }));

self.addEventListener('activate', (event) => {
  event.waitUntil(Promise.all(LEGACY_CACHES.map((name) => caches.delete(name))));
});
