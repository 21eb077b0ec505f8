// The chat page's service worker: it receives wake-ups, which say only that
// events wait for this device (a notification id and a cursor, never
// content), tells any open page, and otherwise shows a notification that
// names nothing from the message.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("push", (event) => {
  event.waitUntil(
    (async () => {
      let wake;
      try {
        wake = event.data ? event.data.json() : undefined;
      } catch {
        wake = undefined;
      }
      const pages = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      for (const page of pages) page.postMessage({ type: "missive-wake", nid: wake?.nid, cursor: wake?.cursor });
      if (!pages.some((page) => page.visibilityState === "visible")) {
        try {
          await self.registration.showNotification("Missive", { body: "New message", tag: "missive-wake" });
        } catch {
          // No permission to notify: the page catches up when it opens.
        }
      }
    })(),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(self.clients.openWindow("/"));
});
