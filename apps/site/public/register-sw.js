/*
 * Registers /unravel-sw.js. On a host that sent no COOP/COEP the page is not
 * cross-origin isolated: once the service worker controls it, reload once so
 * that the worker's headers apply (a session flag stops a reload loop).
 */
(() => {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  const FLAG = "unravel-isolation-reload";
  navigator.serviceWorker.register("/unravel-sw.js").then(
    () => {
      const reloadIfNeeded = () => {
        if (window.crossOriginIsolated || sessionStorage.getItem(FLAG)) return;
        sessionStorage.setItem(FLAG, "1");
        location.reload();
      };
      if (navigator.serviceWorker.controller) reloadIfNeeded();
      else
        navigator.serviceWorker.addEventListener("controllerchange", reloadIfNeeded, {
          once: true,
        });
    },
    (error) => console.warn("Unravel: the service worker could not register:", error),
  );
  if (window.crossOriginIsolated) sessionStorage.removeItem(FLAG);
})();
