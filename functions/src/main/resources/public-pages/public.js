// Tengen's public pages: one run's networks, Elo and contributions, read from the figures the
// functions publish (runs/<run>.json, no key). The run comes from ?run= or #run= (default: local).
"use strict";

const SVG = "http://www.w3.org/2000/svg";

function runName() {
  const from = new URLSearchParams(location.search).get("run")
    || new URLSearchParams(location.hash.slice(1)).get("run") || "local";
  return /^[a-z0-9][a-z0-9_-]{0,63}$/.test(from) ? from : "local";
}

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function svg(tag, attrs = {}) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function fmt(n) { return n === null || n === undefined ? "–" : Math.round(n).toLocaleString("en"); }
function signed(n) { return n === null || n === undefined ? "–" : (n >= 0 ? "+" : "−") + Math.abs(Math.round(n)); }

function summary(data) {
  const box = document.getElementById("summary");
  box.replaceChildren();
  const released = data.networks.filter(n => n.status === "RELEASED").length;
  for (const [label, value, key] of [
    ["games", fmt(data.games), "games"], ["positions", fmt(data.positions), "positions"],
    ["networks released", fmt(released), "released"], ["contributors", fmt(data.contributors.length), "contributors"],
    ["current network", data.currentNetwork || "–", "current"]]) {
    const card = el("div", { class: "card", "data-total": key });
    card.append(el("div", { class: "muted" }, label), el("div", { class: "value" }, value));
    box.append(card);
  }
}

function networks(data) {
  const body = document.querySelector("#networks tbody");
  body.replaceChildren();
  for (const n of data.networks) {
    const tr = el("tr", { "data-network": n.name });
    const size = n.bytes >= 1024 * 1024 ? (n.bytes / 1024 / 1024).toFixed(1) + " MiB"
      : n.bytes >= 1024 ? fmt(n.bytes / 1024) + " KiB" : fmt(n.bytes) + " bytes";
    const link = el("a", { href: n.download, download: n.name + ".bin.gz" }, size);
    const step = n.eloStep === null || n.eloStep === undefined ? "–"
      : signed(n.eloStep) + " (" + signed(n.eloStepLower) + " .. " + signed(n.eloStepUpper) + ")";
    tr.append(el("td", {}, n.name), el("td", {}, n.status), el("td", { class: "num" }, signed(n.ratingElo)),
      el("td", { class: "num" }, step), el("td", { class: "num" }, fmt(n.ratingGames)),
      el("td", { class: "num" }, fmt(n.selfPlayGames)));
    const dl = el("td"); dl.append(link); tr.append(dl);
    tr.append(el("td", { class: "hash", title: n.sha256 || "" }, (n.sha256 || "").slice(0, 16)));
    body.append(tr);
  }
}

function contributors(data) {
  const body = document.querySelector("#contributors tbody");
  body.replaceChildren();
  for (const c of data.contributors) {
    const tr = el("tr", { "data-contributor": c.contributor });
    tr.append(el("td", {}, c.contributor), el("td", { class: "num" }, fmt(c.gamesLastDay)),
      el("td", { class: "num" }, fmt(c.gamesLastWeek)), el("td", { class: "num" }, fmt(c.gamesAllTime)));
    body.append(tr);
  }
}

function eloChart(data) {
  const box = document.getElementById("elo-chart");
  box.replaceChildren();
  const points = data.networks.filter(n => n.status === "RELEASED" && n.ratingElo !== null && n.ratingElo !== undefined)
    .sort((a, b) => (a.createdAt || "").localeCompare(b.createdAt || ""));
  const W = 1000, H = 220, pad = 40;
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none" });
  s.append(svg("line", { class: "axis", x1: pad, y1: H - pad, x2: W - 10, y2: H - pad }));
  if (points.length > 0) {
    const lows = points.map(p => p.ratingElo - (p.eloStep != null && p.eloStepLower != null ? p.eloStep - p.eloStepLower : 0));
    const highs = points.map(p => p.ratingElo + (p.eloStep != null && p.eloStepUpper != null ? p.eloStepUpper - p.eloStep : 0));
    const lo = Math.min(0, ...lows), hi = Math.max(1, ...highs);
    const x = i => pad + (points.length === 1 ? 0 : i * (W - pad - 20) / (points.length - 1));
    const y = v => H - pad - (v - lo) * (H - 2 * pad) / (hi - lo);
    points.forEach((p, i) => s.append(svg("line", { class: "interval", x1: x(i), x2: x(i), y1: y(lows[i]), y2: y(highs[i]) })));
    s.append(svg("polyline", { class: "series", points: points.map((p, i) => x(i) + "," + y(p.ratingElo)).join(" ") }));
    points.forEach((p, i) => {
      const c = svg("circle", { class: "released", cx: x(i), cy: y(p.ratingElo), r: 4, "data-network": p.name, "data-elo": p.ratingElo });
      const t = svg("title"); t.textContent = p.name + ": " + signed(p.ratingElo); c.append(t);
      s.append(c);
    });
    const label = svg("text", { x: 4, y: y(hi) + 4 }); label.textContent = signed(hi); s.append(label);
    const zero = svg("text", { x: 4, y: y(lo) + 4 }); zero.textContent = signed(lo); s.append(zero);
  }
  box.append(s);
}

function daysChart(data) {
  const box = document.getElementById("days-chart");
  box.replaceChildren();
  const W = 1000, H = 220, pad = 30, days = data.days;
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none" });
  const max = Math.max(1, ...days.map(d => d.games));
  const w = days.length === 0 ? 0 : (W - 2 * pad) / days.length;
  days.forEach((d, i) => {
    const h = d.games * (H - 2 * pad) / max;
    const r = svg("rect", { class: "bar", x: pad + i * w + 1, y: H - pad - h, width: Math.max(1, w - 2), height: h, "data-day": d.day, "data-value": d.games });
    const t = svg("title"); t.textContent = d.day + ": " + d.games + " games"; r.append(t);
    s.append(r);
  });
  s.append(svg("line", { class: "axis", x1: pad, y1: H - pad, x2: W - pad, y2: H - pad }));
  box.append(s);
}

async function show() {
  const run = runName();
  document.getElementById("run-name").textContent = run;
  const status = document.getElementById("status");
  try {
    const r = await fetch("runs/" + run + ".json", { cache: "no-cache" });
    if (!r.ok) {
      status.textContent = r.status === 404 ? "nothing published for run " + run + " yet" : "the figures could not be read (" + r.status + ")";
      return;
    }
    const data = await r.json();
    summary(data); networks(data); contributors(data); eloChart(data); daysChart(data);
    status.textContent = "figures of " + data.generatedAt + " (UTC); they are published after every release decision and every minute of uploads";
    document.getElementById("main").hidden = false;
    document.body.dataset.loaded = "true";
  } catch (e) {
    status.textContent = "the figures could not be read: " + e;
  }
}

show();
