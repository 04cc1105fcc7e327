// Hookline's operator dashboard: plain JavaScript over the public API, with the token the
// operator enters (kept in this tab's sessionStorage only). Refreshes itself every few seconds.
"use strict";

const REFRESH_MS = 3000;
const api = "../api/v1";
const $ = (id) => document.getElementById(id);
let timer = null;
let shownAttempts = null;

function token() {
  return sessionStorage.getItem("hookline-token");
}

async function call(method, path) {
  const response = await fetch(api + path, {
    method,
    headers: { authorization: "Bearer " + token(), accept: "application/json" },
  });
  if (response.status === 401) {
    disconnect("The token was refused.");
    throw new Error("unauthorized");
  }
  const body = response.status === 204 ? null : await response.json();
  if (!response.ok) {
    throw new Error((body && (body.detail || body.title)) || method + " " + path + ": " + response.status);
  }
  return body;
}

const get = (path) => call("GET", path);

function cell(text, className) {
  const td = document.createElement("td");
  if (className) td.className = className;
  if (text instanceof Node) td.append(text);
  else td.textContent = text == null ? "" : String(text);
  return td;
}

function chip(status, title) {
  const span = document.createElement("span");
  span.className = "status status-" + status;
  span.textContent = status;
  if (title) span.title = title;
  return span;
}

function fill(tableId, rows) {
  const body = document.querySelector("#" + tableId + " tbody");
  body.replaceChildren(...rows);
}

function row(...cells) {
  const tr = document.createElement("tr");
  tr.append(...cells);
  return tr;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : "";
}

async function refreshQueues() {
  const queues = await get("/queue");
  fill("queues", queues.data.map((q) => row(cell(q.name), cell(q.messages), cell(q.consumers))));
}

async function refreshEndpoints(apps) {
  const rows = [];
  for (const app of apps) {
    const endpoints = (await get("/app/" + app.id + "/endpoint?limit=250")).data;
    for (const endpoint of endpoints) {
      const health = await get("/app/" + app.id + "/endpoint/" + endpoint.id + "/health");
      const tries = health.windowSuccesses + health.windowFailures;
      const state = endpoint.disabled ? "disabled" : health.state;
      const tr = row(
        cell(app.name),
        cell(endpoint.id),
        cell(endpoint.url, "url"),
        cell(chip(state, endpoint.disabledReason)),
        cell(tries ? Math.round((100 * health.windowSuccesses) / tries) + "%" : "no tries yet"),
        cell(tries ? health.avgLatencyMs + " ms" : ""));
      tr.dataset.endpointId = endpoint.id;
      rows.push(tr);
    }
  }
  fill("endpoints", rows);
}

function selectedApp() {
  return $("app").value;
}

async function refreshApps() {
  const apps = (await get("/app")).data;
  const select = $("app");
  const current = select.value;
  select.replaceChildren(
    ...apps.map((app) => {
      const option = document.createElement("option");
      option.value = app.id;
      option.textContent = app.name + (app.uid ? " (" + app.uid + ")" : "");
      return option;
    }));
  if (apps.some((app) => app.id === current)) select.value = current;
  return apps;
}

// Svix's MessageStatus (0 success, 1 pending, 2 fail, 3 sending) in the dashboard's words.
const DELIVERY_STATE = ["delivered", "pending", "dead", "pending"];
const ATTEMPT_STATE = ["succeeded", "pending", "failed", "pending"];

async function refreshMessages(app) {
  // One request for the page, each message with its destinations (not one request per message).
  const messages = (await get("/app/" + app + "/msg?limit=25&with_content=false&with_destinations=true")).data;
  fill(
    "messages",
    messages.map((message) => {
      const chips = document.createElement("span");
      for (const destination of message.destinations) {
        chips.append(chip(DELIVERY_STATE[destination.status], destination.id + ", " + destination.attempts + " tries"));
      }
      const tr = row(cell(message.id), cell(message.eventType), cell(when(message.timestamp)), cell(chips));
      tr.className = "message";
      tr.dataset.messageId = message.id;
      tr.addEventListener("click", () => showAttempts(app, message.id));
      return tr;
    }));
  if (shownAttempts) await showAttempts(shownAttempts.app, shownAttempts.message);
}

async function showAttempts(app, message) {
  shownAttempts = { app, message };
  const attempts = (await get("/app/" + app + "/attempt/msg/" + message + "?limit=250&with_content=false")).data;
  $("attempts-of").textContent = message;
  document.querySelector("#attempts tbody").replaceChildren(
    ...attempts.map((a) =>
      row(cell(a.endpointId), cell(a.attempt), cell(chip(ATTEMPT_STATE[a.status])), cell(a.responseStatusCode || ""),
        cell(a.responseDurationMs + " ms"), cell(a.error, "reason"), cell(when(a.timestamp)))));
  $("attempts").hidden = false;
}

async function refreshDeadLetters(app) {
  const dead = (await get("/app/" + app + "/dead-letter?limit=50")).data;
  fill(
    "dead-letters",
    dead.map((letter) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = "Resend";
      button.dataset.resend = letter.messageId + ":" + letter.endpointId;
      button.addEventListener("click", async () => {
        button.disabled = true;
        try {
          await call("POST", "/app/" + app + "/msg/" + letter.messageId + "/endpoint/" + letter.endpointId + "/resend");
          await refresh();
        } catch (e) {
          showError(e);
          button.disabled = false;
        }
      });
      const tr = row(cell(letter.messageId), cell(letter.endpointId), cell(letter.attempts),
        cell(letter.reason, "reason"), cell(button));
      tr.dataset.messageId = letter.messageId;
      return tr;
    }));
}

async function refreshInbound() {
  const sources = (await get("/source?limit=250")).data;
  // A source without a secret takes requests from anyone who knows its URL: say so where it shows.
  fill("sources", sources.map((s) => row(cell(s.id), cell(s.name), cell(s.type), cell(s.mode),
    cell(s.unauthenticated ? chip("unauthenticated", "no secret: anyone who knows the URL can post") : "secret"),
    cell(s.ingestUrl, "url"))));
  const audit = (await get("/audit?limit=20")).data;
  fill("audit", audit.map((a) =>
    row(cell(when(a.timestamp)), cell(a.sourceId), cell(chip(a.action)), cell(a.providerId),
      cell(a.remoteAddress), cell(a.reason, "reason"))));
}

function showError(e) {
  $("error").textContent = String(e.message || e);
  $("error").hidden = false;
}

async function refresh() {
  try {
    const apps = await refreshApps();
    await refreshQueues();
    await refreshEndpoints(apps);
    const app = selectedApp();
    if (app) {
      await refreshMessages(app);
      await refreshDeadLetters(app);
    }
    await refreshInbound();
    $("error").hidden = true;
    $("refreshed").textContent = "Updated " + new Date().toLocaleTimeString();
  } catch (e) {
    if (e.message !== "unauthorized") showError(e);
  }
}

function connect() {
  $("login").hidden = true;
  $("session").hidden = false;
  $("main").hidden = false;
  refresh();
  timer = setInterval(refresh, REFRESH_MS);
}

function disconnect(reason) {
  sessionStorage.removeItem("hookline-token");
  clearInterval(timer);
  $("main").hidden = true;
  $("session").hidden = true;
  $("login").hidden = false;
  if (reason) showError(reason);
}

$("login").addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem("hookline-token", $("token").value);
  $("token").value = "";
  connect();
});
$("disconnect").addEventListener("click", () => disconnect());
$("app").addEventListener("change", () => { shownAttempts = null; $("attempts").hidden = true; refresh(); });
if (token()) connect();
