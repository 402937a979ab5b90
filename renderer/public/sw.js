/*
 * SOA Studio's offline shell for the browser version: the app opens with no network, so an officer on a
 * train can reload and keep working (their SOA itself is in IndexedDB). Navigations go to the network first
 * and fall back to the cached page; hashed assets are served from the cache once fetched. The relay's API
 * and sync socket are never intercepted.
 */
const CACHE = 'soa-studio-shell-v1';

async function precache() {
  const cache = await caches.open(CACHE);
  const response = await fetch('./', { cache: 'no-store' });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put('./', response);
  const assets = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((match) => `./${match[1]}`);
  await cache.addAll(assets);
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/sync') || url.pathname === '/healthz') return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            void caches.open(CACHE).then((cache) => cache.put('./', copy));
          }
          return response;
        })
        .catch(() => caches.open(CACHE).then((cache) => cache.match('./')).then((cached) => cached ?? Response.error())),
    );
    return;
  }
  if (url.pathname.includes('/assets/')) {
    event.respondWith(
      caches.open(CACHE).then((cache) =>
        cache.match(request).then(
          (cached) =>
            cached ??
            fetch(request).then((response) => {
              if (response.ok) void cache.put(request, response.clone());
              return response;
            }),
        ),
      ),
    );
  }
});
