namespace FraudActors.Gateway.Dashboard;

/// <summary>
/// The dashboard page: plain HTML, CSS, script and SVG with no external resource, so it works with no internet. Every
/// panel is drawn from the one shared snapshot; only the card view asks the gateway for more, when a card is searched.
/// </summary>
internal static class DashboardPage
{
    public const string Html = """
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>FraudActors dashboard</title>
<style>
  :root { --bg:#0f1419; --card:#1a2129; --line:#2a333d; --text:#e6e9ed; --dim:#8b96a3; --ok:#4cc38a; --warn:#f2b84b; --bad:#ef6b6b; --accent:#5aa9f0; }
  * { box-sizing: border-box; }
  body { margin:0; background:var(--bg); color:var(--text); font:14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; }
  header { display:flex; align-items:baseline; gap:16px; padding:10px 18px; border-bottom:1px solid var(--line); }
  header h1 { font-size:18px; margin:0; }
  header .status { color:var(--dim); font-size:12px; }
  header .status.bad { color:var(--bad); }
  main { display:grid; grid-template-columns:repeat(auto-fit, minmax(420px, 1fr)); gap:14px; padding:14px 18px; }
  section { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:12px 14px; min-width:0; overflow-x:auto; scrollbar-width:thin; scrollbar-color:#2a333d transparent; }
  section h2 { font-size:13px; text-transform:uppercase; letter-spacing:.06em; color:var(--dim); margin:0 0 10px; }
  h3 { font-size:11px; text-transform:uppercase; letter-spacing:.05em; color:var(--dim); font-weight:500; margin:12px 0 4px; }
  .wide { grid-column:span 2; } .full { grid-column:1 / -1; }
  @media (max-width: 900px) { .wide { grid-column:auto; } }
  .kpis { display:flex; flex-wrap:wrap; gap:10px 22px; margin-bottom:10px; }
  .kpi .v { font-size:22px; font-variant-numeric:tabular-nums; font-weight:600; }
  .kpi .l { font-size:11px; color:var(--dim); text-transform:uppercase; letter-spacing:.05em; }
  .cols { display:grid; grid-template-columns:repeat(auto-fit, minmax(380px, 1fr)); gap:4px 18px; }
  .cols > div { min-width:0; overflow-x:auto; scrollbar-width:thin; scrollbar-color:#2a333d transparent; }
  table { width:100%; border-collapse:collapse; font-variant-numeric:tabular-nums; font-size:12.5px; }
  th, td { text-align:right; padding:3px 4px; border-bottom:1px solid var(--line); white-space:nowrap; }
  th:first-child, td:first-child { text-align:left; }
  th { color:var(--dim); font-weight:500; font-size:11px; text-transform:uppercase; }
  .tag { display:inline-block; padding:0 6px; border-radius:4px; font-size:11px; background:#24415e; color:#cfe6ff; margin-right:4px; }
  .tag.champion { background:#1f4d36; color:#c9f5dd; }
  .tag.challenger { background:#5a4518; color:#ffe6b0; }
  .approve, .ok { color:var(--ok); } .review, .warn { color:var(--warn); } .decline, .bad { color:var(--bad); }
  .dim { color:var(--dim); } .small { font-size:11px; }
  .banner { padding:4px 8px; border-radius:4px; font-size:12px; margin:6px 0; }
  .banner.bad { background:#4a1f22; color:#ffd0d0; } .banner.ok { background:#173628; color:#c9f5dd; }
  svg.chart { width:100%; height:80px; display:block; margin-top:6px; }
  a.card-link { color:var(--accent); cursor:pointer; text-decoration:underline dotted; }
  form.inline { display:flex; gap:8px; align-items:center; margin-bottom:8px; }
  input { background:#0b0f13; color:var(--text); border:1px solid var(--line); border-radius:4px; padding:3px 6px; }
  button { background:#24415e; color:var(--text); border:1px solid var(--line); border-radius:4px; padding:3px 10px; cursor:pointer; }
  #key-form { display:none; }
</style>
</head>
<body>
<header>
  <h1>FraudActors</h1>
  <span id="status" class="status">connecting…</span>
  <form id="key-form" class="inline"><label for="api-key" class="dim">API key (read scope)</label><input id="api-key" type="password" autocomplete="off"><button type="submit">Use</button></form>
</header>
<main>
  <section id="panel-traffic">
    <h2>Traffic</h2>
    <div class="kpis">
      <div class="kpi"><div class="v" id="tps">–</div><div class="l">transactions/s</div></div>
      <div class="kpi"><div class="v" id="e2e-p50">–</div><div class="l">end-to-end p50</div></div>
      <div class="kpi"><div class="v" id="e2e-p99">–</div><div class="l">end-to-end p99</div></div>
      <div class="kpi"><div class="v" id="alert-rate">–</div><div class="l">alert rate</div></div>
      <div class="kpi"><div class="v" id="precision">–</div><div class="l">precision / recall</div></div>
    </div>
    <table><thead><tr><th>decisions</th><th class="approve">approve</th><th class="review">review</th><th class="decline">decline</th><th>unscored</th><th title="suspicious by rule">by rule</th><th>failed</th></tr></thead>
      <tbody><tr><td>total</td><td id="approved">–</td><td id="reviewed">–</td><td id="declined">–</td><td id="unscored">–</td><td id="suspicious">–</td><td id="failed">–</td></tr></tbody></table>
    <h3>end-to-end latency, last 5 minutes</h3>
    <svg class="chart" id="spark" viewBox="0 0 600 80" preserveAspectRatio="none" aria-label="end-to-end latency p50 and p99, last 5 minutes"></svg>
    <div class="dim small"><span style="color:var(--accent)">━</span> p50 <span style="color:var(--warn)">━</span> p99, one point a second; max <span id="spark-max">–</span></div>
    <h3>score histogram, scored decisions of the last <span id="score-window">–</span></h3>
    <svg class="chart" id="score-bars" viewBox="0 0 600 80" preserveAspectRatio="none" aria-label="score histogram, 20 bins over [0, 1]"></svg>
    <div class="dim small" style="display:flex; justify-content:space-between"><span>0</span><span>log scale · <span id="score-total">–</span> decisions</span><span>1</span></div>
  </section>
  <section id="panel-grains">
    <h2>Grains</h2>
    <div class="kpis">
      <div class="kpi"><div class="v" id="live">–</div><div class="l">live activations</div></div>
      <div class="kpi"><div class="v" id="msgs">–</div><div class="l">messages/s</div></div>
      <div class="kpi"><div class="v" id="acts">–</div><div class="l">activations/min</div></div>
      <div class="kpi"><div class="v" id="deacts">–</div><div class="l">deactivations/min</div></div>
      <div class="kpi"><div class="v" id="errors">–</div><div class="l">errors</div></div>
    </div>
    <table><thead><tr><th>grain type</th><th>live</th><th>msg/s</th><th>act/min</th><th>deact/min</th><th>turn p50</th><th>turn p99</th><th>errors</th></tr></thead><tbody id="grain-rows"></tbody></table>
    <table><thead><tr><th>grain type</th><th>method</th><th>calls/s</th><th>turn p50</th><th>turn p99</th></tr></thead><tbody id="method-rows"></tbody></table>
    <div class="dim small">turn latency per grain type (the runtime times turns by type)</div>
  </section>
  <section id="panel-cluster">
    <h2>Cluster</h2>
    <div class="kpis">
      <div class="kpi"><div class="v" id="silo-count">–</div><div class="l">silos</div></div>
      <div class="kpi"><div class="v" id="uptime">–</div><div class="l">uptime</div></div>
      <div class="kpi"><div class="v" id="cpu">–</div><div class="l">process CPU</div></div>
      <div class="kpi"><div class="v" id="ws">–</div><div class="l">working set</div></div>
      <div class="kpi"><div class="v" id="heap">–</div><div class="l">GC heap</div></div>
      <div class="kpi"><div class="v" id="gcs">–</div><div class="l">GC gen0/1/2</div></div>
      <div class="kpi"><div class="v" id="lag">–</div><div class="l">consumer lag</div></div>
    </div>
    <table><thead><tr><th>silo</th><th>address</th><th>uptime</th><th>partitions</th></tr></thead><tbody id="silo-rows"></tbody></table>
    <div id="membership-error" class="decline small"></div>
    <h3>partitions on this silo (<span id="ingestion">–</span>)</h3>
    <table><thead><tr><th>partition</th><th>completed offset</th><th>lag</th></tr></thead><tbody id="partition-rows"></tbody></table>
    <div class="dim small">this silo: <span id="silo">–</span></div>
  </section>
  <section id="panel-models" class="wide">
    <h2>Models</h2>
    <div id="serving" class="kpis"></div>
    <div class="cols">
      <div>
        <h3>versions</h3>
        <table><thead><tr><th>model</th><th>version</th><th>algorithm</th><th>status / aliases</th><th>test AP</th><th>published</th></tr></thead><tbody id="model-rows"></tbody></table>
        <h3>shadow: challenger against champion</h3>
        <table><thead><tr><th>model</th><th>champion</th><th>challenger</th><th>scored</th><th>agreement</th><th>correlation</th><th>alert rate ch/cl</th></tr></thead><tbody id="shadow-rows"></tbody></table>
        <div id="no-shadow" class="dim small">no challenger scored in shadow yet</div>
      </div>
      <div>
        <h3>drift: live traffic against the champion's reference (PSI)</h3>
        <div id="drift-banner" class="banner dim">no scored traffic sampled yet</div>
        <table><thead><tr><th>feature</th><th>PSI</th><th style="width:45%"></th></tr></thead><tbody id="drift-rows"></tbody></table>
        <div id="drift-more" class="dim small"></div>
      </div>
    </div>
    <div id="registry-error" class="decline small"></div>
  </section>
  <section id="panel-card">
    <h2>Card view</h2>
    <form id="card-form" class="inline"><input id="card-id" placeholder="card id" autocomplete="off" spellcheck="false" style="flex:1"><button id="card-search" type="submit">Search</button></form>
    <div id="card-status" class="dim small">search a card id, or click a card in the alerts</div>
    <div id="card-view" style="display:none">
      <div class="kpis" id="card-windows"></div>
      <div class="dim small" id="card-meta"></div>
      <h3>latest decisions</h3>
      <table><thead><tr><th>transaction</th><th>decided</th><th>decision</th><th>probability</th><th>model</th><th style="text-align:left">top reasons</th></tr></thead><tbody id="card-decisions"></tbody></table>
      <h3>recent transactions</h3>
      <table><thead><tr><th>event time (UTC)</th><th>amount</th><th>latitude</th><th>longitude</th></tr></thead><tbody id="card-recent"></tbody></table>
    </div>
  </section>
  <section id="panel-alerts" class="full">
    <h2>Alerts <span class="dim" style="text-transform:none">latest declined and reviewed transactions · click a card to open it</span></h2>
    <table><thead><tr><th>transaction</th><th>card</th><th>event time (UTC)</th><th>amount</th><th>category</th><th>decision</th><th>probability</th><th>model</th><th style="text-align:left">top reasons</th></tr></thead><tbody id="alert-rows"></tbody></table>
    <div id="no-alerts" class="dim">no alert yet</div>
  </section>
</main>
<script>
"use strict";
const $ = id => document.getElementById(id);
const num = (v, d = 0) => v == null ? "–" : v.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const ms = v => v == null ? "–" : (v < 10 ? v.toFixed(3) : v.toFixed(1)) + " ms";
const pct = v => v == null ? "–" : (v * 100).toFixed(2) + " %";
const bytes = v => v >= 1073741824 ? (v / 1073741824).toFixed(2) + " GB" : (v / 1048576).toFixed(0) + " MB";
const duration = s => { s = Math.floor(s); const h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60); return h ? `${h}h ${m}m` : m ? `${m}m ${s % 60}s` : `${s}s`; };
const utc = t => t == null ? "–" : new Date(t).toISOString().replace("T", " ").slice(0, 19);
const cell = (text, cls) => { const td = document.createElement("td"); td.textContent = text; if (cls) td.className = cls; return td; };
const row = cells => { const tr = document.createElement("tr"); cells.forEach(c => tr.appendChild(c)); return tr; };
const kpi = (value, label, cls) => { const d = document.createElement("div"); d.className = "kpi";
  d.innerHTML = `<div class="v"></div><div class="l"></div>`; d.firstChild.textContent = value; d.lastChild.textContent = label;
  if (cls) d.firstChild.classList.add(cls); return d; };
function fill(id, rows) { $(id).replaceChildren(...rows); }
function headers() { const h = {}; const key = localStorage.getItem("fraudactors.apiKey"); if (key) h["X-API-Key"] = key; return h; }

function series(points) {
  const svg = $("spark"), w = 600, h = 80;
  const max = Math.max(1e-6, ...points.map(p => p.p99Ms ?? 0));
  $("spark-max").textContent = ms(max);
  if (!points.length) { svg.innerHTML = ""; return; }
  const t0 = Date.parse(points[0].at), span = Math.max(1, Date.parse(points[points.length - 1].at) - t0);
  const line = (key, color) => {
    const pts = points.map(p => p[key] == null ? null : `${((Date.parse(p.at) - t0) / span * w).toFixed(1)},${(h - 2 - (p[key] / max) * (h - 4)).toFixed(1)}`).filter(Boolean);
    return pts.length ? `<polyline fill="none" stroke="${color}" stroke-width="1.5" vector-effect="non-scaling-stroke" points="${pts.join(" ")}"/>` : "";
  };
  svg.innerHTML = line("p99Ms", "#f2b84b") + line("p50Ms", "#5aa9f0");
}

function scoreBars(bins, windowSeconds) {
  const svg = $("score-bars"), w = 600, h = 80, bw = w / bins.length;
  const max = Math.max(1, ...bins);
  const total = bins.reduce((a, b) => a + b, 0);
  $("score-total").textContent = num(total);
  $("score-window").textContent = duration(windowSeconds);
  // Log scale: nearly all traffic scores low, and the alert tail would be invisible on a linear one.
  svg.innerHTML = bins.map((c, i) => {
    const bh = c > 0 ? Math.max(2, Math.log1p(c) / Math.log1p(max) * (h - 2)) : 0;
    const color = i >= bins.length * 0.8 ? "#ef6b6b" : i >= bins.length * 0.3 ? "#f2b84b" : "#5aa9f0";
    return `<rect x="${(i * bw + 1).toFixed(1)}" y="${(h - bh).toFixed(1)}" width="${(bw - 2).toFixed(1)}" height="${bh.toFixed(1)}" fill="${color}"><title>${(i / bins.length).toFixed(2)}–${((i + 1) / bins.length).toFixed(2)}: ${c}</title></rect>`;
  }).join("");
}

function cardLink(cardId) {
  const td = document.createElement("td"); const a = document.createElement("a");
  a.className = "card-link"; a.textContent = cardId; a.dataset.card = cardId;
  a.addEventListener("click", () => openCard(cardId)); td.appendChild(a); return td;
}

function render(s) {
  const t = s.traffic, g = s.grains, c = s.cluster, m = s.models;
  $("tps").textContent = num(t.transactionsPerSecond);
  $("e2e-p50").textContent = ms(t.endToEndP50Ms);
  $("e2e-p99").textContent = ms(t.endToEndP99Ms);
  $("alert-rate").textContent = pct(t.alertRate);
  $("precision").textContent = (t.precision == null ? "–" : t.precision.toFixed(2)) + " / " + (t.recall == null ? "–" : t.recall.toFixed(2));
  for (const k of ["approved", "reviewed", "declined", "unscored", "suspicious"]) $(k).textContent = num(t[k]);
  $("failed").textContent = num(t.failedTotal);
  series(t.series);
  scoreBars(t.scoreHistogram, t.scoreWindowSeconds);

  $("live").textContent = num(g.liveActivations);
  $("msgs").textContent = num(g.messagesPerSecond);
  $("acts").textContent = num(g.activationsPerMinute);
  $("deacts").textContent = num(g.deactivationsPerMinute);
  $("errors").textContent = num(g.errors);
  $("errors").className = "v" + (g.errors > 0 ? " decline" : "");
  fill("grain-rows", g.types.map(x => row([cell(x.grainType), cell(num(x.liveActivations)), cell(num(x.messagesPerSecond)),
    cell(num(x.activationsPerMinute)), cell(num(x.deactivationsPerMinute)), cell(ms(x.turnP50Ms)), cell(ms(x.turnP99Ms)),
    cell(num(x.errors), x.errors > 0 ? "decline" : "")])));
  fill("method-rows", (g.methods || []).map(x => row([cell(x.grainType), cell(x.method), cell(num(x.callsPerSecond)),
    cell(ms(x.turnP50Ms)), cell(ms(x.turnP99Ms))])));

  $("silo").textContent = c.silo;
  $("silo-count").textContent = num(c.silos.length);
  $("uptime").textContent = duration(c.uptimeSeconds);
  $("cpu").textContent = c.cpuPercent.toFixed(1) + " %";
  $("ws").textContent = bytes(c.workingSetBytes);
  $("heap").textContent = bytes(c.gcHeapBytes);
  $("gcs").textContent = `${c.gen0Collections}/${c.gen1Collections}/${c.gen2Collections}`;
  $("lag").textContent = num(c.consumerLag);
  $("ingestion").textContent = c.ingestion;
  fill("silo-rows", c.silos.map(x => row([cell((x.isLocal ? "● " : "") + x.siloId), cell(x.address), cell(duration(x.uptimeSeconds)),
    Object.assign(cell(num(x.partitions.length)), { title: x.partitions.join(", ") })])));
  $("membership-error").textContent = c.membershipError ?? "";
  fill("partition-rows", c.partitions.map(p => row([cell(String(p.partition)), cell(num(p.completedOffset)), cell(num(p.lag), p.lag > 10000 ? "warn" : "")])));

  $("serving").replaceChildren(...(m.serving.length ? m.serving.map(x => kpi(`${x.model} v${x.version}`, `${x.role} on this silo`))
    : [Object.assign(document.createElement("div"), { className: "dim", textContent: "no model served yet: decisions are unscored" })]));
  fill("model-rows", m.versions.map(v => {
    const tags = cell(""); [v.status, ...v.aliases.filter(a => a !== v.status)].forEach(a => {
      const sp = document.createElement("span"); sp.className = "tag " + a; sp.textContent = a; tags.appendChild(sp); });
    return row([cell(v.model), cell("v" + v.version), cell(v.algorithm), tags, cell(v.averagePrecision == null ? "–" : v.averagePrecision.toFixed(3)), cell(utc(v.publishedAt))]);
  }));
  $("no-shadow").style.display = m.shadow.length ? "none" : "block";
  fill("shadow-rows", m.shadow.map(x => row([cell(x.model), cell("v" + x.championVersion), cell("v" + x.challengerVersion), cell(num(x.count)),
    cell(pct(x.agreement), x.agreement != null && x.agreement < 0.95 ? "warn" : ""), cell(x.correlation == null ? "–" : x.correlation.toFixed(3)),
    cell(pct(x.championAlertRate) + " / " + pct(x.challengerAlertRate))])));
  const drift = m.drift.find(d => m.serving.some(x => x.role === "champion" && x.model === d.model && x.version === d.version)) ?? m.drift[0];
  const banner = $("drift-banner");
  if (!drift) { banner.className = "banner dim"; banner.textContent = "no scored traffic sampled yet"; fill("drift-rows", []); $("drift-more").textContent = ""; }
  else {
    banner.className = "banner " + (drift.warnings ? "bad" : "ok");
    banner.textContent = (drift.warnings ? `⚠ drift: ${drift.warnings} feature${drift.warnings > 1 ? "s" : ""} with PSI > ${drift.warningLevel}` : `stable: no feature above PSI ${drift.warningLevel}`)
      + ` · ${drift.model} v${drift.version} · ${num(drift.samples)} sampled decisions`;
    const shown = drift.features.slice(0, 10);
    fill("drift-rows", shown.map(f => {
      const bar = cell(""); const b = document.createElement("div");
      b.style.cssText = `height:8px;border-radius:2px;background:${f.warning ? "var(--bad)" : f.psi > 0.1 ? "var(--warn)" : "var(--ok)"};width:${Math.min(100, f.psi / 0.4 * 100).toFixed(1)}%`;
      bar.appendChild(b);
      return row([cell(f.feature), cell(f.psi.toFixed(3), f.warning ? "decline" : ""), bar]);
    }));
    $("drift-more").textContent = drift.features.length > shown.length ? `${drift.features.length - shown.length} more features, all lower` : "";
  }
  $("registry-error").textContent = m.registryError ?? "";

  $("no-alerts").style.display = s.alerts.length ? "none" : "block";
  fill("alert-rows", s.alerts.map(a => {
    const reasons = cell(a.reasons.join(" · ")); reasons.style.textAlign = "left"; reasons.style.whiteSpace = "normal";
    return row([cell(a.transactionId), cardLink(a.cardId), cell(utc(a.eventTime)),
      cell(num(a.amount, 2) + " " + a.currency), cell(a.merchantCategory), cell(a.decision, a.decision),
      cell(a.probability.toFixed(3)), cell(`${a.model} v${a.modelVersion}`), reasons]);
  }));
}

const WINDOWS = [["txCount10m", "tx 10 min"], ["amountSum10m", "amount 10 min", 2], ["txCount1h", "tx 1 h"], ["amountSum1h", "amount 1 h", 2],
  ["txCount24h", "tx 24 h"], ["amountSum24h", "amount 24 h", 2], ["txCount7d", "tx 7 d"], ["amountSum7d", "amount 7 d", 2],
  ["txCount30d", "tx 30 d"], ["amountSum30d", "amount 30 d", 2], ["distinctCities1h", "cities 1 h"], ["amountMean", "mean amount", 2],
  ["amountStdDev", "std dev", 2], ["knownDevices", "known devices"], ["appliedCount", "transactions applied"]];

async function openCard(cardId) {
  cardId = (cardId ?? "").trim();
  $("card-id").value = cardId;
  if (!cardId) return;
  $("panel-card").scrollIntoView({ block: "nearest" });
  $("card-status").className = "dim small"; $("card-status").textContent = "loading " + cardId + "…";
  try {
    const response = await fetch("/v1/cards/" + encodeURIComponent(cardId), { headers: headers(), cache: "no-store" });
    if (response.status === 404) { $("card-view").style.display = "none"; $("card-status").className = "warn small"; $("card-status").textContent = `card ${cardId} is unknown`; return; }
    if (!response.ok) { $("card-status").className = "bad small"; $("card-status").textContent = "card lookup failed: HTTP " + response.status; return; }
    renderCard(await response.json());
  } catch (e) {
    $("card-status").className = "bad small"; $("card-status").textContent = "card lookup failed: " + e.message;
  }
}

function renderCard(card) {
  const w = card.windows;
  $("card-status").className = "small"; $("card-status").textContent = `card ${card.cardId} as of ${utc(card.asOf)}`;
  $("card-windows").replaceChildren(...WINDOWS.map(([k, label, d]) => kpi(num(w[k], d ?? 0), label)));
  $("card-meta").textContent = `owner ${card.owner?.siloId ?? "–"} · partition ${card.owner?.partition ?? "–"} · categories ${(w.merchantCategoriesSeen ?? []).join(", ") || "–"}`
    + ` · newest event ${utc(w.newestEventTime)} · watermark ${utc(w.watermark)}`;
  fill("card-decisions", (card.decisions ?? []).slice(0, 8).map(x => {
    const reasons = cell((x.reasons ?? []).map(r => r.text).join(" · ")); reasons.style.textAlign = "left"; reasons.style.whiteSpace = "normal";
    return row([cell(x.transactionId), cell(utc(x.decidedAt)), cell(x.decision, x.decision), cell(x.probability.toFixed(3)), cell(`${x.modelName} v${x.modelVersion}`), reasons]);
  }));
  fill("card-recent", (card.recent ?? []).slice(0, 8).map(x => row([cell(utc(x.timestamp)), cell(num(x.amount, 2)), cell(num(x.latitude, 3)), cell(num(x.longitude, 3))])));
  $("card-view").style.display = "block";
}

async function poll() {
  try {
    const response = await fetch("/dashboard/api/snapshot", { headers: headers(), cache: "no-store" });
    if (response.status === 401 || response.status === 403) {
      $("status").textContent = "an API key with the read scope is needed"; $("status").className = "status bad";
      $("key-form").style.display = "flex";
    } else if (!response.ok) {
      $("status").textContent = "snapshot failed: HTTP " + response.status; $("status").className = "status bad";
    } else {
      const s = await response.json();
      render(s);
      $("status").textContent = "live · updated " + new Date(s.capturedAt).toLocaleTimeString(); $("status").className = "status";
    }
  } catch (e) {
    $("status").textContent = "gateway unreachable: " + e.message; $("status").className = "status bad";
  }
  setTimeout(poll, 1000);
}
$("key-form").addEventListener("submit", e => { e.preventDefault(); localStorage.setItem("fraudactors.apiKey", $("api-key").value); $("key-form").style.display = "none"; });
$("card-form").addEventListener("submit", e => { e.preventDefault(); openCard($("card-id").value); });
const requested = new URLSearchParams(location.search).get("card");
if (requested) openCard(requested);
poll();
</script>
</body>
</html>
""";
}
