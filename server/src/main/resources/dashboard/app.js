// accessproof dashboard: plain JavaScript over the operator API (/api/…), the token kept in sessionStorage.
"use strict";

const root = document.getElementById("view");
// Each route renders into a fresh element that replaces the page only if no later route started:
// a slow answer never paints over a newer view.
let view = root;
let routeSeq = 0;
const TOKEN_KEY = "accessproof.token";

// ---- API --------------------------------------------------------------------------------------------

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: {
      "Authorization": "Bearer " + sessionStorage.getItem(TOKEN_KEY),
      ...(body === undefined ? {} : {"Content-Type": "application/json"}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (response.status === 401) {
    signOut("That token was not accepted.");
    throw new Error("unauthorised");
  }
  if (!response.ok) {
    throw new Error(json.error || ("HTTP " + response.status));
  }
  return json;
}

// ---- small helpers ----------------------------------------------------------------------------------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined && v !== false) el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

const GOOD = new Set(["proven", "proven_late", "confirmed", "resolved", "paid", "stored", "true", "done"]);
const BAD = new Set(["incident", "failed", "open", "terminated", "false", "paid_no_access", "access_not_paid"]);
function badge(value) {
  const v = String(value);
  const cls = GOOD.has(v) ? "badge ok" : BAD.has(v) ? "badge bad" : "badge wait";
  return h("span", {class: "badge " + cls, "data-value": v}, v);
}
function when(iso) { return iso ? new Date(iso).toLocaleString() : "—"; }
function ms(v) { return v === null || v === undefined ? "—" : v < 1000 ? Math.round(v) + " ms" : (v / 1000).toFixed(1) + " s"; }
function say(message) {
  const status = document.getElementById("status");
  status.textContent = message;
  setTimeout(() => { if (status.textContent === message) status.textContent = ""; }, 4000);
}
function fail(error) { view.replaceChildren(h("p", {class: "error"}, error.message)); }
function dl(pairs) { return h("dl", {}, pairs.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v ?? "—")])); }
function plan(side) { return side ? `${side.plan ?? "no plan"} · access ${side.access ? "yes" : "no"}` : "—"; }

// ---- views ------------------------------------------------------------------------------------------

async function overview() {
  const [summary, incidents, series, audits] = await Promise.all([api("GET", "/api/summary"),
    api("GET", "/api/incidents?status=open"), api("GET", "/api/summary/series"), api("GET", "/api/audits")]);
  const byState = (summary.runs && summary.runs.by_state) || {};
  const share = summary.proven_within_deadline && summary.proven_within_deadline.share;
  const tiles = [
    ["runs", summary.runs ? summary.runs.total : 0],
    ["proving", byState.proving || 0],
    ["proven", (byState.proven || 0) + (byState.proven_late || 0)],
    ["incident", byState.incident || 0],
    ["open incidents", summary.open_incidents ?? 0],
    ["proven within deadline", share === null || share === undefined ? "—" : Math.round(share * 100) + "%"],
    ["cannot verify", summary.open_cannot_verify ?? 0],
    ["false alarms (30 days)", summary.false_alarms_30d ?? 0],
  ];
  const sight = summary.sight || {};
  view.replaceChildren(
    h("h2", {}, "Summary"),
    h("div", {class: "tiles", id: "tiles"}, tiles.map(([l, n]) => h("div", {class: "tile"}, h("div", {class: "n"}, n), h("div", {class: "l"}, l)))),
    h("h2", {}, "Can accessproof see?"),
    h("div", {class: "tiles", id: "sight"}, Object.entries(sight).map(([name, check]) =>
      h("div", {class: "tile " + (check.healthy ? "seeing" : "blind"), title: check.message || ""},
        h("div", {class: "n"}, check.healthy ? "ok" : "blind"),
        h("div", {class: "l"}, name === "stripe" ? "Stripe API" : "app probe"),
        h("div", {class: "m"}, check.message || ""),
        h("div", {class: "m"}, check.checked_at ? "checked " + new Date(check.checked_at).toLocaleTimeString() : "")))),
    h("h2", {}, "Latest drift audit"),
    latestAudit((audits.data || [])[0]),
    h("h2", {}, "Verdicts per minute (last hour)"),
    bars("chart-verdicts", series.verdicts_per_minute || [], VERDICT_COLOURS, p => new Date(p.start).toLocaleTimeString([], {hour: "2-digit", minute: "2-digit"})),
    h("h2", {}, "Time to proof (p50 / p95)"),
    h("div", {class: "tiles", id: "ttp"}, Object.entries(series.time_to_proof || {}).map(([window, p]) =>
      h("div", {class: "tile", "data-window": window},
        h("div", {class: "n"}, `${ms(p.p50_ms)} / ${ms(p.p95_ms)}`),
        h("div", {class: "l"}, `${window === "last_hour" ? "last hour" : "last day"} · ${p.proven} proven`)))),
    chart(summary.time_to_proof || []),
    h("h2", {}, "Incidents opened per day (two weeks)"),
    bars("chart-incidents", series.incidents_per_day || [], {opened: "#cf222e"}, p => new Date(p.start).toLocaleDateString([], {month: "short", day: "numeric"})),
    h("h2", {}, "Open incidents"),
    incidentTable(incidents.data || []));
}

const VERDICT_COLOURS = {proven: "#1a7f37", proven_late: "#4ac26b", incident: "#cf222e", superseded: "#8c959f", not_applicable: "#d0d7de"};

function latestAudit(a) {
  if (!a) return h("p", {id: "latest-audit"}, "No audit yet: ", h("a", {href: "#/audits"}, "start one"), ".");
  const c = a.counts || {};
  return h("div", {class: "card", id: "latest-audit"},
    h("a", {href: "#/audits/" + encodeURIComponent(a.audit_id)}, a.audit_id), " ", badge(a.status),
    ` ${when(a.started_at)} · ${a.customers ?? 0} customers · ${(c.paid_no_access || 0) + (c.access_not_paid || 0)} wrong`);
}

/** Stacked bars, one per bucket, a colour per kind; the legend names the kinds present. */
function bars(id, points, colours, label) {
  const width = 900, height = 120, top = 10;
  const total = p => Object.values(p.counts || {}).reduce((a, b) => a + b, 0);
  const max = Math.max(1, ...points.map(total));
  const step = width / Math.max(1, points.length);
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("width", width + 60);
  svg.setAttribute("height", height + top + 24);
  svg.setAttribute("id", id);
  const add = (tag, attrs, text) => {
    const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.entries(attrs).forEach(([k, v]) => el.setAttribute(k, v));
    if (text !== undefined) el.textContent = text;
    svg.append(el);
    return el;
  };
  points.forEach((p, i) => {
    let y = top + height;
    for (const [kind, n] of Object.entries(p.counts || {})) {
      const hgt = height * n / max;
      y -= hgt;
      add("rect", {x: i * step + 1, y, width: Math.max(1, step - 2), height: hgt, fill: colours[kind] || "#57606a",
        "data-kind": kind, "data-n": n}).append(Object.assign(document.createElementNS("http://www.w3.org/2000/svg", "title"),
          {textContent: `${label(p)}: ${n} ${kind}`}));
    }
  });
  [0, Math.floor(points.length / 2), points.length - 1].filter(i => points[i]).forEach(i =>
    add("text", {x: i * step, y: top + height + 16, "font-size": 11}, label(points[i])));
  add("text", {x: width + 4, y: top + 10, "font-size": 11}, String(max));
  const kinds = [...new Set(points.flatMap(p => Object.keys(p.counts || {})))];
  return h("div", {class: "card"}, svg,
    h("div", {class: "legend"}, kinds.length ? kinds.map(k => h("span", {}, h("i", {style: `background:${colours[k] || "#57606a"}`}), k)) : "nothing yet"));
}

function chart(rows) {
  if (!rows.length) return h("p", {}, "No proven runs yet.");
  const max = Math.max(...rows.map(r => r.p95_ms || r.p50_ms || 1));
  const width = 560, bar = 14, gap = 30, left = 340;
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("width", width + left + 120);
  svg.setAttribute("height", rows.length * gap + 10);
  svg.setAttribute("id", "time-to-proof");
  rows.forEach((r, i) => {
    const y = i * gap + 5;
    const add = (tag, attrs, text) => {
      const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
      Object.entries(attrs).forEach(([k, v]) => el.setAttribute(k, v));
      if (text) el.textContent = text;
      svg.append(el);
    };
    add("text", {x: 0, y: y + 11}, r.event_type);
    add("rect", {x: left, y, width: Math.max(2, width * (r.p95_ms || 0) / max), height: bar, fill: "#b6d4fe"});
    add("rect", {x: left, y, width: Math.max(2, width * (r.p50_ms || 0) / max), height: bar, fill: "#1f6feb"});
    add("text", {x: left + 6 + width * (r.p95_ms || 0) / max, y: y + 11}, `${ms(r.p50_ms)} / ${ms(r.p95_ms)}`);
  });
  return h("div", {class: "card"}, svg);
}

function incidentTable(rows) {
  if (!rows.length) return h("p", {id: "no-incidents"}, "No incidents.");
  return h("table", {id: "incidents"},
    h("tr", {}, ["Opened", "Title", "Customer", "Kind", "Status", ""].map(t => h("th", {}, t))),
    rows.map(i => h("tr", {"data-incident": i.id},
      h("td", {}, when(i.opened_at)),
      h("td", {}, h("a", {href: "#/runs/" + encodeURIComponent(i.event_id)}, i.title)),
      h("td", {}, h("a", {href: "#/customers/" + encodeURIComponent(i.customer_id || "")}, i.customer_id || "—")),
      h("td", {}, i.kind),
      h("td", {}, badge(i.resolved_at ? "resolved" : i.acknowledged_at ? "acknowledged" : "open")),
      h("td", {}, i.resolved_at ? "" : h("span", {class: "actions"},
        i.acknowledged_at ? null : h("button", {class: "secondary", onclick: () => ack(i.id)}, "Ack"),
        h("button", {class: "secondary", onclick: () => resolve(i.id)}, "Resolve"))))));
}

async function ack(id) {
  await api("POST", `/api/incidents/${encodeURIComponent(id)}/ack`, {});
  say("Incident acknowledged");
  route();
}

async function resolve(id) {
  const note = prompt("How was it resolved? (a note for the record)");
  if (note === null) return;
  const falseAlarm = confirm("Was it a false alarm (the customer had what they paid for)? OK: false alarm, Cancel: fixed");
  await api("POST", `/api/incidents/${encodeURIComponent(id)}/resolve`, {note, reason: falseAlarm ? "false_alarm" : "fixed"});
  say("Incident resolved");
  route();
}

async function incidents() {
  const params = new URLSearchParams(location.hash.split("?")[1] || "");
  const status = params.get("status") || "open";
  const list = await api("GET", "/api/incidents?status=" + encodeURIComponent(status));
  const select = h("select", {id: "incident-status", onchange: e => { location.hash = "#/incidents?status=" + e.target.value; }},
    ["open", "acknowledged", "resolved"].map(s => h("option", {value: s, selected: s === status}, s)));
  view.replaceChildren(h("h2", {}, "Incidents"), h("form", {class: "filters"}, select), incidentTable(list.data || []));
}

const RUN_FILTERS = ["state", "type", "customer", "subscription"];

async function runs() {
  const params = new URLSearchParams(location.hash.split("?")[1] || "");
  const query = new URLSearchParams();
  RUN_FILTERS.forEach(f => params.get(f) && query.set(f, params.get(f)));
  query.set("limit", "50");
  if (params.get("starting_after")) query.set("starting_after", params.get("starting_after"));
  const page = await api("GET", "/api/runs?" + query);
  const form = h("form", {class: "filters", id: "run-filters", onsubmit: e => {
      e.preventDefault();
      const next = new URLSearchParams();
      RUN_FILTERS.forEach(f => form.elements[f].value && next.set(f, form.elements[f].value));
      location.hash = "#/runs?" + next;
    }},
    h("select", {name: "state"}, ["", "accepted", "proving", "proven", "proven_late", "incident", "superseded", "not_applicable", "terminated"]
      .map(s => h("option", {value: s, selected: s === (params.get("state") || "")}, s || "any state"))),
    h("input", {name: "type", placeholder: "event type", value: params.get("type") || ""}),
    h("input", {name: "customer", placeholder: "customer id", value: params.get("customer") || ""}),
    h("input", {name: "subscription", placeholder: "subscription id", value: params.get("subscription") || ""}),
    h("button", {type: "submit"}, "Filter"),
    h("button", {type: "button", class: "secondary", onclick: () => bulk("retry", query)}, "Retry all matching…"),
    h("button", {type: "button", class: "danger", onclick: () => bulk("terminate", query)}, "Terminate all matching…"));
  const rows = page.data || [];
  const last = rows.length ? rows[rows.length - 1].event_id : null;
  const more = new URLSearchParams(params);
  if (last) more.set("starting_after", last);
  view.replaceChildren(h("h2", {}, "Runs"), form,
    h("table", {id: "runs"},
      h("tr", {}, ["Event", "Type", "Customer", "State", "Paid", "Delivered", "Applied", "Expected"].map(t => h("th", {}, t))),
      rows.map(r => h("tr", {class: "clickable", "data-event": r.event_id, onclick: () => { location.hash = "#/runs/" + encodeURIComponent(r.event_id); }},
        h("td", {}, r.event_id), h("td", {}, r.event_type), h("td", {}, r.customer_id || "—"), h("td", {}, badge(r.state)),
        h("td", {}, badge(r.paid)), h("td", {}, badge(r.delivered)), h("td", {}, badge(r.applied)), h("td", {}, plan(r.expected))))),
    page.has_more ? h("p", {}, h("a", {href: "#/runs?" + more, id: "more"}, "Older runs →")) : "");
}

async function bulk(action, query) {
  const filter = {};
  RUN_FILTERS.forEach(f => query.get(f) && (filter[f] = query.get(f)));
  if (!Object.keys(filter).length) { say("Set a filter first: bulk actions never touch every run."); return; }
  const body = {...filter, dry_run: true};
  if (action === "terminate") {
    const reason = prompt("Reason for terminating these runs?");
    if (!reason) return;
    body.reason = reason;
  }
  const preview = await api("POST", `/api/runs/${action}`, body);
  const count = preview.count ?? (preview.event_ids || []).length;
  if (!confirm(`${action} would touch ${count} run(s):\n${(preview.event_ids || []).slice(0, 20).join("\n")}\n\nGo ahead?`)) return;
  const job = await api("POST", `/api/runs/${action}`, {...body, dry_run: false});
  say(`Bulk ${action} started (${job.job_id || "job"}): ${count} run(s)`);
}

async function run(eventId) {
  const r = await api("GET", "/api/runs/" + encodeURIComponent(eventId));
  const incident = r.incident;
  view.replaceChildren(
    h("h2", {id: "run-title"}, `${r.event_type || "event"} · ${r.event_id}`),
    h("p", {}, "Paid ", badge(r.paid), " → Delivered ", badge(r.delivered), " → Applied ", badge(r.applied), "   state ", badge(r.state)),
    h("div", {class: "actions"},
      h("button", {id: "retry", onclick: () => act(r.event_id, "retry")}, "Retry"),
      h("button", {id: "terminate", class: "danger", onclick: () => act(r.event_id, "terminate")}, "Terminate")),
    h("div", {class: "grid2"},
      h("div", {class: "card"}, h("h3", {}, "Expected (Stripe)"), dl([["plan", r.expected && r.expected.plan], ["access", r.expected && String(r.expected.access)],
        ["why", r.expected && r.expected.detail]])),
      h("div", {class: "card"}, h("h3", {}, "Observed (app)"), dl([["plan", r.observed && r.observed.plan], ["access", r.observed && String(r.observed.access)],
        ["detail", r.observed && r.observed.detail], ["deploy", r.observed && r.observed.deploy_sha]]))),
    h("div", {class: "card"}, dl([["customer", r.customer_id && h("a", {href: "#/customers/" + encodeURIComponent(r.customer_id)}, r.customer_id)],
      ["subscription", r.subscription_id], ["proof", r.proof_source], ["Temporal", r.links && r.links.temporal_ui && h("a", {href: r.links.temporal_ui}, "workflow")]])),
    incident ? h("div", {class: "card", id: "incident"}, h("h3", {}, incident.title), dl([["kind", incident.kind], ["status", incident.status],
      ["opened", when(incident.opened_at)]]), h("pre", {}, JSON.stringify(incident.evidence, null, 2))) : null,
    h("h2", {}, "Timeline"),
    h("table", {id: "timeline"}, h("tr", {}, ["When", "State", "Note"].map(t => h("th", {}, t))),
      (r.timeline || []).map(s => h("tr", {}, h("td", {}, when(s.at)), h("td", {}, badge(s.state)), h("td", {}, s.note)))),
    h("h2", {}, "Receipts"),
    (r.receipts || []).length ? h("table", {}, h("tr", {}, ["Received", "Status", "Reason", "Deploy"].map(t => h("th", {}, t))),
      r.receipts.map(x => h("tr", {}, h("td", {}, when(x.received_at)), h("td", {}, badge(x.status)), h("td", {}, x.reason_code || "—"), h("td", {}, x.deploy_sha || "—"))))
      : h("p", {}, "No receipts."));
}

async function act(eventId, action) {
  let body = {};
  if (action === "terminate") {
    const reason = prompt("Reason for terminating this run?");
    if (!reason) return;
    body = {reason};
  } else if (!confirm("Re-run reconcile and assert for this run now?")) {
    return;
  }
  await api("POST", `/api/runs/${encodeURIComponent(eventId)}/${action}`, body);
  say(action === "retry" ? "Retry requested" : "Run terminated");
  route();
}

async function customers(customerId) {
  const form = h("form", {class: "filters", id: "customer-form", onsubmit: e => {
      e.preventDefault();
      location.hash = "#/customers/" + encodeURIComponent(form.elements.customer.value.trim());
    }},
    h("input", {name: "customer", placeholder: "Stripe customer id (cus_…)", value: customerId || "", required: true}),
    h("button", {type: "submit"}, "Did they get what they paid for?"));
  view.replaceChildren(h("h2", {}, "Customer lookup"), form);
  if (!customerId) return;
  const a = await api("GET", `/api/customers/${encodeURIComponent(customerId)}/access`);
  const paid = a.stripe && a.stripe.paid_for;
  view.append(
    h("p", {class: "answer " + (a.has_access_they_paid_for ? "yes" : "no"), id: "answer"}, a.answer || String(a.has_access_they_paid_for)),
    h("div", {class: "grid2"},
      h("div", {class: "card"}, h("h3", {}, "Stripe says they paid for"), dl([["plan", paid && paid.plan], ["access", paid && String(paid.access)], ["status", paid && paid.status]])),
      h("div", {class: "card"}, h("h3", {}, "The app shows now"), dl([["plan", a.app && a.app.plan], ["access", a.app && String(a.app.access)], ["detail", a.app && a.app.detail]]))),
    h("h2", {}, "Latest runs"),
    h("table", {}, h("tr", {}, ["Event", "Type", "State"].map(t => h("th", {}, t))),
      (a.latest_runs || []).map(r => h("tr", {class: "clickable", onclick: () => { location.hash = "#/runs/" + encodeURIComponent(r.event_id); }},
        h("td", {}, r.event_id), h("td", {}, r.event_type), h("td", {}, badge(r.state))))));
}

async function audits() {
  const list = await api("GET", "/api/audits");
  const start = h("button", {id: "audit-start", onclick: async () => {
    const started = await api("POST", "/api/audits", {dry_run: true});
    location.hash = "#/audits/" + encodeURIComponent(started.audit_id);
  }}, "Audit every customer now (dry run)");
  view.replaceChildren(
    h("h2", {}, "Drift audits"),
    h("p", {}, "Every customer in Stripe against what the app shows now. A dry run opens no incident; ",
      h("code", {}, "./accessproof audit --no-dry-run"), " opens one per wrong customer."),
    start,
    h("table", {id: "audits"}, h("tr", {}, ["Audit", "Status", "Started", "Customers", "Wrong"].map(t => h("th", {}, t))),
      (list.data || []).map(a => h("tr", {class: "clickable", "data-audit": a.audit_id,
          onclick: () => { location.hash = "#/audits/" + encodeURIComponent(a.audit_id); }},
        h("td", {}, a.audit_id), h("td", {}, badge(a.status)), h("td", {}, when(a.started_at)),
        h("td", {}, a.customers), h("td", {}, a.counts.paid_no_access + a.counts.access_not_paid)))));
}

async function audit(auditId) {
  const a = await api("GET", `/api/audits/${encodeURIComponent(auditId)}`);
  const c = a.counts || {};
  const tiles = [["customers", a.customers + (a.eta_seconds != null ? ` (about ${a.eta_seconds} s left)` : "")],
    ["right", c.right], ["paid, no access", c.paid_no_access],
    ["access, not paid", c.access_not_paid], ["app unreachable", c.app_unreachable], ["cannot verify", c.cannot_verify]];
  const cancel = a.status !== "running" ? null : h("button", {id: "audit-cancel", onclick: async () => {
    await api("POST", `/api/audits/${encodeURIComponent(auditId)}/cancel`);
    say("Audit cancelled");
    route();
  }}, "Cancel");
  view.replaceChildren(
    h("h2", {id: "audit-title"}, `Audit ${a.audit_id}: ${a.status}${a.dry_run ? " (dry run)" : ""}`),
    h("div", {class: "tiles", id: "audit-counts"}, tiles.map(([l, n]) =>
      h("div", {class: "tile"}, h("div", {class: "n"}, n ?? 0), h("div", {class: "l"}, l)))),
    ...(cancel ? [cancel] : []),
    h("h2", {}, "Wrong customers"),
    (a.wrong || []).length === 0 ? h("p", {}, a.status === "running" ? "None so far." : "None.")
      : h("table", {id: "audit-wrong"}, h("tr", {}, ["Customer", "Finding", "Detail"].map(t => h("th", {}, t))),
        a.wrong.map(w => h("tr", {class: "clickable", "data-customer": w.customer_id,
            onclick: () => { location.hash = "#/customers/" + encodeURIComponent(w.customer_id); }},
          h("td", {}, w.customer_id), h("td", {}, badge(w.finding)), h("td", {}, w.detail)))));
  if (a.status === "running") {
    setTimeout(() => { if (location.hash === "#/audits/" + encodeURIComponent(auditId)) route(); }, 1000);
  }
}

// ---- routing and sign-in ----------------------------------------------------------------------------

async function route() {
  if (!sessionStorage.getItem(TOKEN_KEY)) { signOut(); return; }
  document.getElementById("signin").hidden = true;
  document.getElementById("signout").hidden = false;
  const [path] = location.hash.replace(/^#/, "").split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  document.querySelectorAll("nav a").forEach(a => a.classList.toggle("active", a.dataset.tab === (parts[0] || "overview")));
  const mine = ++routeSeq;
  const staged = view = document.createElement("div");
  try {
    if (parts[0] === "runs" && parts[1]) await run(parts[1]);
    else if (parts[0] === "runs") await runs();
    else if (parts[0] === "incidents") await incidents();
    else if (parts[0] === "customers") await customers(parts[1]);
    else if (parts[0] === "audits" && parts[1]) await audit(parts[1]);
    else if (parts[0] === "audits") await audits();
    else await overview();
  } catch (e) {
    if (e.message === "unauthorised") return;
    fail(e);
  }
  if (mine === routeSeq) root.replaceChildren(...staged.childNodes);
}

function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  routeSeq++;
  root.replaceChildren();
  document.getElementById("signin").hidden = false;
  document.getElementById("signout").hidden = true;
  document.getElementById("signin-error").textContent = message || "";
}

document.getElementById("signin-form").addEventListener("submit", e => {
  e.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, document.getElementById("token").value.trim());
  route();
});
document.getElementById("signout").addEventListener("click", () => signOut());
window.addEventListener("hashchange", route);
route();
