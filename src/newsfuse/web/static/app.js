// newsfuse pages: highlight the sentence behind a fact, and send merge/split corrections.
"use strict";

function highlightRange(a, b, scroll) {
  document.querySelectorAll(".seg.hl").forEach((el) => el.classList.remove("hl"));
  let first = null;
  document.querySelectorAll("#article-text .seg").forEach((el) => {
    const sa = Number(el.dataset.a), sb = Number(el.dataset.b);
    if (sa < b && sb > a) {
      el.classList.add("hl");
      if (!first) first = el;
    }
  });
  if (first && scroll) first.scrollIntoView({ behavior: "smooth", block: "center" });
  return first;
}

function highlightMention(id, scroll) {
  document.querySelectorAll(".mentions a.active").forEach((el) => el.classList.remove("active"));
  const item = Array.from(document.querySelectorAll(".mentions a[data-mention]"))
    .find((el) => el.dataset.mention === id);
  if (item) {
    item.classList.add("active");
    return highlightRange(Number(item.dataset.a), Number(item.dataset.b), scroll);
  }
  const mark = Array.from(document.querySelectorAll("mark.ev"))
    .find((el) => el.dataset.m.split(" ").includes(id));
  if (mark) return highlightRange(Number(mark.dataset.a), Number(mark.dataset.b), scroll);
  return null;
}

function applyHash() {
  const hash = decodeURIComponent(location.hash.slice(1));
  if (hash.startsWith("m=")) highlightMention(hash.slice(2), true);
  else if (hash.startsWith("span=")) {
    const [a, b] = hash.slice(5).split("-").map(Number);
    if (!Number.isNaN(a) && !Number.isNaN(b)) highlightRange(a, b, true);
  }
}

async function postJSON(url, body) {
  const headers = { "Content-Type": "application/json" };
  const token = sessionStorage.getItem("newsfuse-token");
  if (token) headers["Authorization"] = "Bearer " + token;
  let response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  if (response.status === 401) {
    const given = window.prompt("This server needs its token for changes:");
    if (!given) throw new Error("A token is needed for changes.");
    sessionStorage.setItem("newsfuse-token", given);
    headers["Authorization"] = "Bearer " + given;
    response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = typeof data.detail === "string" ? data.detail : response.statusText;
    throw new Error(detail);
  }
  return data;
}

function showStatus(text, isError) {
  const el = document.getElementById("action-status");
  if (!el) return;
  el.textContent = text;  // text, never HTML
  el.classList.toggle("error", Boolean(isError));
}

function wireCorrections() {
  const merge = document.getElementById("merge-form");
  if (merge) {
    merge.addEventListener("submit", async (event) => {
      event.preventDefault();
      const here = merge.dataset.event;
      const other = document.getElementById("merge-other").value.trim();
      try {
        const data = await postJSON("/api/events/merge", { event_ids: [here, other] });
        showStatus("Merged.");
        location.assign("/events/" + encodeURIComponent(data.event_id));
      } catch (err) { showStatus("Merge failed: " + err.message, true); }
    });
  }
  const split = document.getElementById("split-form");
  if (split) {
    split.addEventListener("submit", async (event) => {
      event.preventDefault();
      const ids = Array.from(split.querySelectorAll("input[name=article]:checked")).map((el) => el.value);
      if (!ids.length) { showStatus("Select the articles to split off first.", true); return; }
      try {
        const data = await postJSON("/api/events/" + encodeURIComponent(split.dataset.event) + "/split",
          { article_ids: ids });
        location.assign("/events/" + encodeURIComponent(data.event_id));
      } catch (err) { showStatus("Split failed: " + err.message, true); }
    });
  }
}

function wireMentions() {
  document.querySelectorAll(".mentions a[data-mention]").forEach((el) => {
    el.addEventListener("click", (event) => {
      event.preventDefault();
      history.replaceState(null, "", "#m=" + encodeURIComponent(el.dataset.mention));
      highlightMention(el.dataset.mention, true);
    });
  });
  document.querySelectorAll("mark.ev").forEach((el) => {
    el.addEventListener("click", () => highlightMention(el.dataset.m.split(" ")[0], false));
  });
}

document.addEventListener("DOMContentLoaded", () => {
  wireCorrections();
  wireMentions();
  if (document.getElementById("article-text")) applyHash();
});
window.addEventListener("hashchange", applyHash);
