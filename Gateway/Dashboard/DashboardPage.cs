namespace FraudActors.Gateway.Dashboard;

/// <summary>The dashboard page: plain HTML, CSS and script with no external resource, so it works with no internet.</summary>
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
  .kpis { display:flex; flex-wrap:wrap; gap:10px 22px; margin-bottom:10px; }
  .kpi .v { font-size:22px; font-variant-numeric:tabular-nums; font-weight:600; }
  .kpi .l { font-size:11px; color:var(--dim); text-transform:uppercase; letter-spacing:.05em; }
  table { width:100%; border-collapse:collapse; font-variant-numeric:tabular-nums; font-size:12.5px; }
  th, td { text-align:right; padding:3px 4px; border-bottom:1px solid var(--line); white-space:nowrap; }
  th:first-child, td:first-child { text-align:left; }
  th { color:var(--dim); font-weight:500; font-size:11px; text-transform:uppercase; }
  .tag { display:inline-block; padding:0 6px; border-radius:4px; font-size:11px; background:#24415e; color:#cfe6ff; margin-right:4px; }
  .tag.champion { background:#1f4d36; color:#c9f5dd; }
  .tag.challenger { background:#5a4518; color:#ffe6b0; }
  .approve { color:var(--ok); } .review { color:var(--warn); } .decline { color:var(--bad); }
  .dim { color:var(--dim); }
  svg.spark { width:100%; height:70px; display:block; margin-top:6px; }
  #key-form { display:none; gap:8px; align-items:center; }
  #key-form input { background:#0b0f13; color:var(--text); border:1px solid var(--line); border-radius:4px; padding:3px 6px; }
</style>
</head>
<body>
<header>
  <h1>FraudActors</h1>
  <span id="status" class="status">connecting…</span>
  <form id="key-form"><label for="api-key" class="dim">API key (read scope)</label><input id="api-key" type="password" autocomplete="off"><button type="submit">Use</button></form>
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
    <svg class="spark" id="spark" viewBox="0 0 600 70" preserveAspectRatio="none" aria-label="end-to-end latency, last 60 samples"></svg>
    <div class="dim" style="font-size:11px"><span style="color:var(--accent)">━</span> p50 <span style="color:var(--warn)">━</span> p99 end-to-end latency, last ≤60 samples (1 s apart), max <span id="spark-max">–</span></div>
  </section>
  <section id="panel-grains">
    <h2>Grains</h2>
    <div class="kpis">
      <div class="kpi"><div class="v" id="live">–</div><div class="l">live activations</div></div>
      <div class="kpi"><div class="v" id="msgs">–</div><div class="l">messages/s</div></div>
      <div class="kpi"><div class="v" id="acts">–</div><div class="l">activations/s</div></div>
      <div class="kpi"><div class="v" id="deacts">–</div><div class="l">deactivations/s</div></div>
      <div class="kpi"><div class="v" id="errors">–</div><div class="l">errors</div></div>
    </div>
    <table><thead><tr><th>grain type</th><th>live</th><th>msg/s</th><th>act/s</th><th>turn p50</th><th>turn p99</th><th>errors</th></tr></thead><tbody id="grain-rows"></tbody></table>
  </section>
  <section id="panel-cluster">
    <h2>Cluster</h2>
    <div class="kpis">
      <div class="kpi"><div class="v" id="silo">–</div><div class="l">silo</div></div>
      <div class="kpi"><div class="v" id="uptime">–</div><div class="l">uptime</div></div>
      <div class="kpi"><div class="v" id="cpu">–</div><div class="l">process CPU</div></div>
      <div class="kpi"><div class="v" id="ws">–</div><div class="l">working set</div></div>
      <div class="kpi"><div class="v" id="heap">–</div><div class="l">GC heap</div></div>
      <div class="kpi"><div class="v" id="gcs">–</div><div class="l">GC gen0/1/2</div></div>
    </div>
    <table><thead><tr><th>partition</th><th>completed offset</th></tr></thead><tbody id="partition-rows"></tbody></table>
  </section>
  <section id="panel-models">
    <h2>Models</h2>
    <div id="serving" class="kpis"></div>
    <table><thead><tr><th>model</th><th>version</th><th>algorithm</th><th>status / aliases</th><th>test AP</th><th>published</th></tr></thead><tbody id="model-rows"></tbody></table>
    <div id="registry-error" class="decline" style="font-size:12px"></div>
  </section>
  <section id="panel-alerts" style="grid-column:1 / -1">
    <h2>Alerts <span class="dim" style="text-transform:none">latest declined and reviewed transactions</span></h2>
    <table><thead><tr><th>transaction</th><th>card</th><th>event time (UTC)</th><th>amount</th><th>category</th><th>decision</th><th>probability</th><th>model</th><th style="text-align:left">top reasons</th></tr></thead><tbody id="alert-rows"></tbody></table>
    <div id="no-alerts" class="dim">no alert yet</div>
  </section>
</main>
<script>
"use strict";
const history = [];
const $ = id => document.getElementById(id);
const num = (v, d = 0) => v == null ? "–" : v.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const ms = v => v == null ? "–" : (v < 10 ? v.toFixed(3) : v.toFixed(1)) + " ms";
const pct = v => v == null ? "–" : (v * 100).toFixed(2) + " %";
const bytes = v => v >= 1073741824 ? (v / 1073741824).toFixed(2) + " GB" : (v / 1048576).toFixed(0) + " MB";
const duration = s => { s = Math.floor(s); const h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60); return h ? `${h}h ${m}m` : m ? `${m}m ${s % 60}s` : `${s}s`; };
const cell = (text, cls) => { const td = document.createElement("td"); td.textContent = text; if (cls) td.className = cls; return td; };
const row = cells => { const tr = document.createElement("tr"); cells.forEach(c => tr.appendChild(c)); return tr; };
function fill(id, rows) { $(id).replaceChildren(...rows); }

function spark() {
  const svg = $("spark"), w = 600, h = 70;
  const max = Math.max(1e-6, ...history.map(p => p.p99 ?? 0));
  $("spark-max").textContent = ms(max);
  const line = (key, color) => {
    const pts = history.map((p, i) => p[key] == null ? null : `${(i / Math.max(history.length - 1, 1) * w).toFixed(1)},${(h - 2 - (p[key] / max) * (h - 4)).toFixed(1)}`).filter(Boolean);
    return pts.length ? `<polyline fill="none" stroke="${color}" stroke-width="1.5" vector-effect="non-scaling-stroke" points="${pts.join(" ")}"/>` : "";
  };
  svg.innerHTML = line("p99", "#f2b84b") + line("p50", "#5aa9f0");
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
  history.push({ p50: t.endToEndP50Ms, p99: t.endToEndP99Ms });
  while (history.length > 60) history.shift();
  spark();

  $("live").textContent = num(g.liveActivations);
  $("msgs").textContent = num(g.messagesPerSecond);
  $("acts").textContent = num(g.activationsPerSecond, 1);
  $("deacts").textContent = num(g.deactivationsPerSecond, 1);
  $("errors").textContent = num(g.errors);
  $("errors").className = "v" + (g.errors > 0 ? " decline" : "");
  fill("grain-rows", g.types.map(x => row([cell(x.grainType), cell(num(x.liveActivations)), cell(num(x.messagesPerSecond)),
    cell(num(x.activationsPerSecond, 1)), cell(ms(x.turnP50Ms)), cell(ms(x.turnP99Ms)), cell(num(x.errors), x.errors > 0 ? "decline" : "")])));

  $("silo").textContent = c.silo;
  $("uptime").textContent = duration(c.uptimeSeconds);
  $("cpu").textContent = c.cpuPercent.toFixed(1) + " %";
  $("ws").textContent = bytes(c.workingSetBytes);
  $("heap").textContent = bytes(c.gcHeapBytes);
  $("gcs").textContent = `${c.gen0Collections}/${c.gen1Collections}/${c.gen2Collections}`;
  fill("partition-rows", c.partitions.map(p => row([cell(String(p.partition)), cell(num(p.completedOffset))])));

  $("serving").replaceChildren(...(m.serving.length ? m.serving.map(x => {
    const d = document.createElement("div"); d.className = "kpi";
    d.innerHTML = `<div class="v"></div><div class="l"></div>`;
    d.firstChild.textContent = `${x.model} v${x.version}`; d.lastChild.textContent = `${x.role} on this silo`; return d;
  }) : [Object.assign(document.createElement("div"), { className: "dim", textContent: "no model served yet: decisions are unscored" })]));
  fill("model-rows", m.versions.map(v => {
    const tags = cell(""); [v.status, ...v.aliases.filter(a => a !== v.status)].forEach(a => {
      const s = document.createElement("span"); s.className = "tag " + a; s.textContent = a; tags.appendChild(s); });
    return row([cell(v.model), cell("v" + v.version), cell(v.algorithm), tags, cell(v.averagePrecision == null ? "–" : v.averagePrecision.toFixed(3)),
      cell(new Date(v.publishedAt).toISOString().replace("T", " ").slice(0, 19))]);
  }));
  $("registry-error").textContent = m.registryError ?? "";

  $("no-alerts").style.display = s.alerts.length ? "none" : "block";
  fill("alert-rows", s.alerts.map(a => {
    const reasons = cell(a.reasons.join(" · ")); reasons.style.textAlign = "left"; reasons.style.whiteSpace = "normal";
    return row([cell(a.transactionId), cell(a.cardId), cell(new Date(a.eventTime).toISOString().replace("T", " ").slice(0, 19)),
      cell(num(a.amount, 2) + " " + a.currency), cell(a.merchantCategory), cell(a.decision, a.decision),
      cell(a.probability.toFixed(3)), cell(`${a.model} v${a.modelVersion}`), reasons]);
  }));
}

async function poll() {
  const headers = {}; const key = localStorage.getItem("fraudactors.apiKey");
  if (key) headers["X-API-Key"] = key;
  try {
    const response = await fetch("/dashboard/api/snapshot", { headers, cache: "no-store" });
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
poll();
</script>
</body>
</html>
""";
}
