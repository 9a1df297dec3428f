// The live swarm view. Everything arrives over Server-Sent Events: nothing
// here asks the server again on a timer. A browser's EventSource reconnects
// by itself and sends Last-Event-ID, so the streams resume without gaps.
"use strict";

const TAIL_ROWS = 300;          // rows kept in the tail
const CHART_MINUTES = 30;       // minutes on the chart
const TAIL_HISTORY = 200;       // positions of the log shown on first load

const state = {
  events: [],                   // newest last, at most TAIL_ROWS
  agents: new Map(),            // agent_id -> stats (as /api/agents)
  memories: new Map(),          // memory id -> memory
  perMinute: new Map(),         // minute (epoch ms) -> Map(type -> count)
  types: new Set(),
  head: 0,
  streams: { events: "connecting", memories: "connecting" },
};

const $ = (selector) => document.querySelector(selector);
const palette = ["#6aa8ff", "#4cc38a", "#ff6b6b", "#f5b94f", "#c38bff", "#4fd1d9",
                 "#ff9f6b", "#9bd14f", "#ff7ac6", "#b0b8c8"];
// The swarm's usual types keep their colours; others take the next free one.
const typeColours = new Map([
  ["task_posted", "#6aa8ff"], ["bid_submitted", "#f5b94f"], ["task_assigned", "#c38bff"],
  ["task_completed", "#4cc38a"], ["task_failed", "#ff6b6b"],
]);
function colour(type) {
  if (!typeColours.has(type)) {
    const used = new Set(typeColours.values());
    const free = palette.find((c) => !used.has(c));
    typeColours.set(type, free || palette[typeColours.size % palette.length]);
  }
  return typeColours.get(type);
}

function el(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function clock(iso) {
  const when = new Date(iso);
  return when.toLocaleTimeString([], { hour12: false });
}

// ── connection state ────────────────────────────────────────────────────────
function showStatus() {
  const values = Object.values(state.streams);
  let label = "live";
  if (values.includes("reconnecting")) label = "reconnecting";
  else if (values.includes("connecting")) label = "connecting";
  const node = $("#status");
  node.dataset.state = label;
  node.textContent = label === "live" ? "● live" :
    label === "reconnecting" ? "reconnecting: the stream dropped, resuming where it stopped…" :
    "connecting…";
}

// A stream that reconnects by itself (EventSource), and after a refusal
// (EventSource gives up on a non-200 answer) opens again from where it was.
function openStream(name, path, handlers) {
  let lastId = null;
  let source = null;
  function connect(url) {
    source = new EventSource(url);
    source.onopen = () => { state.streams[name] = "live"; showStatus(); };
    source.onerror = () => {
      state.streams[name] = "reconnecting";
      showStatus();
      if (source.readyState === EventSource.CLOSED) {
        const sep = path.includes("?") ? "&" : "?";
        const resume = lastId !== null ? `${path}${sep}after_sequence=${lastId}` : path;
        setTimeout(() => connect(resume), 2000);
      }
    };
    for (const [kind, handle] of Object.entries(handlers)) {
      source.addEventListener(kind, (message) => {
        if (message.lastEventId) lastId = message.lastEventId;
        handle(JSON.parse(message.data));
      });
    }
  }
  connect(path);
}

// ── events ──────────────────────────────────────────────────────────────────
function addEvent(event) {
  if (event.sequence <= state.head && state.events.some((e) => e.sequence === event.sequence)) return;
  state.head = Math.max(state.head, event.sequence);
  state.events.push(event);
  if (state.events.length > TAIL_ROWS) state.events.shift();
  if (!state.types.has(event.event_type)) {
    state.types.add(event.event_type);
    const select = $("#type-filter");
    select.appendChild(el("option", { value: event.event_type }, event.event_type));
  }
  countMinute(event);
  countAgent(event);
  addTailRow(event, true);
}

function matchesFilter(event) {
  const type = $("#type-filter").value;
  const minimum = parseFloat($("#importance-filter").value);
  return (!type || event.event_type === type) && event.importance >= minimum;
}

function tailRow(event, fresh) {
  const row = el("tr", { "data-seq": event.sequence, "data-type": event.event_type });
  if (fresh) row.className = "fresh";
  row.appendChild(el("td", { class: "num" }, event.sequence));
  row.appendChild(el("td", {}, clock(event.created_at)));
  const type = el("td");
  const badge = el("span", { class: "type" }, event.event_type);
  badge.style.background = colour(event.event_type);
  type.appendChild(badge);
  row.appendChild(type);
  row.appendChild(el("td", { class: "agent" }, event.agent_id ?? ""));
  row.appendChild(el("td", { class: "task" }, event.task_id ?? ""));
  row.appendChild(el("td", { class: "description" }, event.description));
  row.appendChild(el("td", { class: "num" }, event.importance.toFixed(2)));
  return row;
}

function addTailRow(event, fresh) {
  if (!matchesFilter(event)) return;
  const body = $("#tail tbody");
  body.insertBefore(tailRow(event, fresh), body.firstChild);
  while (body.children.length > TAIL_ROWS) body.removeChild(body.lastChild);
  showTailCount();
}

function redrawTail() {
  const body = $("#tail tbody");
  body.replaceChildren();
  for (const event of state.events) {
    if (matchesFilter(event)) body.insertBefore(tailRow(event, false), body.firstChild);
  }
  showTailCount();
}

function showTailCount() {
  $("#tail-count").textContent = `${$("#tail tbody").children.length} shown`;
  $("#head").textContent = `head #${state.head}`;
}

// ── agents (the same figures as /api/agents) ────────────────────────────────
function blankAgent(id) {
  return { agent_id: id, events: 0, completed: 0, failed: 0, failure_streak: 0,
           bids: 0, bid_total: 0, last_seen: null, last_sequence: 0 };
}

function countAgent(event) {
  if (!event.agent_id) return;
  let agent = state.agents.get(event.agent_id);
  if (!agent) { agent = blankAgent(event.agent_id); state.agents.set(event.agent_id, agent); }
  if (event.sequence <= agent.last_sequence) return;  // already in the snapshot
  agent.events += 1;
  if (event.event_type === "task_completed") { agent.completed += 1; agent.failure_streak = 0; }
  else if (event.event_type === "task_failed") { agent.failed += 1; agent.failure_streak += 1; }
  else if (event.event_type === "bid_submitted") {
    const bid = event.data && typeof event.data === "object" ? event.data.bid_sats : undefined;
    if (typeof bid === "number" && isFinite(bid)) { agent.bids += 1; agent.bid_total += bid; }
  }
  agent.last_sequence = event.sequence;
  agent.last_seen = event.created_at;
  drawAgent(agent, true);
}

function drawAgent(agent, fresh) {
  const body = $("#agents tbody");
  let row = body.querySelector(`tr[data-agent="${CSS.escape(agent.agent_id)}"]`);
  if (!row) {
    row = el("tr", { "data-agent": agent.agent_id });
    for (const name of ["name", "events", "success", "streak", "bid", "seen"]) {
      row.appendChild(el("td", { class: name === "name" || name === "seen" ? name : `${name} num` }));
    }
    body.appendChild(row);
  }
  const outcomes = agent.completed + agent.failed;
  const rate = outcomes ? agent.completed / outcomes : null;
  const cells = row.children;
  cells[0].textContent = agent.agent_id;
  cells[1].textContent = agent.events;
  cells[2].textContent = rate === null ? "–" : `${Math.round(rate * 100)}% (${agent.completed}/${outcomes})`;
  cells[2].className = "success num " + (rate === null ? "" : rate >= 0.8 ? "rate-good" : rate <= 0.3 ? "rate-bad" : "");
  cells[3].textContent = agent.failure_streak;
  cells[3].className = "streak num" + (agent.failure_streak >= 2 ? " streak-bad" : "");
  cells[4].textContent = agent.bids ? (agent.bid_total / agent.bids).toFixed(1) : "–";
  cells[5].textContent = agent.last_seen ? clock(agent.last_seen) : "";
  if (fresh) { row.classList.remove("fresh"); void row.offsetWidth; row.classList.add("fresh"); }
}

// ── memories, grouped by subject ────────────────────────────────────────────
function applyMemory(memory, gone) {
  if (gone) state.memories.delete(memory.id);
  else state.memories.set(memory.id, memory);
  drawMemories(gone ? null : memory.id);
}

function drawMemories(freshId) {
  const bySubject = new Map();
  for (const memory of state.memories.values()) {
    if (!bySubject.has(memory.subject)) bySubject.set(memory.subject, []);
    bySubject.get(memory.subject).push(memory);
  }
  const root = $("#memories");
  root.replaceChildren();
  for (const subject of [...bySubject.keys()].sort()) {
    const section = el("section", { class: "subject", "data-subject": subject });
    section.appendChild(el("h3", {}, subject));
    const memories = bySubject.get(subject).sort((a, b) => b.updated_at.localeCompare(a.updated_at));
    for (const memory of memories) {
      const item = el("div", { class: "memory", "data-memory-id": memory.id, "data-type": memory.memory_type });
      if (memory.id === freshId) item.classList.add("fresh");
      const badge = el("span", { class: "type" }, memory.memory_type);
      badge.style.background = colour("memory:" + memory.memory_type);
      item.appendChild(badge);
      item.appendChild(el("span", { class: "content" }, " " + memory.content));
      const meta = `confidence ${memory.confidence.toFixed(2)} · updated ${clock(memory.updated_at)}` +
        (memory.rule ? ` · ${memory.rule}` : "");
      item.appendChild(el("div", { class: "meta" }, meta));
      section.appendChild(item);
    }
    root.appendChild(section);
  }
  $("#memory-count").textContent = `${state.memories.size} live`;
}

// ── events per minute by type ───────────────────────────────────────────────
function minuteOf(iso) { return Math.floor(Date.parse(iso) / 60000) * 60000; }

function countMinute(event) {
  const minute = minuteOf(event.created_at);
  if (!state.perMinute.has(minute)) state.perMinute.set(minute, new Map());
  const counts = state.perMinute.get(minute);
  counts.set(event.event_type, (counts.get(event.event_type) || 0) + 1);
  scheduleChart();
}

let chartPending = false;
function scheduleChart() {
  if (chartPending) return;
  chartPending = true;
  requestAnimationFrame(() => { chartPending = false; drawChart(); });
}

function drawChart() {
  const svg = $("#chart");
  const ns = "http://www.w3.org/2000/svg";
  const width = 600, height = 220, left = 34, bottom = 18, top = 8;
  const now = Math.floor(Date.now() / 60000) * 60000;
  const first = now - (CHART_MINUTES - 1) * 60000;
  for (const minute of state.perMinute.keys()) if (minute < first) state.perMinute.delete(minute);
  let peak = 1;
  for (const counts of state.perMinute.values()) {
    let total = 0;
    for (const n of counts.values()) total += n;
    peak = Math.max(peak, total);
  }
  svg.replaceChildren();
  const slot = (width - left) / CHART_MINUTES;
  const scale = (height - bottom - top) / peak;
  const add = (tag, attributes, text) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    svg.appendChild(node);
    return node;
  };
  add("line", { x1: left, y1: height - bottom, x2: width, y2: height - bottom, stroke: "#263041" });
  add("text", { x: 2, y: top + 10, fill: "#8391a7", "font-size": 10 }, String(peak));
  add("text", { x: 2, y: height - bottom, fill: "#8391a7", "font-size": 10 }, "0");
  const types = [...state.types].sort();
  for (let i = 0; i < CHART_MINUTES; i++) {
    const minute = first + i * 60000;
    const counts = state.perMinute.get(minute);
    let y = height - bottom;
    if (counts) {
      for (const type of types) {
        const n = counts.get(type) || 0;
        if (!n) continue;
        const h = n * scale;
        y -= h;
        const bar = add("rect", { x: left + i * slot + 1, y, width: Math.max(1, slot - 2), height: h,
                                  fill: colour(type), "data-minute": minute, "data-type": type });
        const title = document.createElementNS(ns, "title");
        title.textContent = `${new Date(minute).toLocaleTimeString([], { hour12: false, hour: "2-digit", minute: "2-digit" })} ${type}: ${n}`;
        bar.appendChild(title);
      }
    }
    if (i % 5 === 0 || i === CHART_MINUTES - 1) {
      const last = i === CHART_MINUTES - 1;
      add("text", { x: last ? width : left + i * slot, y: height - 4, fill: "#8391a7", "font-size": 10,
                    "text-anchor": last ? "end" : "start" },
          new Date(minute).toLocaleTimeString([], { hour12: false, hour: "2-digit", minute: "2-digit" }));
    }
  }
  const legend = $("#legend");
  legend.replaceChildren();
  for (const type of types) {
    const item = el("span", {}, type);
    item.style.setProperty("--c", colour(type));
    legend.appendChild(item);
  }
}

// ── start ───────────────────────────────────────────────────────────────────
async function start() {
  $("#type-filter").addEventListener("change", redrawTail);
  $("#importance-filter").addEventListener("input", () => {
    $("#importance-value").textContent = parseFloat($("#importance-filter").value).toFixed(2);
    redrawTail();
  });
  // One snapshot of the agents' figures; events after each agent's
  // last_sequence are added as they arrive.
  try {
    const answer = await fetch("/api/agents", { credentials: "same-origin" });
    if (answer.ok) {
      for (const agent of (await answer.json()).agents) {
        state.agents.set(agent.agent_id, agent);
        drawAgent(agent, false);
      }
    }
  } catch (error) { /* the streams below still fill the table */ }
  openStream("events", `/api/events/stream?tail=${TAIL_HISTORY}`, {
    event: addEvent,
    caught_up: () => {},
  });
  openStream("memories", "/api/memories/stream?existing=1", {
    existing: (memory) => applyMemory(memory, false),
    caught_up: () => {},
    change: (change) => applyMemory(change.memory, change.kind === "expired" || change.kind === "deleted"),
  });
  drawChart();
  // The time axis moves on even when nothing happens (no request is made).
  setInterval(drawChart, 15000);
}

start();
