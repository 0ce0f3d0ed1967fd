// The phone page's script: live updates, a local countdown, and the +/- and up/down buttons.
// Without it every form still posts and the page refreshes itself (pages.py).
"use strict";  // not translated: a directive

// The same words as view.time_words ("12:30 left of 15 min", "01:10 over 10 min"), in the
// page's language: the page gives them, translated, in data-left and data-over of #time.
function timeWords(remaining, allowed) {
  const abs = Math.abs(remaining);
  const clock = String(Math.floor(abs / 60)).padStart(2, "0") + ":" + String(abs % 60).padStart(2, "0");
  const time = document.getElementById("time");
  const words = remaining >= 0 ? time.dataset.left : time.dataset.over;
  return words.replace("{clock}", clock).replace("{allowed}", allowed);
}

// Each count in the time line (a round's, then its step's) goes down from what the page said.
function countdown() {
  clearInterval(window.workshopTick);
  const time = document.getElementById("time");
  if (!time || time.dataset.running !== "yes") return;
  const counts = [...time.querySelectorAll(".count")];
  const started = Date.now();
  window.workshopTick = setInterval(() => {
    const gone = Math.floor((Date.now() - started) / 1000);
    for (const count of counts) {
      count.textContent = timeWords(Number(count.dataset.remaining) - gone, count.dataset.allowed);
    }
  }, 1000);
}

// A multiple-choice poll's limit, kept where it is chosen: a tick over it is undone at once,
// and the line under the boxes says why (the server refuses such a ballot all the same).
function limit(form) {
  const most = Number(form.dataset.max), said = form.querySelector("#limit");
  form.addEventListener("change", (event) => {
    const box = event.target;
    if (box.type !== "checkbox") return;
    const ticked = form.querySelectorAll("input[type=checkbox]:checked").length;
    if (box.checked && ticked > most) {
      box.checked = false;
      said.textContent = said.dataset.said.replace("{max}", most);  // the page's words, translated
    } else {
      said.textContent = "";
    }
  });
}

function dots(form) {
  const budget = Number(form.dataset.budget);
  const inputs = [...form.querySelectorAll("input[type=number]")];
  const left = form.querySelector("#dots-left");
  const update = () => { left.textContent = budget - inputs.reduce((sum, i) => sum + (Number(i.value) || 0), 0); };
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-for]");
    if (!button) return;
    const input = document.getElementById(button.dataset.for);
    const value = (Number(input.value) || 0) + (button.classList.contains("more") ? 1 : -1);
    if (value < 0 || value > Number(input.max)) return;
    if (button.classList.contains("more") && Number(left.textContent) <= 0) return;
    input.value = value;
    form.dataset.dirty = "yes";
    update();
  });
  form.addEventListener("input", update);
}

function rank(form) {
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button.up, button.down");  // not translated: selectors
    if (!button) return;
    const item = button.closest("li");
    if (button.classList.contains("up") && item.previousElementSibling) {
      item.parentNode.insertBefore(item, item.previousElementSibling);
    } else if (button.classList.contains("down") && item.nextElementSibling) {
      item.parentNode.insertBefore(item.nextElementSibling, item);
    }
    form.dataset.dirty = "yes";
    button.focus();
  });
}

function wire() {
  countdown();
  const form = document.getElementById("vote");
  // A half-made ballot kept through an update is the same element: wired twice, each tap on
  // a + or an arrow would count twice.
  if (!form || form.dataset.wired) return;
  form.dataset.wired = "yes";
  // "input" as well as "change": a text field says "change" only once it loses focus, and an
  // answer still being typed is as much a half-made ballot as a tapped radio.
  for (const type of ["input", "change"]) form.addEventListener(type, () => { form.dataset.dirty = "yes"; });
  if (form.dataset.kind === "multi") limit(form);
  if (form.dataset.kind === "dots") dots(form);
  if (form.dataset.kind === "rank") rank(form);
}

// One fetch at a time: news that arrives during one is fetched once more, after it.
let fetching = false, again = false;
async function refresh() {
  if (fetching) { again = true; return; }
  fetching = true;
  try { await swap(); } finally { fetching = false; }
  if (again) { again = false; refresh(); }
}

// Swap in what changed: the live part and the list of this step's notes always (never the note
// being written); the ballot only when its poll changed, or when the person has not started
// filling it in (a half-made ballot is never thrown away).
async function swap() {
  const response = await fetch("/", { credentials: "same-origin", cache: "no-store" });
  if (!response.ok) return;
  const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
  for (const id of ["live", "ballot", "my-notes", "hand", "room", "room-list"]) {
    const now = document.getElementById(id), next = fresh.getElementById(id);
    if (!now || !next) { if (now !== next) { location.reload(); return; } continue; }
    const form = now.querySelector("form");
    if (id === "ballot" && now.dataset.key === next.dataset.key && form && form.dataset.dirty) continue;
    // an idea or a question being typed is never thrown away by an update
    if (id === "room" && now.dataset.key === next.dataset.key) continue;
    // a refusal belongs to the ballot it refused: it goes once that ballot has moved on (another
    // poll, round or reset), and stays through every other change the room makes meanwhile
    const movedOn = id === "ballot" && now.dataset.key !== next.dataset.key;
    now.replaceWith(document.importNode(next, true));
    if (movedOn) document.querySelectorAll(".error").forEach((line) => line.remove());
  }
  document.body.dataset.key = fresh.body.dataset.key;
  wire();
}

function listen() {
  const events = new EventSource("/events");
  events.onmessage = (message) => { if (message.data !== document.body.dataset.key) refresh(); };
}

// The language picker changes the page as soon as a language is chosen (its button, without the script).
function picker() {
  const chosen = document.getElementById("lang");
  if (chosen) chosen.addEventListener("change", () => chosen.form.submit());
}

document.addEventListener("DOMContentLoaded", () => { wire(); listen(); picker(); });
