/*
 * Unravel's service worker. Two jobs:
 * 1. Cross-origin isolation on hosts that cannot send headers: every response
 *    it serves carries COOP/COEP, as the coi-serviceworker package does.
 * 2. Offline use once a page has loaded: on install it caches the site's
 *    scripts, styles and lesson bundles (listed in /offline.json at build),
 *    and it caches each page it serves. Requests go to the network first, so
 *    an online reader always gets the current site; the cache answers only
 *    when the network cannot.
 */
const CACHE = "unravel-v1";

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

async function precache() {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch("/offline.json", { cache: "no-cache" });
    if (!response.ok) return;
    const urls = await response.json();
    // One failed file must not stop the rest: add them one by one.
    await Promise.all(
      urls.map((url) => cache.add(new Request(url, { cache: "no-cache" })).catch(() => {})),
    );
  } catch {
    // Offline at install time: pages are still cached as they are served.
  }
}

function isolated(response) {
  if (response.status === 0) return response; // opaque: headers cannot be changed
  const headers = new Headers(response.headers);
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Cross-Origin-Embedder-Policy", "require-corp");
  headers.set("Cross-Origin-Resource-Policy", "same-origin");
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.cache === "only-if-cached" && request.mode !== "same-origin") return;
  event.respondWith(
    (async () => {
      try {
        const response = await fetch(request);
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
        }
        return isolated(response);
      } catch (error) {
        const hit = await caches.match(request, { ignoreVary: true });
        if (hit) return isolated(hit);
        throw error;
      }
    })(),
  );
});
