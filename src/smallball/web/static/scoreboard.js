// Scoreboards follow a server-sent event stream; each message is a match's whole live state,
// so a missed message is repaired by the next one.
(function () {
  "use strict";
  function names(side) { return side.map((p) => p.name).join(" / "); }
  function nameOf(state, id) {
    for (const side of state.sides) for (const p of side) if (p.id === id) return p.name;
    return "";
  }
  function fill(box, state) {
    if (!state || state.idle) {
      box.classList.add("idle");
      return;
    }
    box.classList.remove("idle");
    box.dataset.seq = String(state.seq);
    const q = (sel) => box.querySelector(sel);
    const score = state.score || { games: [], current: null };
    const cur = score.current;
    const won = [0, 0];
    score.games.forEach((g) => { won[g[0] > g[1] ? 0 : 1] += 1; });
    q(".code").textContent = state.competition + " " + state.code + (state.table ? " · T" + state.table : "");
    q(".name-a").textContent = names(state.sides[0]);
    q(".name-b").textContent = names(state.sides[1]);
    q(".points-a").textContent = cur ? cur.score[0] : "";
    q(".points-b").textContent = cur ? cur.score[1] : "";
    q(".games-a").textContent = won[0];
    q(".games-b").textContent = won[1];
    q(".server").textContent = cur ? nameOf(state, cur.server) : "";
    q(".receiver").textContent = cur ? nameOf(state, cur.receiver) : "";
    q(".games").textContent = score.games.map((g) => g[0] + "-" + g[1]).join("  ");
  }
  window.smallballScoreboard = { fill: fill };
  document.querySelectorAll("[data-stream]").forEach((box) => {
    const source = new EventSource(box.dataset.stream);
    source.addEventListener("state", (e) => fill(box, JSON.parse(e.data)));
  });
  document.querySelectorAll("[data-hall]").forEach((hall) => {
    const source = new EventSource(hall.dataset.hall);
    source.addEventListener("state", (e) => {
      const state = JSON.parse(e.data);
      const box = hall.querySelector('[data-table="' + state.table + '"]');
      if (box) fill(box, state);
    });
  });
})();
