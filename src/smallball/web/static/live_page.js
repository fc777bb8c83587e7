// Group tables, brackets and results follow the competition's stream: on each message the
// page fetches itself and swaps in the fresh sections, keeping any form being typed in.
(function () {
  "use strict";
  const live = document.getElementById("live-draw");
  if (!live || !window.EventSource) return;
  let pending = null;
  async function refresh() {
    const html = await (await fetch(location.href, { cache: "no-store" })).text();
    const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("live-draw");
    if (!fresh) return;
    const typing = live.contains(document.activeElement) && document.activeElement.tagName === "INPUT";
    if (!typing) live.innerHTML = fresh.innerHTML;
    live.dataset.updated = String(Date.now());
  }
  const source = new EventSource(live.dataset.stream);
  source.addEventListener("state", () => {
    clearTimeout(pending);
    pending = setTimeout(refresh, 150);  // a burst of points makes one refresh
  });
})();
