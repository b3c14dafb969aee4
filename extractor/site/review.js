// The review pages of `extractor review`: no network, no library; everything the page
// shows is in its <script id="data"> element.
"use strict";
(function () {
  const DATA = JSON.parse(document.getElementById("data").textContent);
  const $ = (sel, root) => (root || document).querySelector(sel);
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c.nodeType ? c : String(c));
    return node;
  };
  const show = (v) => (v === null || v === undefined || v === "" ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));

  function sortable(table, rowsOf, render) {
    let key = null, dir = 1;
    table.querySelectorAll("th[data-key]").forEach((th) => {
      th.tabIndex = 0;
      const go = () => {
        dir = key === th.dataset.key ? -dir : 1;
        key = th.dataset.key;
        table.querySelectorAll("th").forEach((h) => h.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
        render(key, dir);
      };
      th.addEventListener("click", go);
      th.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); } });
    });
  }
  const compare = (a, b) => {
    if (a === b) return 0;
    if (a === null || a === undefined || a === "") return 1;
    if (b === null || b === undefined || b === "") return -1;
    return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b), "zh-CN");
  };

  // ------------------------------------------------------------------ index page
  if (document.body.classList.contains("index")) {
    const tbody = $("#releases tbody");
    let rows = DATA.releases.slice();
    const render = () => {
      const q = $("#search").value.trim().toLowerCase();
      tbody.replaceChildren();
      let n = 0;
      for (const r of rows) {
        const hay = [r.name, r.title, r.publisher].join(" ").toLowerCase();
        if (q && !hay.includes(q)) continue;
        n++;
        tbody.append(el("tr", {}, el("td", {}, el("a", { href: r.page }, r.name)), el("td", {}, show(r.title)),
          el("td", {}, show(r.publisher)), el("td", {}, show(r.date)), el("td", { class: "num" }, r.figures),
          el("td", { class: "num" + (r.flagged ? " warn" : "") }, r.flagged), el("td", { class: "num" }, r.issues)));
      }
      $("#shown").textContent = `${n} of ${DATA.releases.length} releases` + (DATA.failures.length ? `, ${DATA.failures.length} failed` : "");
    };
    sortable($("#releases"), null, (key, dir) => { rows.sort((a, b) => dir * compare(a[key], b[key])); render(); });
    $("#search").addEventListener("input", render);
    const fbody = $("#failures tbody");
    for (const f of DATA.failures) fbody.append(el("tr", {}, el("td", {}, show(f.source)), el("td", {}, show(f.code)), el("td", {}, show(f.message))));
    if (!DATA.failures.length) fbody.append(el("tr", {}, el("td", { colspan: 3, class: "hint" }, "none")));
    render();
    return;
  }

  // ------------------------------------------------------------------ release page
  const X = DATA.extraction, TEXT = DATA.text;
  const figures = X.quantities || [], dates = X.dates || [], entities = X.entities || [];
  const byId = new Map(figures.map((q, i) => [q.id, Object.assign(q, { n: i + 1 })]));
  const issuesOf = new Map();
  for (const issue of X.issues || []) if (issue.ref) (issuesOf.get(issue.ref) || issuesOf.set(issue.ref, []).get(issue.ref)).push(issue);
  const STORE = "extractor-review:" + X.source.sha256;

  // occurrence of `surface` ending at `start`, counted as tests/gold counts it (overlapping)
  function occurrence(surface, start) {
    let n = 0, at = -1;
    while ((at = TEXT.indexOf(surface, at + 1)) >= 0 && at <= start) n++;
    return n;
  }
  function locate(surface, occ) {
    let at = -1;
    for (let i = 0; i < occ; i++) { at = TEXT.indexOf(surface, at + 1); if (at < 0) return null; }
    return [at, at + surface.length];
  }

  // review state: {figures: {id: {status, edits}}, added: [{start, end, fields}]}
  function fromCorrections(c) {
    const state = { figures: {}, added: [] };
    if (!c) return state;
    const kept = new Map();
    for (const g of c.figures || []) {
      const span = locate(g.surface, g.occurrence || 1);
      if (span) kept.set(span[0] + ":" + span[1], g);
    }
    for (const q of figures) {
      const g = kept.get(q.span[0] + ":" + q.span[1]);
      if (!g) { state.figures[q.id] = { status: "rejected" }; continue; }
      kept.delete(q.span[0] + ":" + q.span[1]);
      const edits = {};
      for (const k of ["value", "unit", "indicator", "kind"]) if (g[k] !== undefined && String(g[k] ?? "") !== String(q[k] ?? "")) edits[k] = g[k];
      if (g.period !== undefined && (g.period && g.period.value) !== (q.period && q.period.value)) edits.period = g.period ? g.period.value : null;
      if (g.area !== undefined) edits.area = g.area;
      if (g.review === "edited" || Object.keys(edits).length) state.figures[q.id] = { status: "edited", edits };
      else if (g.review === "accepted") state.figures[q.id] = { status: "accepted" };
    }
    for (const g of kept.values()) {
      const span = locate(g.surface, g.occurrence || 1);
      state.added.push({ start: span[0], end: span[1], fields: { value: g.value, unit: g.unit, kind: g.kind, indicator: g.indicator,
        period: g.period ? g.period.value : null, area: g.area || null } });
    }
    return state;
  }
  let state;
  try { state = JSON.parse(localStorage.getItem(STORE)); } catch (e) { state = null; }
  if (!state || typeof state !== "object" || !state.figures) state = fromCorrections(DATA.corrections);
  const persist = () => { try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* storage off: the page still works */ } };

  // ---- the header card (disclosure header, 发布会 block)
  const meta = X.metadata || {};
  const LABELS = { index_number: "索引号", category: "组配分类", publisher: "发布机构", topic: "主题分类", validity: "有效性",
    keywords: "关键词", name: "名称", document_number: "文号", created_date: "生成日期", published_date: "发布日期",
    conference_topic: "发布主题", conference_time: "发布时间", conference_place: "发布地点", conference_organizer: "发布单位" };
  const card = $("#card");
  const dl = el("dl");
  const pair = (label, value) => dl.append(el("div", { class: "pair" }, el("dt", {}, label), el("dd", {}, value)));
  for (const [k, label] of Object.entries(LABELS)) if (meta[k]) pair(label, meta[k].value || meta[k].raw);
  if (meta.host) pair("主持人", meta.host.raw);
  if ((meta.speakers || []).length) pair("发布人", meta.speakers.map((s) => s.raw).join("；"));
  if ((meta.media || []).length) pair("参会媒体", meta.media.map((m) => m.text).join("、"));
  if (meta.reference_date) pair("reference date", meta.reference_date);
  if (dl.children.length) card.append(dl); else card.hidden = true;

  // ---- the text, each figure / date / entity one element
  const marks = [];
  for (const q of figures) marks.push({ start: q.span[0], end: q.span[1], kind: "fig", item: q });
  for (const d of dates) marks.push({ start: d.span[0], end: d.span[1], kind: "date", item: d });
  marks.sort((a, b) => a.start - b.start || b.end - a.end);
  const primary = [];
  for (const m of marks) if (!primary.length || m.start >= primary[primary.length - 1].end) primary.push(m);
  for (const e of entities) {
    if (!primary.some((m) => e.span[0] < m.end && m.start < e.span[1])) primary.push({ start: e.span[0], end: e.span[1], kind: "ent", item: e });
  }
  primary.sort((a, b) => a.start - b.start);
  const article = $("#text");
  const markOf = new Map();
  let at = 0;
  const frag = document.createDocumentFragment();
  for (const m of primary) {
    if (m.start < at) continue;
    frag.append(TEXT.slice(at, m.start));
    const it = m.item;
    let node;
    if (m.kind === "fig") {
      const flagged = (it.flags || []).length > 0;
      node = el("mark", { class: "fig k-" + it.kind + (flagged ? " flagged" : ""), "data-id": it.id, tabindex: "-1",
        title: `${it.kind}: ${show(it.value)} ${it.unit || ""}${flagged ? " ⚠ " + it.flags.join(", ") : ""}`,
        "aria-label": `figure ${it.n}${flagged ? ", flagged" : ""}` }, TEXT.slice(m.start, m.end));
      node.addEventListener("click", () => choose(it.id));
      markOf.set(it.id, node);
    } else if (m.kind === "date") {
      node = el("mark", { class: "date", title: `date: ${show(it.value)}` }, TEXT.slice(m.start, m.end));
    } else {
      node = el("mark", { class: "ent e-" + it.type, title: `${it.type}` }, TEXT.slice(m.start, m.end));
    }
    frag.append(node);
    at = m.end;
  }
  frag.append(TEXT.slice(at));
  article.append(frag);

  // ---- the figures table, grouped by section
  const sections = X.sections || [];
  const sectionOf = (q) => {
    let best = null;
    for (const s of sections) if (s.span[0] <= q.span[0] && q.span[0] < s.span[1] && (!best || s.span[0] >= best.span[0])) best = s;
    return best;
  };
  const statusOf = (id) => (state.figures[id] || {}).status || "";
  const fieldOf = (q, k) => {
    const s = state.figures[q.id];
    if (s && s.edits && k in s.edits) return s.edits[k];
    if (k === "period") return q.period ? q.period.value : null;
    if (k === "area") return q.area ? (q.area.name || q.area) : null;
    if (k === "flags") return (q.flags || []).join(" ");
    if (k === "status") return statusOf(q.id);
    return q[k];
  };
  const kinds = [...new Set(figures.map((q) => q.kind))].sort();
  for (const k of kinds) $("#f-kind").append(el("option", { value: k }, k));
  let order = null;
  let visible = figures.slice();
  function renderTable() {
    const kind = $("#f-kind").value, flaggedOnly = $("#f-flagged").checked, ind = $("#f-indicator").value.trim();
    visible = figures.filter((q) => (!kind || q.kind === kind) && (!flaggedOnly || (q.flags || []).length)
      && (!ind || String(fieldOf(q, "indicator") || "").includes(ind)));
    if (order) visible.sort((a, b) => order.dir * compare(fieldOf(a, order.key), fieldOf(b, order.key)) || a.n - b.n);
    const tbody = $("#figures tbody");
    tbody.replaceChildren();
    let group;
    for (const q of visible) {
      const s = sectionOf(q);
      const label = s ? (s.heading ? s.heading.text : s.label || s.id) : "";
      if (!order && label !== group) {
        group = label;
        if (label) tbody.append(el("tr", { class: "group" }, el("th", { colspan: 8, scope: "rowgroup" }, label)));
      }
      const st = statusOf(q.id);
      const row = el("tr", { "data-id": q.id, tabindex: "0", class: ((q.flags || []).length ? "flagged " : "") + (st ? "s-" + st : "") },
        el("td", { class: "num" }, q.n), el("td", {}, q.text), el("td", { class: "num" }, show(fieldOf(q, "value"))),
        el("td", {}, show(fieldOf(q, "unit"))), el("td", {}, show(fieldOf(q, "indicator"))), el("td", {}, show(fieldOf(q, "period"))),
        el("td", {}, (q.flags || []).length ? "⚠ " + q.flags.join(" ") : ""), el("td", {}, st || "·"));
      row.addEventListener("click", () => choose(q.id, true));
      row.addEventListener("keydown", (e) => { if (e.key === "Enter") choose(q.id, true); });
      tbody.append(row);
    }
    for (const a of state.added) {
      tbody.append(el("tr", { class: "s-added" }, el("td", { class: "num" }, "+"), el("td", {}, TEXT.slice(a.start, a.end)),
        el("td", { class: "num" }, show(a.fields.value)), el("td", {}, show(a.fields.unit)), el("td", {}, show(a.fields.indicator)),
        el("td", {}, show(a.fields.period)), el("td", {}, ""), el("td", {}, "added")));
    }
    progress();
  }
  sortable($("#figures"), null, (key, dir) => { order = { key, dir }; renderTable(); });
  for (const id of ["#f-kind", "#f-flagged", "#f-indicator"]) $(id).addEventListener("input", renderTable);
  $("#f-flagged").addEventListener("change", renderTable);

  function progress() {
    const reviewed = figures.filter((q) => statusOf(q.id)).length;
    $("#progress").textContent = `${reviewed} of ${figures.length} figures reviewed` + (state.added.length ? `, ${state.added.length} added` : "");
  }

  // ---- details of the chosen figure
  let current = null;
  function choose(id, fromTable) {
    const q = byId.get(id);
    if (!q) return;
    current = id;
    document.querySelectorAll("mark.current, tr.current").forEach((n) => n.classList.remove("current"));
    const mark = markOf.get(id);
    if (mark) {
      mark.classList.add("current");
      mark.scrollIntoView({ block: "center" });
      if (fromTable) mark.focus({ preventScroll: true });
    }
    const row = $(`#figures tr[data-id="${CSS.escape(id)}"]`);
    if (row) row.classList.add("current");
    details(q);
  }
  function details(q) {
    const box = $("#details");
    box.replaceChildren();
    const rules = q.rules ? Object.entries(q.rules).map(([k, v]) => `${k}: ${show(v)}`).join("; ") : q.rule;
    const fields = [
      ["figure", q.text], ["value", q.value_max !== undefined && q.value_max !== null ? `${show(q.value)} – ${show(q.value_max)}` : show(q.value)],
      ["unit", q.unit_text && q.unit_text !== q.unit ? `${show(q.unit)} (written ${q.unit_text})` : show(q.unit)], ["kind", q.kind],
      ["indicator", show(q.indicator) + (q.indicator_id ? ` [${q.indicator_id}]` : "")], ["period", q.period ? `${show(q.period.value)} (${q.period.text}; ${show(q.period.source)})` : "—"],
      ["area", q.area && q.area.name ? `${q.area.name}${q.area.code ? " " + q.area.code : ""} (${q.area.source}${q.area.text ? ": " + q.area.text : ""})` : show(q.area)], ["scope", show(q.scope)], ["approx", show(q.approx)],
      ["change", q.change ? `${show(q.change.basis)} ${q.change.direction}${q.change.basis_period ? " against " + q.change.basis_period : ""}` : "—"], ["rank", q.rank ? `${q.rank.position} (${show(q.rank.scope)})` : "—"],
      ["target", q.target ? "yes" : "no"], ["rules", show(rules)], ["flags", (q.flags || []).join(", ") || "none"],
    ];
    const dlx = el("dl");
    for (const [k, v] of fields) dlx.append(el("dt", {}, k), el("dd", { "data-field": k }, v));
    box.append(el("h2", {}, `Figure ${q.n}`), dlx);
    for (const issue of issuesOf.get(q.id) || []) {
      box.append(el("div", { class: "issue" }, el("strong", {}, `⚠ ${issue.code}`), " ", issue.message,
        (issue.candidates || []).length ? el("ul", {}, issue.candidates.map((c) => el("li", {}, c.reading + (c.plausible ? "" : " (implausible)")))) : null));
    }
    const st = state.figures[q.id] || {};
    box.append(el("div", { class: "actions" },
      el("button", { type: "button", id: "accept", onclick: () => review(q.id, "accepted") }, "Accept (y)"),
      el("button", { type: "button", id: "edit", onclick: () => editForm(q) }, "Edit (e)"),
      el("button", { type: "button", id: "reject", onclick: () => review(q.id, "rejected") }, "Reject: not a figure (x)"),
      st.status ? el("button", { type: "button", id: "undo", onclick: () => { delete state.figures[q.id]; persist(); renderTable(); choose(q.id); } }, "Undo") : null,
      el("span", { class: "status" }, st.status ? `reviewed: ${st.status}` : "not reviewed")));
  }
  function review(id, status, edits) {
    state.figures[id] = edits ? { status, edits } : { status };
    persist();
    renderTable();
    choose(id);
  }
  const EDITABLE = ["value", "unit", "kind", "indicator", "period", "area", "flags"];
  function form(initial, onSave, title) {
    const box = $("#details");
    const f = el("form", { class: "edit" }, el("h3", {}, title));
    for (const k of EDITABLE) {
      f.append(el("label", {}, k, " ", el("input", { name: k, value: initial[k] === null || initial[k] === undefined ? "" : String(initial[k]) })));
    }
    f.append(el("button", { type: "submit", id: "save-edit" }, "Save"), el("button", { type: "button", onclick: () => (current ? choose(current) : box.replaceChildren()) }, "Cancel"));
    f.addEventListener("submit", (e) => {
      e.preventDefault();
      const out = {};
      for (const k of EDITABLE) {
        const v = f.elements[k].value.trim();
        out[k] = v === "" ? null : k === "value" && !isNaN(Number(v)) ? Number(v) : v;
      }
      onSave(out);
    });
    box.append(f);
    f.elements[0].focus();
  }
  function editForm(q) {
    const initial = {};
    for (const k of EDITABLE) initial[k] = fieldOf(q, k);
    form(initial, (out) => {
      const edits = {};
      for (const k of EDITABLE) if (String(out[k] ?? "") !== String(initial[k] ?? "")) edits[k] = out[k];
      review(q.id, "edited", Object.assign({}, (state.figures[q.id] || {}).edits || {}, edits));
    }, `Edit figure ${q.n}`);
  }

  // ---- adding a missed figure from the selection
  function selectionSpan() {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !article.contains(sel.anchorNode) || !article.contains(sel.focusNode)) return null;
    const offset = (node, off) => {
      const r = document.createRange();
      r.setStart(article, 0);
      r.setEnd(node, off);
      return r.toString().length;
    };
    const a = offset(sel.anchorNode, sel.anchorOffset), b = offset(sel.focusNode, sel.focusOffset);
    const span = [Math.min(a, b), Math.max(a, b)];
    return span[1] > span[0] ? span : null;
  }
  document.addEventListener("selectionchange", () => { $("#add").disabled = !selectionSpan(); });
  function addFromSelection() {
    const span = selectionSpan();
    if (!span) return;
    const surface = TEXT.slice(span[0], span[1]);
    const number = surface.match(/[-+]?\d+(?:\.\d+)?/);
    form({ value: number ? Number(number[0]) : null, unit: null, kind: "count", indicator: null, period: null, area: null, flags: null }, (out) => {
      state.added.push({ start: span[0], end: span[1], fields: out });
      persist();
      renderTable();
      $("#details").replaceChildren(el("p", { class: "hint" }, `Added ${surface}.`));
    }, `Add the figure ${surface}`);
  }
  $("#add").addEventListener("click", addFromSelection);

  // ---- saving: a tests/gold annotation
  function annotation() {
    const gold = { document: DATA.document, genre: "review", form: "review", reference_date: meta.reference_date || null,
      figures: [], dates: [], entities: [], damage: [], noise: [] };
    const item = (start, end) => { const surface = TEXT.slice(start, end); return { surface, occurrence: occurrence(surface, start) }; };
    for (const q of figures) {
      const st = state.figures[q.id] || {};
      if (st.status === "rejected") continue;
      const g = Object.assign(item(q.span[0], q.span[1]), { value: fieldOf(q, "value"), unit: fieldOf(q, "unit"), kind: fieldOf(q, "kind"),
        indicator: fieldOf(q, "indicator"), scope: q.scope || null, approx: q.approx || null,
        change: q.change ? { basis: q.change.basis, direction: q.change.direction } : null,
        rank: q.rank ? { position: q.rank.position, scope: q.rank.scope } : null,
        flags: (st.edits && "flags" in st.edits ? String(st.edits.flags || "").split(/[\s,]+/).filter(Boolean) : q.flags || []),
        review: st.status || "unreviewed" });
      if (q.value_max !== undefined && q.value_max !== null) g.value_max = q.value_max;
      if (q.target) g.target = true;
      if (st.status) {
        const p = fieldOf(q, "period");
        g.period = p ? { value: p, source: "review" } : null;
        const area = fieldOf(q, "area");
        if (area) g.area = area;
      }
      gold.figures.push(g);
    }
    for (const a of state.added) {
      const g = Object.assign(item(a.start, a.end), { value: a.fields.value, unit: a.fields.unit, kind: a.fields.kind || "count",
        indicator: a.fields.indicator, approx: null, change: null, rank: null,
        flags: String(a.fields.flags || "").split(/[\s,]+/).filter(Boolean), review: "added" });
      g.period = a.fields.period ? { value: a.fields.period, source: "review" } : null;
      if (a.fields.area) g.area = a.fields.area;
      gold.figures.push(g);
    }
    gold.figures.sort((x, y) => locate(x.surface, x.occurrence)[0] - locate(y.surface, y.occurrence)[0]);
    for (const d of dates) gold.dates.push(Object.assign(item(d.span[0], d.span[1]), { value: d.value }));
    for (const e of entities) gold.entities.push(Object.assign(item(e.span[0], e.span[1]), { type: e.type }));
    return gold;
  }
  function save() {
    const blob = new Blob([JSON.stringify(annotation(), null, 2) + "\n"], { type: "application/json" });
    const a = el("a", { href: URL.createObjectURL(blob), download: DATA.corrections_file });
    document.body.append(a);
    a.click();
    a.remove();
  }
  $("#save").addEventListener("click", save);
  window.extractorReview = { annotation, state: () => state };

  // ---- keyboard
  document.addEventListener("keydown", (e) => {
    if (e.target.closest && e.target.closest("input, select, textarea, form")) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const idx = visible.findIndex((q) => q.id === current);
    if (e.key === "j" || e.key === "ArrowDown" && e.target === document.body) { e.preventDefault(); const q = visible[Math.min(idx + 1, visible.length - 1)]; if (q) choose(q.id, true); }
    else if (e.key === "k" || e.key === "ArrowUp" && e.target === document.body) { e.preventDefault(); const q = visible[Math.max(idx - 1, 0)]; if (q) choose(q.id, true); }
    else if (e.key === "y" && current) review(current, "accepted");
    else if (e.key === "x" && current) review(current, "rejected");
    else if (e.key === "e" && current) { e.preventDefault(); editForm(byId.get(current)); }
    else if (e.key === "a") addFromSelection();
    else if (e.key === "s") save();
  });
  renderTable();
})();
