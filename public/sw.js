// Cartable's service worker: keeps the build's files for offline use and shows /offline.html when
// a page cannot be reached. Plain JavaScript, no build step. The server fills in the two
// placeholders when it serves /sw.js, so every build installs a new worker with its own cache.
const VERSION = "__CARTABLE_VERSION__";
// The content-hashed /pkg/ files, /offline.html, /offline.css and the icons.
const PRECACHE = __CARTABLE_PRECACHE__;
const CACHE = `cartable-${VERSION}`;

self.addEventListener('install', (event) => {
  // Waiting for the old pages to close would keep the old build's files alive for days on phones.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // Older builds' files are never asked for again: only this build's cache is kept.
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith('cartable-') && name !== CACHE)
      .map((name) => caches.delete(name)));
    // Pages then reach the server while this worker starts, instead of after.
    if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Forms and server functions (/api/) always talk to the server, untouched.
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;

  if (request.mode === 'navigate') {
    // Pages hold a child's data and are sent `no-store`: always from the network, never cached.
    event.respondWith((async () => {
      try {
        return (await event.preloadResponse) || (await fetch(request));
      } catch {
        const offline = await caches.open(CACHE).then((cache) => cache.match('/offline.html'));
        return offline || Response.error();
      }
    })());
    return;
  }

  if (url.pathname.startsWith('/pkg/')) {
    // A content-hashed name never changes its content: the cached copy is always right.
    event.respondWith(fromCacheOr(request, event, true));
  } else if (PRECACHE.includes(url.pathname)) {
    event.respondWith(fromCacheOr(request, event, false));
  }
  // Anything else goes to the network as if there were no worker.
});

/** The cached answer to `request`, else the network's (kept for next time when `keep`). */
async function fromCacheOr(request, event, keep) {
  const cache = await caches.open(CACHE);
  // The stored body is already decoded: the Accept-Encoding it was fetched with does not matter.
  const cached = await cache.match(request, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  // Only a real file: never an error page or the sign-in page a redirect may lead to.
  if (keep && response.ok && !response.redirected) event.waitUntil(cache.put(request, response.clone()));
  return response;
}

// Web push (see server::push): the server's message is the notification's title, text, and the page
// a tap opens.
self.addEventListener('push', (event) => {
  let message = {};
  try { message = event.data ? event.data.json() : {}; } catch { /* an unreadable message still tells */ }
  event.waitUntil(self.registration.showNotification(message.title || 'Cartable', {
    body: message.body || '',
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    data: { url: message.url || '/notifications' },
    // One notification per page: a second message about it replaces the first.
    tag: message.url || 'cartable',
    requireInteraction: Boolean(message.urgent),
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL((event.notification.data && event.notification.data.url) || '/notifications', self.location.origin);
  // Only ever our own pages.
  if (url.origin !== self.location.origin) return;
  event.waitUntil((async () => {
    const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const same = open.find((client) => client.url === url.href);
    if (same) return same.focus();
    return self.clients.openWindow(url.href);
  })());
});
