// Tengen's read-only dashboard: POST ../stats with the key kept in this tab, draw what it says,
// and do it again every few seconds. No build step and no libraries: the charts are plain SVG.
//
// The URL's fragment may carry the settings (a fragment never reaches a server or its logs):
//   dashboard/#run=local&key=tgn_...&every=10
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const settings = readSettings();
let refreshes = 0;

function readSettings() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  for (const name of ["run", "key"]) {
    if (fragment.get(name)) {
      sessionStorage.setItem("tengen." + name, fragment.get(name));
    }
  }
  if (fragment.get("key")) {
    // Out of the address bar and the history, now that the tab keeps it.
    history.replaceState(null, "", location.pathname + "#run=" + encodeURIComponent(fragment.get("run") || ""));
  }
  const every = Number(fragment.get("every"));
  return {
    run: sessionStorage.getItem("tengen.run"),
    key: sessionStorage.getItem("tengen.key"),
    every: every >= 1 && every <= 3600 ? every : 10,
  };
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    node.setAttribute(k, v);
  }
  for (const c of children) {
    node.append(c instanceof Node ? c : document.createTextNode(c == null ? "" : String(c)));
  }
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    node.setAttribute(k, v);
  }
  if (text != null) {
    node.textContent = text;
  }
  return node;
}

const integer = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });

function signed(x) {
  if (x == null) {
    return "";
  }
  const r = Math.round(x);
  return r === 0 ? "0" : (r > 0 ? "+" : "−") + integer.format(Math.abs(r));
}

// Axis ticks at 1, 2 or 5 times a power of ten, about four of them.
function ticks(lo, hi) {
  const span = Math.max(hi - lo, 1);
  const raw = span / 4;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const first = Math.floor(lo / step) * step;
  const last = Math.ceil(hi / step) * step;
  const out = [];
  for (let v = first; v <= last + step / 2; v += step) {
    out.push(Math.round(v * 1e6) / 1e6);
  }
  return out;
}

function ago(iso) {
  if (!iso) {
    return "never";
  }
  const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  if (s < 90) return Math.round(s) + " s ago";
  if (s < 5400) return Math.round(s / 60) + " min ago";
  if (s < 172800) return Math.round(s / 3600) + " h ago";
  return Math.round(s / 86400) + " days ago";
}

function showLogin(message) {
  document.getElementById("main").hidden = true;
  const form = document.getElementById("login");
  form.hidden = false;
  if (settings.run) {
    form.run.value = settings.run;
  }
  setStatus(message, true);
}

function setStatus(text, isError) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.className = isError ? "error" : "muted";
}

async function refresh() {
  let response;
  try {
    response = await fetch("../stats", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + settings.key },
      body: JSON.stringify({ run: settings.run }),
      cache: "no-store",
    });
  } catch (e) {
    setStatus("the backend cannot be reached (" + e.message + "); retrying", true);
    return;
  }
  let body;
  try {
    body = await response.json();
  } catch (e) {
    setStatus("the backend answered " + response.status + " without JSON; retrying", true);
    return;
  }
  if (response.status === 401 || response.status === 403) {
    sessionStorage.removeItem("tengen.key");
    settings.key = null;
    showLogin((body.code || response.status) + ": " + (body.message || "the key is refused"));
    return;
  }
  if (!response.ok) {
    setStatus((body.code || response.status) + ": " + (body.message || "error"), true);
    return;
  }
  render(body);
  refreshes++;
  const counter = document.getElementById("refreshes");
  counter.dataset.count = String(refreshes);
  document.getElementById("updated").textContent =
    "Updated " + new Date(body.generatedAt).toLocaleTimeString() + ".";
}

function render(s) {
  document.getElementById("login").hidden = true;
  document.getElementById("main").hidden = false;
  document.getElementById("run-name").textContent = "· run " + s.run;
  setStatus((s.state || "") + " · current network " + (s.currentNetwork || "none"), false);
  renderTotals(s);
  barChart(document.getElementById("games-chart"), s.recent, (b) => b.games, "games");
  barChart(document.getElementById("positions-chart"), s.recent, (b) => b.positions, "positions");
  eloChart(document.getElementById("elo-chart"), s.networks);
  renderNetworks(s.networks);
  renderContributors(s.contributors, s.quality || []);
  renderDays(s.days);
}

function renderTotals(s) {
  const t = s.totals;
  const released = s.networks.filter((n) => n.status === "RELEASED").length;
  const active = s.contributors.filter((c) => workerState(c) === "active").length;
  const cards = [
    ["games", t.games],
    ["positions", t.positions],
    ["shards", t.shards],
    ["uploads accepted", t.accepted],
    ["uploads rejected", t.rejected],
    ["duplicates", t.duplicates],
    ["networks released", released + " of " + s.networks.length],
    ["workers active", active + " of " + s.contributors.length],
  ];
  document.getElementById("totals").replaceChildren(
    ...cards.map(([label, value]) =>
      el("div", { class: "card", "data-total": label },
        el("div", { class: "value" }, typeof value === "number" ? integer.format(value) : value),
        el("div", { class: "label" }, label))));
}

function workerState(c) {
  const seen = c.lastSeen ? (Date.now() - Date.parse(c.lastSeen)) / 1000 : Infinity;
  return seen < 300 ? "active" : seen < 3600 ? "idle" : "offline";
}

function renderNetworks(networks) {
  const rows = networks.map((n) => {
    const interval = n.elo == null ? "" : signed(n.eloLower) + " … " + signed(n.eloUpper);
    const games = n.ratingWins + n.ratingLosses + n.ratingDraws;
    return el("tr", { "data-network": n.name },
      el("td", {}, n.name),
      el("td", { class: "status-" + n.status }, n.status + (n.enabled ? "" : " (disabled)")),
      el("td", { class: "num" }, signed(n.ratingElo)),
      el("td", { class: "num" }, signed(n.elo)),
      el("td", { class: "num" }, interval),
      el("td", { class: "num" }, games ? n.ratingWins + "/" + n.ratingLosses + "/" + n.ratingDraws : ""),
      el("td", { class: "num" }, integer.format(n.selfPlayGames)),
      el("td", { class: "num" }, integer.format(n.rows)),
      el("td", {}, n.createdAt ? ago(n.createdAt) : ""),
      el("td", { class: "wrap" }, n.decision || ""));
  });
  document.querySelector("#networks tbody").replaceChildren(...rows);
}

function renderContributors(contributors, quality) {
  const rows = contributors.map((c) => {
    const state = workerState(c);
    // Why stats flags the contributor's data (the reasons per network), shown on hover.
    const reasons = quality
      .filter((q) => q.contributor === c.contributor && q.flagged)
      .map((q) => q.network + ": " + q.reasons.join("; "));
    return el("tr", { "data-contributor": c.contributor },
      el("td", {}, c.contributor),
      el("td", { class: "worker-" + state }, state),
      el("td", c.flagged ? { class: "flagged", title: reasons.join("\n") } : {},
        c.flagged ? "flagged" : ""),
      el("td", { class: "num" }, integer.format(c.games)),
      el("td", { class: "num" }, integer.format(c.gamesLastHour)),
      el("td", { class: "num" }, integer.format(c.positions)),
      el("td", { class: "num" }, integer.format(c.accepted)),
      el("td", { class: "num" }, integer.format(c.rejected)),
      el("td", { class: "num" }, integer.format(c.tasks)),
      el("td", {}, ago(c.lastSeen)),
      el("td", {}, ago(c.lastUpload)));
  });
  document.querySelector("#contributors tbody").replaceChildren(...rows);
}

function renderDays(days) {
  const rows = days.slice().reverse().map((d) =>
    el("tr", {}, el("td", {}, d.day), el("td", { class: "num" }, integer.format(d.games)),
      el("td", { class: "num" }, integer.format(d.positions))));
  document.querySelector("#days tbody").replaceChildren(...rows);
}

// A chart's frame: a W x 220 view box (W: the chart's width in CSS pixels, so that text keeps
// its size) with room for the axis labels.
const H = 220, LEFT = 48, RIGHT = 12, TOP = 10, BOTTOM = 28;
let W = 600;

function frame(container, yMin, yMax, xLabels) {
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img" });
  root.append(svg("line", { class: "axis", x1: LEFT, y1: H - BOTTOM, x2: W - RIGHT, y2: H - BOTTOM }));
  root.append(svg("line", { class: "axis", x1: LEFT, y1: TOP, x2: LEFT, y2: H - BOTTOM }));
  const marks = ticks(yMin, yMax);
  const lo = marks[0], hi = marks[marks.length - 1];
  const y = (v) => H - BOTTOM - ((v - lo) / (hi - lo || 1)) * (H - TOP - BOTTOM);
  for (const v of marks) {
    root.append(svg("line", { class: "axis", x1: LEFT - 3, y1: y(v), x2: LEFT, y2: y(v) }));
    root.append(svg("text", { x: LEFT - 5, y: y(v) + 3, "text-anchor": "end" }, integer.format(v)));
  }
  for (const [x, label] of xLabels) {
    // Labels near an edge are anchored there, so that none is cut off.
    const anchor = x < LEFT + 40 ? "start" : x > W - RIGHT - 40 ? "end" : "middle";
    root.append(svg("text", { x, y: H - BOTTOM + 14, "text-anchor": anchor }, label));
  }
  container.replaceChildren(root);
  return { root, y };
}

function widthOf(container) {
  W = Math.max(300, Math.round(container.getBoundingClientRect().width) || 600);
}

function empty(container, text) {
  const root = svg("svg", { viewBox: `0 0 ${W} 60`, role: "img" });
  root.append(svg("text", { class: "empty", x: W / 2, y: 34, "text-anchor": "middle" }, text));
  container.replaceChildren(root);
}

function barChart(container, bins, value, what) {
  widthOf(container);
  if (!bins || bins.length === 0) {
    empty(container, "no " + what + " in the last 48 hours");
    return;
  }
  // Every ten-minute bin from the first with data to now, zeros included.
  const start = Date.parse(bins[0].start + ":00Z");
  const byStart = new Map(bins.map((b) => [Date.parse(b.start + ":00Z"), value(b)]));
  const slots = [];
  for (let t = start; t <= Date.now(); t += 600000) {
    slots.push([t, byStart.get(t) || 0]);
  }
  const max = Math.max(1, ...slots.map((s) => s[1]));
  const width = Math.min(60, (W - LEFT - RIGHT) / slots.length);
  const labelEvery = Math.max(1, Math.ceil(slots.length / 6));
  const labels = slots
    .map((s, i) => [LEFT + (i + 0.5) * width, new Date(s[0]).toISOString().slice(11, 16)])
    .filter((_, i) => i % labelEvery === 0);
  const { root, y } = frame(container, 0, max, labels);
  slots.forEach(([t, v], i) => {
    const bar = svg("rect", {
      class: "bar",
      x: LEFT + i * width + width * 0.1,
      y: y(v),
      width: Math.max(1, width * 0.8),
      height: H - BOTTOM - y(v),
      "data-value": v,
    });
    bar.append(svg("title", {}, new Date(t).toISOString().slice(0, 16) + "Z: " + v + " " + what));
    root.append(bar);
  });
}

function eloChart(container, networks) {
  widthOf(container);
  const rated = networks
    .filter((n) => n.ratingElo != null)
    .map((n) => {
      const base = n.ratingElo - (n.elo || 0);
      return {
        name: n.name,
        released: n.status === "RELEASED",
        t: Date.parse(n.decidedAt || n.createdAt),
        elo: n.ratingElo,
        lo: n.eloLower == null ? n.ratingElo : base + n.eloLower,
        hi: n.eloUpper == null ? n.ratingElo : base + n.eloUpper,
      };
    })
    .sort((a, b) => a.t - b.t);
  if (rated.length === 0) {
    empty(container, "no rated network yet");
    return;
  }
  const t0 = rated[0].t, t1 = Math.max(rated[rated.length - 1].t, t0 + 60000);
  const yMin = Math.min(0, ...rated.map((r) => r.lo)), yMax = Math.max(1, ...rated.map((r) => r.hi));
  const x = (t) => LEFT + 8 + ((t - t0) / (t1 - t0)) * (W - LEFT - RIGHT - 16);
  const labels = [0, 0.5, 1].map((f) => {
    const t = t0 + f * (t1 - t0);
    return [x(t), new Date(t).toISOString().slice(5, 16).replace("T", " ")];
  });
  const { root, y } = frame(container, yMin, yMax, labels);
  const line = rated.filter((r) => r.released).map((r) => `${x(r.t)},${y(r.elo)}`).join(" ");
  root.append(svg("polyline", { class: "series", points: line }));
  for (const r of rated) {
    root.append(svg("line", { class: "interval", x1: x(r.t), x2: x(r.t), y1: y(r.lo), y2: y(r.hi) }));
    const dot = svg("circle", {
      class: "point " + (r.released ? "released" : "rejected"),
      cx: x(r.t), cy: y(r.elo), r: 4, "data-network": r.name, "data-elo": r.elo.toFixed(1),
    });
    dot.append(svg("title", {}, r.name + ": " + signed(r.elo) + " Elo"));
    root.append(dot);
  }
}

document.getElementById("every").textContent = settings.every;
document.getElementById("login").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = event.target;
  sessionStorage.setItem("tengen.run", form.run.value);
  sessionStorage.setItem("tengen.key", form.key.value);
  settings.run = form.run.value;
  settings.key = form.key.value;
  form.key.value = "";
  refresh();
});
if (settings.run && settings.key) {
  refresh();
} else {
  showLogin("give a run and a key");
}
setInterval(() => {
  if (settings.run && settings.key) {
    refresh();
  }
}, settings.every * 1000);
