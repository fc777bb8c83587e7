// The umpire's page: every tap becomes an event in a queue kept in browser storage, sent in
// order with its sequence number and idempotency key, so a dropped network loses nothing and a
// repeated send counts once. Server, receiver and ends always come from the server's rules
// engine; while events wait to be sent the page shows the score it expects, marked pending.
(function () {
  "use strict";
  const app = document.getElementById("app");
  const matchId = app.dataset.match;
  const params = new URLSearchParams(location.search);
  const TOKEN_KEY = "smallball:token:" + matchId;
  if (params.get("t")) localStorage.setItem(TOKEN_KEY, params.get("t"));
  const token = localStorage.getItem(TOKEN_KEY);
  const QUEUE_KEY = "smallball:queue:" + matchId;
  const STATE_KEY = "smallball:state:" + matchId;
  let state = JSON.parse(localStorage.getItem(STATE_KEY) || "null");
  let queue = JSON.parse(localStorage.getItem(QUEUE_KEY) || "[]");
  let sending = false;
  let conflict = false;
  let online = true;
  let returns = 0;
  let pickedServer = null;
  let aStartsLeft = true;

  const $ = (sel) => document.querySelector(sel);
  function t(name, vars) {
    let text = app.dataset["t" + name] || name;
    for (const k in vars || {}) text = text.replace("%(" + k + ")s", vars[k]);
    return text;
  }
  function headers() {
    const h = { "Content-Type": "application/json" };
    if (token) h["X-Umpire-Token"] = token;
    if (app.dataset.csrf) h["X-CSRF-Token"] = app.dataset.csrf;
    return h;
  }
  function newKey() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  function save() {
    localStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
    localStorage.setItem(STATE_KEY, JSON.stringify(state));
  }
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  function add(event) {
    if (conflict || !state) return;
    const seq = state.seq + queue.length + 1;
    queue.push({ seq: seq, key: newKey(), event: event });
    save();
    render();
    flush();
  }

  async function flush() {
    if (sending) return;
    sending = true;
    let backoff = 300;
    try {
      while (queue.length && !conflict) {
        const item = queue[0];
        let response;
        try {
          response = await fetch("/api/matches/" + matchId + "/log", {
            method: "POST", headers: headers(), body: JSON.stringify(item), cache: "no-store",
          });
        } catch (e) {
          setOnline(false);
          await sleep(backoff);
          backoff = Math.min(backoff * 2, 3000);
          continue;
        }
        if (response.status >= 500) {
          setOnline(false);
          await sleep(backoff);
          backoff = Math.min(backoff * 2, 3000);
          continue;
        }
        setOnline(true);
        backoff = 300;
        const body = await response.json().catch(() => ({}));
        if (response.ok) {
          state = body;
          queue.shift();
        } else if (response.status === 409) {
          conflict = true;
          notice(t("Conflict"));
        } else {
          // Refused by the laws (or by permissions): drop it, keep the rest in order.
          queue.shift();
          queue.forEach((q, i) => { q.seq = state.seq + i + 1; });
          notice(body.localized || body.message || body.detail || String(response.status));
        }
        save();
        render();
      }
    } finally {
      sending = false;
    }
  }

  function setOnline(value) {
    online = value;
    const net = $("#net");
    net.textContent = value ? t("Online") : t("Offline");
    net.className = "net " + (value ? "online" : "offline");
  }
  function notice(text) {
    const box = $("#notice");
    box.textContent = text;
    box.hidden = !text;
  }

  function names(side) {
    return side.map((p) => p.name + (p.latin && p.latin !== p.name ? " (" + p.latin + ")" : "")).join(" / ");
  }
  function nameOf(id) {
    for (const side of state.sides) for (const p of side) if (p.id === id) return p.name;
    return id;
  }
  function sideOf(id) {
    return state.sides[0].some((p) => p.id === id) ? "A" : "B";
  }

  // The score the pending rallies will make, for display only; the server has the last word.
  function expected() {
    const score = state.score;
    let a = score && score.current ? score.current.score[0] : 0;
    let b = score && score.current ? score.current.score[1] : 0;
    let ga = 0, gb = 0;
    (score ? score.games : []).forEach((g) => { if (g[0] > g[1]) ga++; else gb++; });
    for (const q of queue) {
      if (q.event.type !== "rally") continue;
      if (q.event.winner === "A") a++; else b++;
      if ((a >= 11 || b >= 11) && Math.abs(a - b) >= 2) {
        if (a > b) ga++; else gb++;
        a = 0; b = 0;
      }
    }
    return { a: a, b: b, ga: ga, gb: gb };
  }

  function render() {
    if (!state) return;
    $("#code").textContent = state.competition + " " + state.code;
    $("#table").textContent = state.table ? "· T" + state.table : "";
    $("#pending").textContent = queue.length ? t("Pending", { n: queue.length }) : "";
    $("#pending").dataset.count = String(queue.length);
    const shown = expected();
    const cur = state.score && state.score.current;
    ["A", "B"].forEach((side, i) => {
      const box = $("#side-" + side.toLowerCase());
      box.querySelector(".names").textContent = names(state.sides[i]);
      box.querySelector(".points").textContent = side === "A" ? shown.a : shown.b;
      box.querySelector(".games").textContent = side === "A" ? shown.ga : shown.gb;
      let role = "";
      if (cur && !queue.length) {
        if (sideOf(cur.server) === side) role = nameOf(cur.server) + " " + t("Serves");
        else role = nameOf(cur.receiver) + " " + t("Receives");
      }
      box.querySelector(".role").textContent = role;
      box.classList.toggle("serving", Boolean(cur && !queue.length && sideOf(cur.server) === side));
    });
    // The side on the umpire's left is drawn on the left: the toss chose it, changes flip it.
    $("#board").classList.toggle("swapped", state.a_left === false);
    app.dataset.server = cur && !queue.length ? cur.server : "";
    app.dataset.receiver = cur && !queue.length ? cur.receiver : "";
    app.dataset.seq = String(state.seq);
    const games = state.score ? state.score.games.map((g) => g[0] + "-" + g[1]).join("  ") : "";
    const last = state.score && state.score.last_rally;
    $("#games-line").textContent = games + (last && last.switch_ends_after && !queue.length ? "  ⇄ " + t("ChangeEnds") : "");
    const exp = Boolean(cur && cur.expedite);
    $("#return").hidden = !exp;
    $("#returns").textContent = String(returns);
    $("#confirm").hidden = state.needs !== "confirm";
    // A double walkover ends the match with no winner.
    const over = state.score && (state.score.winner || state.score.status !== "in_progress");
    document.querySelectorAll("#controls .point").forEach((b) => { b.disabled = Boolean(over) || state.needs === "toss" || state.needs === "server"; });
    if (state.confirmed) notice(t("Confirmed"));
    renderSetup();
  }

  function renderSetup() {
    const box = $("#setup");
    box.innerHTML = "";
    const needs = queue.length ? null : state.needs;
    box.hidden = !(needs === "toss" || needs === "server");
    if (needs === "toss") {
      const doubles = state.sides[0].length === 2;
      if (!pickedServer) {
        const ends = document.createElement("label");
        ends.innerHTML = '<input type="checkbox" id="a-left" checked> ';
        ends.append(t("ALeft"));
        box.append(ends);
        box.append(label(t("Toss")));
        state.sides.flat().forEach((p) => box.append(button(p.name, "toss-" + p.id, () => {
          aStartsLeft = $("#a-left").checked;
          if (doubles) { pickedServer = p.id; render(); }
          else add({ type: "toss", first_server: p.id, a_starts_left: aStartsLeft });
        })));
      } else {
        box.append(label(t("Receiver")));
        const other = state.sides[sideOf(pickedServer) === "A" ? 1 : 0];
        other.forEach((p) => box.append(button(p.name, "receive-" + p.id, () => {
          const server = pickedServer;
          pickedServer = null;
          add({ type: "toss", first_server: server, first_receiver: p.id, a_starts_left: aStartsLeft });
        })));
      }
    } else if (needs === "server") {
      const game = state.score.current.game;
      box.append(label(t("ServerChoice", { n: game })));
      state.server_pair.forEach((id) => box.append(button(nameOf(id), "server-" + id, () => add({ type: "server", game: game, server: id }))));
    }
  }
  function label(text) { const p = document.createElement("p"); p.textContent = text; return p; }
  function button(text, id, onClick) {
    const b = document.createElement("button");
    b.textContent = text;
    b.id = id;
    b.addEventListener("click", onClick);
    return b;
  }

  document.querySelectorAll("button.point").forEach((b) => b.addEventListener("click", () => {
    returns = 0;
    add({ type: "rally", winner: b.dataset.side });
  }));
  $("#undo").addEventListener("click", () => add({ type: "undo" }));
  document.querySelectorAll("[data-timeout]").forEach((b) => b.addEventListener("click", () => add({ type: "timeout", side: b.dataset.timeout })));
  document.querySelectorAll("[data-card]").forEach((b) => b.addEventListener("click", () => add({ type: "card", side: b.dataset.card })));
  document.querySelectorAll("[data-walkover]").forEach((b) => b.addEventListener("click", () => add({ type: "walkover", winner: b.dataset.walkover || null })));
  document.querySelectorAll("[data-retire]").forEach((b) => b.addEventListener("click", () => add({ type: "retirement", side: b.dataset.retire })));
  $("#expedite").addEventListener("click", () => add({ type: "expedite", interrupted_rally: false }));
  $("#return").addEventListener("click", () => {
    // Law 2.15.4: 13 good returns by the receiver win the rally for the receiver.
    returns += 1;
    if (returns >= 13 && state.score && state.score.current) {
      returns = 0;
      add({ type: "rally", winner: sideOf(state.score.current.receiver) });
    }
    render();
  });
  $("#confirm").addEventListener("click", () => add({ type: "confirm" }));
  window.addEventListener("online", flush);

  async function load() {
    try {
      const response = await fetch("/api/matches/" + matchId + "/live", { headers: headers(), cache: "no-store" });
      if (response.ok) {
        const fresh = await response.json();
        // Queued events the server already has (sent before a reload) are dropped by seq.
        queue = queue.filter((q) => q.seq > fresh.seq);
        state = fresh;
        setOnline(true);
        save();
      }
    } catch (e) {
      setOnline(false);
    }
    render();
    flush();
  }
  load();
  setInterval(() => { if (queue.length) flush(); }, 2000);
})();
