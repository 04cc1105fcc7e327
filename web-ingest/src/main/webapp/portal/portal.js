// Hookline's subscriber portal: plain JavaScript over the public API with the link's token.
// The token comes in the address's fragment (#key=...), is kept in this tab's sessionStorage and
// removed from the address bar. What the page offers follows the token's capabilities; the
// server checks every call anyway.
"use strict";

const API = "../api/v1";
const PAGE = 20;
const $ = (id) => document.getElementById(id);
const state = {
  token: null,
  session: null,
  capabilities: new Set(),
  eventTypes: [],
  endpointStack: [],
  endpointPage: null,
  endpoints: new Map(),
  current: null,
  headers: null,
  logStack: [],
  logPage: null,
  message: null,
};

class Expired extends Error {}

// ---- Appearance, from the link's query parameters -------------------------------------------

function appearance() {
  const params = new URLSearchParams(location.search);
  const root = document.documentElement;
  const color = (name, property) => {
    const value = params.get(name);
    if (value && window.CSS && CSS.supports("color", value)) root.style.setProperty(property, value);
  };
  color("primaryColor", "--primary");
  color("primaryTextColor", "--on-primary");
  color("backgroundColor", "--bg");
  color("textColor", "--fg");
  const dark = (params.get("darkMode") || "auto").toLowerCase();
  const prefersDark = window.matchMedia && matchMedia("(prefers-color-scheme: dark)").matches;
  root.classList.toggle("dark", dark === "true" || (dark === "auto" && prefersDark));
  const font = params.get("fontFamily");
  if (font && /^[\w\s,"'-]{1,100}$/.test(font)) root.style.setProperty("--font", font);
  const title = params.get("title");
  if (title) {
    $("title").textContent = title.slice(0, 80);
    document.title = title.slice(0, 80);
  }
  const icon = params.get("icon") || params.get("logo");
  if (icon) {
    try {
      const url = new URL(icon, location.href);
      if (url.protocol === "https:" || url.origin === location.origin) {
        $("logo").src = url.href;
        $("logo").alt = (title || "Logo").slice(0, 80);
        $("logo").hidden = false;
      }
    } catch (ignored) {
      // Not a URL: no logo.
    }
  }
}

// ---- Talking to the API -----------------------------------------------------------------------

function readToken() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const key = fragment.get("key");
  if (key) {
    sessionStorage.setItem("hookline-portal-key", key);
    history.replaceState(null, "", location.pathname + location.search);
    return key;
  }
  return sessionStorage.getItem("hookline-portal-key");
}

function problemText(body, fallback) {
  if (!body) return fallback;
  if (Array.isArray(body.detail)) return body.detail.map((d) => d.msg || String(d)).join("; ");
  return body.detail || body.title || fallback;
}

async function call(method, path, body) {
  const headers = { authorization: "Bearer " + state.token, accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(API + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "omit",
    referrerPolicy: "no-referrer",
  });
  if (response.status === 401) {
    expired();
    throw new Expired("expired");
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (ignored) {
    json = null;
  }
  if (!response.ok) throw new Error(problemText(json, method + " " + path + ": " + response.status));
  return json;
}

const get = (path) => call("GET", path);
const appPath = (path) => "/app/" + encodeURIComponent(state.session.appId) + path;

function expired() {
  sessionStorage.removeItem("hookline-portal-key");
  $("main").hidden = true;
  $("error").hidden = true;
  $("notice").hidden = true;
  $("expired").hidden = false;
}

function showError(error) {
  if (error instanceof Expired) return;
  $("error").textContent = error.message || String(error);
  $("error").hidden = false;
}

function notice(text) {
  $("error").hidden = true;
  $("notice").textContent = text;
  $("notice").hidden = false;
}

function clearMessages() {
  $("error").hidden = true;
  $("notice").hidden = true;
}

/** Runs an action from a control, showing what went wrong instead of failing silently. */
function action(fn) {
  return async (event) => {
    if (event && event.preventDefault) event.preventDefault();
    try {
      await fn(event);
    } catch (error) {
      showError(error);
    }
  };
}

// ---- Small DOM helpers -----------------------------------------------------------------------

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

function chip(status, text) {
  return el("span", { class: "status status-" + status, text: text || status.toLowerCase() });
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : "";
}

function can(...names) {
  return names.some((name) => state.capabilities.has(name));
}

/** Shows the controls the link's capabilities allow and removes the rest from the tab order. */
function applyCapabilities() {
  for (const node of document.querySelectorAll("[data-needs]")) {
    const allowed = can(...node.dataset.needs.split(" "));
    node.hidden = !allowed;
    if ("disabled" in node) node.disabled = !allowed;
  }
}

function showView(name) {
  const endpoints = name === "endpoints";
  $("endpoints-view").hidden = !endpoints;
  $("messages-view").hidden = endpoints;
  $("tab-endpoints").setAttribute("aria-current", endpoints ? "page" : "false");
  $("tab-messages").setAttribute("aria-current", endpoints ? "false" : "page");
}

function showEndpointPart(part) {
  $("endpoint-list-view").hidden = part !== "list";
  $("endpoint-detail").hidden = part !== "detail";
  $("endpoint-form").hidden = part !== "form";
}

// ---- Event types (the catalogue) ---------------------------------------------------------------

function example(eventType) {
  const schemas = eventType.schemas || {};
  const versions = Object.keys(schemas).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const schema = schemas[version];
    if (!schema || typeof schema !== "object") continue;
    if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
    if ("example" in schema) return schema.example;
  }
  return null;
}

async function loadEventTypes() {
  const all = [];
  let iterator = null;
  for (let page = 0; page < 8; page++) {
    const query = new URLSearchParams({ limit: "250", with_content: "true" });
    if (iterator) query.set("iterator", iterator);
    const answer = await get("/event-type?" + query);
    all.push(...answer.data.filter((type) => !type.archived));
    if (answer.done || !answer.iterator) break;
    iterator = answer.iterator;
  }
  state.eventTypes = all;
  const options = all.map((type) => el("option", { value: type.name, text: type.name }));
  $("example-type").replaceChildren(...options.map((o) => o.cloneNode(true)));
  $("filter-event-type").replaceChildren(
    el("option", { value: "", text: "All event types" }),
    ...options
  );
}

// ---- Endpoints ---------------------------------------------------------------------------------

function hostOf(url) {
  try {
    return new URL(url).host;
  } catch (ignored) {
    return url;
  }
}

/** A small chart of 24 hours: bars of tries (succeeded and failed), a line of mean latency. */
function chart(hours, className, label) {
  const ns = "http://www.w3.org/2000/svg";
  const width = 240;
  const height = 48;
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 " + width + " " + height);
  svg.setAttribute("class", "chart " + className);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("preserveAspectRatio", "none");
  const most = Math.max(1, ...hours.map((h) => h.attempts));
  const slowest = Math.max(1, ...hours.map((h) => h.avgLatencyMs));
  const step = width / hours.length;
  const points = [];
  hours.forEach((hour, i) => {
    const x = i * step;
    const failed = hour.attempts - hour.succeeded;
    const okHeight = (hour.succeeded / most) * (height - 4);
    const badHeight = (failed / most) * (height - 4);
    const rect = (cls, y, h) => {
      const r = document.createElementNS(ns, "rect");
      r.setAttribute("x", String(x + 1));
      r.setAttribute("width", String(Math.max(1, step - 2)));
      r.setAttribute("y", String(y));
      r.setAttribute("height", String(Math.max(0, h)));
      r.setAttribute("class", cls);
      svg.append(r);
    };
    if (hour.attempts === 0) rect("bar-none", height - 1, 1);
    rect("bar-ok", height - okHeight, okHeight);
    rect("bar-bad", height - okHeight - badHeight, badHeight);
    if (hour.attempts > 0) {
      points.push(x + step / 2 + "," + (height - 2 - (hour.avgLatencyMs / slowest) * (height - 6)));
    }
  });
  if (points.length > 1) {
    const line = document.createElementNS(ns, "polyline");
    line.setAttribute("points", points.join(" "));
    line.setAttribute("class", "latency");
    svg.append(line);
  }
  const title = document.createElementNS(ns, "title");
  title.textContent = label;
  svg.prepend(title);
  return svg;
}

function summary(hours) {
  const attempts = hours.reduce((sum, h) => sum + h.attempts, 0);
  const succeeded = hours.reduce((sum, h) => sum + h.succeeded, 0);
  if (attempts === 0) return "No tries in the last 24 hours";
  const latency = Math.round(
    hours.reduce((sum, h) => sum + h.avgLatencyMs * h.attempts, 0) / attempts
  );
  const rate = Math.floor((succeeded / attempts) * 1000) / 10;
  return (
    attempts + " tries in 24 h, " + rate + "% succeeded, " + latency + " ms on average"
  );
}

// One call for the charts of every endpoint shown: their last 24 hours, by endpoint id.
async function hourly(endpointIds) {
  const query = new URLSearchParams();
  endpointIds.forEach((id) => query.append("endpoint_id", id));
  const answer = await get(appPath("/portal/hourly?" + query));
  return new Map(answer.data.map((series) => [series.endpointId, series.hours]));
}

async function loadEndpoints(iterator) {
  const query = new URLSearchParams({ limit: String(PAGE) });
  if (iterator) query.set("iterator", iterator);
  const page = await get(appPath("/endpoint?" + query));
  state.endpointPage = page;
  const charts = new Map();
  const items = page.data.map((endpoint) => {
    state.endpoints.set(endpoint.id, endpoint);
    const status = endpoint.disabled ? "disabled" : "enabled";
    const stats = el("span", { class: "muted", text: "" });
    const spark = el("span", { class: "spark-box" });
    charts.set(endpoint.id, { stats, spark });
    const types = endpoint.filterTypes || endpoint.eventTypes;
    return el(
      "li",
      { class: "card", "data-endpoint-id": endpoint.id },
      el("button", {
        type: "button",
        class: "link title url",
        text: endpoint.url,
        "aria-label": "Open endpoint " + endpoint.url,
        onclick: action(() => openEndpoint(endpoint.id)),
      }),
      el("span", { class: "side" }, chip(status), spark),
      el(
        "span",
        { class: "sub muted" },
        (endpoint.description ? endpoint.description + " · " : "") +
          (types && types.length ? types.join(", ") : "all event types")
      ),
      el("span", { class: "sub" }, stats)
    );
  });
  $("endpoint-list").replaceChildren(...items);
  if (charts.size > 0) {
    hourly([...charts.keys()])
      .then((series) => {
        for (const [id, { stats, spark }] of charts) {
          const hours = series.get(id) || [];
          const text = summary(hours);
          spark.replaceChildren(chart(hours, "spark", text));
          stats.textContent = text;
        }
      })
      .catch(showError);
  }
  $("no-endpoints").hidden = items.length > 0 || state.endpointStack.length > 0;
  $("endpoints-next").disabled = page.done || !page.iterator;
  $("endpoints-prev").disabled = state.endpointStack.length === 0;
  const filter = $("filter-endpoint");
  const chosen = filter.value;
  filter.replaceChildren(
    el("option", { value: "", text: "All endpoints" }),
    ...page.data.map((e) => el("option", { value: e.id, text: hostOf(e.url) + " (" + e.id + ")" }))
  );
  if (chosen && !page.data.some((e) => e.id === chosen)) {
    const known = state.endpoints.get(chosen);
    filter.append(el("option", { value: chosen, text: known ? hostOf(known.url) : chosen }));
  }
  filter.value = chosen;
}

async function openEndpoint(id) {
  clearMessages();
  const endpoint = await get(appPath("/endpoint/" + encodeURIComponent(id)));
  state.current = endpoint;
  state.endpoints.set(endpoint.id, endpoint);
  const headers = await get(appPath("/endpoint/" + encodeURIComponent(id) + "/headers"));
  state.headers = headers;
  $("detail-url").textContent = endpoint.url;
  $("detail-description").textContent = endpoint.description || "";
  $("detail-status").replaceChildren(chip(endpoint.disabled ? "disabled" : "enabled"));
  const types = endpoint.filterTypes || endpoint.eventTypes;
  $("detail-event-types").textContent = types && types.length ? types.join(", ") : "All event types";
  $("detail-channels").textContent =
    endpoint.channels && endpoint.channels.length ? endpoint.channels.join(", ") : "None";
  $("detail-rate").textContent = endpoint.throttleRate ? endpoint.throttleRate + " per second" : "None";
  const shown = Object.entries(headers.headers || {}).map(([k, v]) => k + ": " + v);
  const hidden = (headers.sensitive || []).map((k) => k + ": (hidden)");
  $("detail-headers").textContent = [...shown, ...hidden].join("\n") || "None";
  $("detail-id").textContent = endpoint.id;
  $("toggle-endpoint").textContent = endpoint.disabled ? "Enable" : "Disable";
  resetDelete();
  $("secret").textContent = "••••••••••••••••";
  $("secret").dataset.revealed = "false";
  $("reveal-secret").textContent = "Reveal secret";
  $("recover-since").value = localInput(new Date(Date.now() - 24 * 3600 * 1000));
  showEndpointPart("detail");
  $("detail-url").setAttribute("tabindex", "-1");
  $("detail-url").focus();
  const hours = (await hourly([endpoint.id])).get(endpoint.id) || [];
  const text = summary(hours);
  $("detail-chart").replaceChildren(chart(hours, "large", text));
  $("detail-chart-caption").textContent =
    text + ". Bars: tries per hour (failed on top); line: mean latency.";
}

function localInput(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return (
    date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) +
    "T" + pad(date.getHours()) + ":" + pad(date.getMinutes())
  );
}

function resetDelete() {
  const button = $("delete-endpoint");
  button.dataset.armed = "false";
  button.textContent = "Delete";
}

async function revealSecret() {
  const secret = $("secret");
  if (secret.dataset.revealed === "true") {
    secret.textContent = "••••••••••••••••";
    secret.dataset.revealed = "false";
    $("reveal-secret").textContent = "Reveal secret";
    return;
  }
  const answer = await get(appPath("/endpoint/" + encodeURIComponent(state.current.id) + "/secret"));
  secret.textContent = answer.key;
  secret.dataset.revealed = "true";
  $("reveal-secret").textContent = "Hide secret";
}

async function rotateSecret() {
  await call("POST", appPath("/endpoint/" + encodeURIComponent(state.current.id) + "/secret/rotate"), {});
  notice("The secret was rotated. The old one still signs beside the new one for a while.");
  if ($("secret").dataset.revealed === "true") {
    $("secret").dataset.revealed = "false";
    await revealSecret();
  }
}

async function toggleEndpoint() {
  const endpoint = await call("PATCH", appPath("/endpoint/" + encodeURIComponent(state.current.id)), {
    disabled: !state.current.disabled,
  });
  notice(endpoint.disabled ? "The endpoint is disabled." : "The endpoint is enabled.");
  await openEndpoint(endpoint.id);
}

async function deleteEndpoint() {
  const button = $("delete-endpoint");
  if (button.dataset.armed !== "true") {
    button.dataset.armed = "true";
    button.textContent = "Press again to delete";
    return;
  }
  await call("DELETE", appPath("/endpoint/" + encodeURIComponent(state.current.id)));
  notice("The endpoint was deleted.");
  state.current = null;
  await backToList();
}

async function backToList() {
  showEndpointPart("list");
  const top = state.endpointStack[state.endpointStack.length - 1];
  await loadEndpoints(top || null);
}

async function sendExample() {
  const eventType = $("example-type").value;
  await call("POST", appPath("/endpoint/" + encodeURIComponent(state.current.id) + "/send-example"), {
    eventType,
  });
  notice("An example " + eventType + " event is on its way.");
}

async function recover() {
  const since = new Date($("recover-since").value);
  if (isNaN(since.getTime())) throw new Error("Choose the time to recover from.");
  await call("POST", appPath("/endpoint/" + encodeURIComponent(state.current.id) + "/recover"), {
    since: since.toISOString(),
  });
  notice("Messages that failed since " + since.toLocaleString() + " are being sent again.");
}

// ---- The endpoint form ---------------------------------------------------------------------------

function openForm(endpoint) {
  clearMessages();
  $("form-error").hidden = true;
  $("form-title").textContent = endpoint ? "Edit endpoint" : "Add endpoint";
  $("form-url").value = endpoint ? endpoint.url : "";
  $("form-description").value = endpoint ? endpoint.description || "" : "";
  $("form-channels").value = endpoint && endpoint.channels ? endpoint.channels.join(", ") : "";
  $("form-rate").value = endpoint && endpoint.throttleRate ? endpoint.throttleRate : "";
  const headers = endpoint && state.headers ? state.headers.headers || {} : {};
  $("form-headers").value = Object.entries(headers).map(([k, v]) => k + ": " + v).join("\n");
  $("form-headers").dataset.original = $("form-headers").value;
  const chosen = new Set((endpoint && (endpoint.filterTypes || endpoint.eventTypes)) || []);
  const names = new Set(state.eventTypes.map((t) => t.name));
  const extra = [...chosen].filter((name) => !names.has(name)).map((name) => ({ name, description: "" }));
  const items = [...state.eventTypes, ...extra].map((type, i) => {
    const id = "form-type-" + i;
    const sample = example(type);
    return el(
      "li",
      {},
      el(
        "label",
        { for: id },
        el("input", { type: "checkbox", id, value: type.name, checked: chosen.has(type.name) }),
        el("span", {}, el("strong", { text: type.name }), type.description ? " · " + type.description : "")
      ),
      sample === null
        ? null
        : el(
            "details",
            {},
            el("summary", { text: "Example of " + type.name }),
            el("pre", { text: JSON.stringify(sample, null, 2) })
          )
    );
  });
  $("form-event-type-list").replaceChildren(...items);
  $("endpoint-form").dataset.editing = endpoint ? endpoint.id : "";
  showEndpointPart("form");
  $("form-url").focus();
}

function parseHeaders(text) {
  const headers = {};
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const colon = line.indexOf(":");
    if (colon < 1) throw new Error('Write each header as "Name: value": ' + line);
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

async function saveEndpoint() {
  $("form-error").hidden = true;
  const url = $("form-url").value.trim();
  if (!url) {
    $("form-error").textContent = "Enter the endpoint's URL.";
    $("form-error").hidden = false;
    $("form-url").focus();
    return;
  }
  const eventTypes = [...document.querySelectorAll("#form-event-type-list input:checked")].map((i) => i.value);
  const channels = $("form-channels").value.split(",").map((c) => c.trim()).filter(Boolean);
  const rate = $("form-rate").value.trim();
  const headers = parseHeaders($("form-headers").value);
  const body = {
    url,
    description: $("form-description").value.trim(),
    filterTypes: eventTypes.length ? eventTypes : null,
    channels: channels.length ? channels : null,
    throttleRate: rate ? Number(rate) : null,
  };
  const editing = $("endpoint-form").dataset.editing;
  let saved;
  try {
    if (editing) {
      saved = await call("PATCH", appPath("/endpoint/" + encodeURIComponent(editing)), body);
      if ($("form-headers").value !== $("form-headers").dataset.original) {
        const before = parseHeaders($("form-headers").dataset.original);
        const changes = { ...headers };
        for (const name of Object.keys(before)) if (!(name in headers)) changes[name] = null;
        await call("PATCH", appPath("/endpoint/" + encodeURIComponent(editing) + "/headers"), {
          headers: changes,
        });
      }
    } else {
      saved = await call("POST", appPath("/endpoint"), { ...body, headers });
    }
  } catch (error) {
    if (error instanceof Expired) return;
    $("form-error").textContent = error.message;
    $("form-error").hidden = false;
    return;
  }
  notice(editing ? "The endpoint was saved." : "The endpoint was added.");
  await openEndpoint(saved.id);
}

// ---- Messages ------------------------------------------------------------------------------------

function statusText(status) {
  return { DELIVERED: "delivered", PENDING: "pending", DEAD: "failed" }[status] || status;
}

function filters() {
  const query = new URLSearchParams({ limit: String(PAGE) });
  const set = (name, value) => value && query.set(name, value);
  set("event_type", $("filter-event-type").value);
  set("status", $("filter-status").value);
  set("endpoint_id", $("filter-endpoint").value);
  const time = (id) => {
    const value = $(id).value;
    return value ? new Date(value).toISOString() : "";
  };
  set("after", time("filter-after"));
  set("before", time("filter-before"));
  return query;
}

async function loadLog(iterator) {
  const query = filters();
  if (iterator) query.set("iterator", iterator);
  const page = await get(appPath("/portal/msg?" + query));
  state.logPage = page;
  const items = page.data.map((message) =>
    el(
      "li",
      { class: "card", "data-message-id": message.id },
      el("span", { class: "title", text: message.eventType }),
      el(
        "span",
        { class: "side" },
        ...message.destinations.map((d) => {
          const known = state.endpoints.get(d.endpointId);
          const c = chip(d.status, statusText(d.status));
          c.title = (known ? known.url : d.endpointId) + ": " + d.attempts + " tries";
          c.dataset.endpointId = d.endpointId;
          return c;
        }),
        message.moreDestinations > 0
          ? el("span", {
              class: "muted more-destinations",
              text:
                "+" + message.moreDestinations + (message.moreDestinationsAtLeast ? " or more" : "") +
                " more",
            })
          : null,
        el("button", {
          type: "button",
          text: "Details",
          "aria-label": "Details of message " + message.id,
          onclick: action(() => openMessage(message.id)),
        })
      ),
      el("span", { class: "sub muted mono", text: when(message.timestamp) + " · " + message.id })
    )
  );
  $("message-list").replaceChildren(...items);
  $("no-messages").hidden = items.length > 0 || page.cutShort;
  // A filter no index answers looks at a bounded number of messages per request: say where it
  // stopped, and let "Older" go on from there.
  $("log-cut-short").hidden = !page.cutShort;
  $("messages-next").disabled = page.done || !page.iterator;
  $("messages-newest").disabled = state.logStack.length === 0;
}

function attemptStatus(status) {
  return ["succeeded", "pending", "failed", "sending"][status] || String(status);
}

async function openMessage(id) {
  clearMessages();
  const message = await get(appPath("/msg/" + encodeURIComponent(id)));
  const destinations = await get(appPath("/msg/" + encodeURIComponent(id) + "/endpoint?limit=250"));
  const attempts = await get(appPath("/attempt/msg/" + encodeURIComponent(id) + "?limit=250"));
  state.message = { id, attempts: attempts.data.length };
  $("message-id").textContent = message.id;
  $("message-event-type").textContent = message.eventType;
  $("message-time").textContent = when(message.timestamp);
  $("message-payload").textContent = JSON.stringify(message.payload, null, 2);
  const items = destinations.data.map((destination) => {
    const tries = attempts.data.filter((a) => a.endpointId === destination.id);
    const rows = tries.map((a) =>
      el(
        "tr",
        { "data-attempt-id": a.id },
        el("td", {}, chip(attemptStatus(a.status))),
        el("td", { text: a.responseStatusCode ? String(a.responseStatusCode) : "none" }),
        el("td", { text: a.responseDurationMs + " ms" }),
        el("td", { class: "body mono", text: (a.response || "").slice(0, 200) }),
        el("td", { text: when(a.timestamp) })
      )
    );
    const table = el(
      "div",
      { class: "table-wrap" },
      el(
        "table",
        { class: "attempts" },
        el("caption", { class: "muted", text: tries.length + " tries" }),
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            el("th", { scope: "col", text: "Result" }),
            el("th", { scope: "col", text: "Status" }),
            el("th", { scope: "col", text: "Duration" }),
            el("th", { scope: "col", text: "Response (first bytes)" }),
            el("th", { scope: "col", text: "When" })
          )
        ),
        el("tbody", {}, ...rows)
      )
    );
    const resend = can("CreateAttempts")
      ? el("button", {
          type: "button",
          text: "Resend",
          "aria-label": "Resend to " + destination.url,
          "data-resend": id + ":" + destination.id,
          onclick: action(() => resendMessage(id, destination.id)),
        })
      : null;
    return el(
      "li",
      { class: "card", "data-destination": destination.id },
      el("span", { class: "title url", text: destination.url }),
      el("span", { class: "side" }, chip(["DELIVERED", "PENDING", "DEAD", "PENDING"][destination.status] || "PENDING", destination.statusText), resend),
      el("div", { class: "sub" }, table)
    );
  });
  $("message-destinations").replaceChildren(...items);
  $("message-detail").hidden = false;
  $("message-detail").setAttribute("tabindex", "-1");
  $("message-detail").focus();
}

async function resendMessage(messageId, endpointId) {
  await call("POST", appPath("/msg/" + encodeURIComponent(messageId) + "/endpoint/" + encodeURIComponent(endpointId) + "/resend"), {});
  notice("Sent again; the new try shows below once made.");
  const before = state.message ? state.message.attempts : 0;
  for (let i = 0; i < 15; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await openMessage(messageId);
    if (state.message.attempts > before) break;
  }
  notice("Sent again.");
}

// ---- Start -------------------------------------------------------------------------------------

function wire() {
  $("tab-endpoints").addEventListener("click", action(async () => {
    showView("endpoints");
    await backToList();
  }));
  $("tab-messages").addEventListener("click", action(async () => {
    showView("messages");
    $("message-detail").hidden = true;
    state.logStack = [];
    await loadLog(null);
  }));
  $("endpoints-next").addEventListener("click", action(async () => {
    state.endpointStack.push(state.endpointPage.iterator);
    await loadEndpoints(state.endpointPage.iterator);
  }));
  $("endpoints-prev").addEventListener("click", action(async () => {
    state.endpointStack.pop();
    await loadEndpoints(state.endpointStack[state.endpointStack.length - 1] || null);
  }));
  $("add-endpoint").addEventListener("click", action(() => openForm(null)));
  $("edit-endpoint").addEventListener("click", action(() => openForm(state.current)));
  $("cancel-endpoint").addEventListener("click", action(async () => {
    if (state.current && $("endpoint-form").dataset.editing) await openEndpoint(state.current.id);
    else await backToList();
  }));
  $("endpoint-form").addEventListener("submit", action(saveEndpoint));
  $("back-to-endpoints").addEventListener("click", action(backToList));
  $("toggle-endpoint").addEventListener("click", action(toggleEndpoint));
  $("delete-endpoint").addEventListener("click", action(deleteEndpoint));
  $("delete-endpoint").addEventListener("blur", resetDelete);
  $("reveal-secret").addEventListener("click", action(revealSecret));
  $("rotate-secret").addEventListener("click", action(rotateSecret));
  $("example-form").addEventListener("submit", action(sendExample));
  $("recover-form").addEventListener("submit", action(recover));
  $("endpoint-messages").addEventListener("click", action(async () => {
    const id = state.current.id;
    if (![...$("filter-endpoint").options].some((o) => o.value === id)) {
      $("filter-endpoint").append(el("option", { value: id, text: hostOf(state.current.url) }));
    }
    $("filter-endpoint").value = id;
    showView("messages");
    $("message-detail").hidden = true;
    state.logStack = [];
    await loadLog(null);
  }));
  $("log-filters").addEventListener("submit", action(async () => {
    state.logStack = [];
    $("message-detail").hidden = true;
    await loadLog(null);
  }));
  $("messages-next").addEventListener("click", action(async () => {
    state.logStack.push(state.logPage.iterator);
    await loadLog(state.logPage.iterator);
  }));
  $("messages-newest").addEventListener("click", action(async () => {
    state.logStack = [];
    await loadLog(null);
  }));
  $("close-message").addEventListener("click", () => {
    $("message-detail").hidden = true;
  });
}

async function start() {
  // A new link given to the same page (an iframe whose src changed only after the #) starts over.
  window.addEventListener("hashchange", () => {
    if (new URLSearchParams(location.hash.slice(1)).get("key")) location.reload();
  });
  appearance();
  wire();
  state.token = readToken();
  if (!state.token) {
    expired();
    return;
  }
  try {
    state.session = await get("/auth/portal-session");
    state.capabilities = new Set(state.session.capabilities);
    $("app-name").textContent = state.session.appName;
    document.body.dataset.capabilities = state.session.capabilities.join(" ");
    applyCapabilities();
    $("main").hidden = false;
    await loadEventTypes();
    await loadEndpoints(null);
    document.body.dataset.ready = "true";
  } catch (error) {
    showError(error);
  }
}

start();
