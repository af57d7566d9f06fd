// Public site: count the page view and share clicks with a tiny beacon (no cookies, nothing about the visitor),
// and open the share targets. Pages stay cacheable because counting never depends on the page request.
(function () {
  const body = document.body;
  const target = body.dataset.countTarget;
  const url = body.dataset.beaconUrl;
  function send(kind, channel) {
    if (!target || !url) return;
    const data = new URLSearchParams({ target: target, kind: kind });
    if (channel) data.append("channel", channel);
    if (navigator.sendBeacon && navigator.sendBeacon(url, data)) return;
    fetch(url, { method: "POST", body: data, credentials: "omit", keepalive: true }).catch(() => {});
  }
  document.addEventListener("DOMContentLoaded", () => {
    if (document.visibilityState === "prerender") return;
    send("view");
    document.querySelectorAll("[data-share]").forEach((button) => {
      button.addEventListener("click", () => {
        const channel = button.dataset.share;
        const here = window.location.href.split("#")[0];
        send("share", channel);
        if (channel === "line") {
          window.open("https://social-plugins.line.me/lineit/share?url=" + encodeURIComponent(here), "_blank", "noopener");
        } else if (channel === "facebook") {
          window.open("https://www.facebook.com/sharer/sharer.php?u=" + encodeURIComponent(here), "_blank", "noopener");
        } else if (navigator.clipboard) {
          navigator.clipboard.writeText(here).then(() => {
            const label = button.dataset.copied;
            if (label) button.textContent = label;
          });
        }
      });
    });
  });
})();
