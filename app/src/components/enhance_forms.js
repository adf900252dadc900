// The organiser's pages with JavaScript (issue 23): a form is posted in the background and the
// page the server answers with (after its redirect) replaces the current one, so an action or a
// refusal shows in place without a reload, and the pressed button says it is busy meanwhile.
// Without JavaScript the same forms post the plain way and the server answers the same pages:
// one path on the server for both. Links keep their usual behaviour. Inlined into each page
// with the page's nonce; the few parts that need the WebAssembly are Leptos islands, hydrated
// again after each swap.

// The browser's own submit: a control named "submit" or "action" would shadow the form's own.
const plainSubmit = (form) => HTMLFormElement.prototype.submit.call(form);

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (event.defaultPrevented || !(form instanceof HTMLFormElement)) return;
  if ((form.getAttribute("method") ?? "").toLowerCase() !== "post") return;
  const url = new URL(form.getAttribute("action") ?? location.href, location.href);
  if (url.origin !== location.origin || form.target) return;
  event.preventDefault();
  // One post at a time: a second press while the first is under way does nothing.
  if (form.getAttribute("aria-busy") === "true") return;
  const button = event.submitter instanceof HTMLButtonElement ? event.submitter : null;
  const data = new FormData(form, button);
  const body = form.enctype === "multipart/form-data" ? data : new URLSearchParams(data);
  form.setAttribute("aria-busy", "true");
  const restore = showBusy(button);
  swapIn(url.href, body).catch(() => {
    // The answer was not a page (or never came): let the browser post it the plain way.
    restore();
    form.removeAttribute("aria-busy");
    plainSubmit(form);
  });
});

// The pressed button says "Bezig…" (its `data-busy` text), cannot be pressed again and tells
// screen readers it is busy; returns what undoes that.
function showBusy(button) {
  if (!button) return () => {};
  const label = button.textContent;
  button.textContent = button.getAttribute("data-busy") ?? label;
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  return () => {
    button.textContent = label;
    button.disabled = false;
    button.removeAttribute("aria-busy");
  };
}

// The address of the page shown: a page swapped in has no document of its own to go back to.
let shown = location.pathname + location.search;

window.addEventListener("popstate", () => {
  // Back or forward to another page: load it. An in-page anchor (the skip link) stays put.
  if (location.pathname + location.search !== shown) location.reload();
});

// Posts `body` to `url` as a plain form would (the server answers a page, after a redirect)
// and puts that page in place of the current one.
async function swapIn(url, body) {
  const response = await fetch(url, { method: "POST", body, headers: { Accept: "text/html" } });
  if (!(response.headers.get("content-type") ?? "").startsWith("text/html")) {
    throw new Error("not a page");
  }
  const next = new DOMParser().parseFromString(await response.text(), "text/html");
  if (!document.body || !next.body) throw new Error("not a page");
  document.title = next.title;
  for (const name of ["lang", "dir"]) {
    const value = next.documentElement.getAttribute(name);
    if (value) document.documentElement.setAttribute(name, value);
  }
  document.body.replaceWith(document.adoptNode(next.body));
  if (response.url !== location.href) history.pushState(null, "", response.url);
  shown = location.pathname + location.search;
  hydrateIslands();
  // A refusal is announced by its role; otherwise screen readers and keyboard users continue
  // from the new page's heading, as after a page load.
  const target = document.querySelector("main [role=alert]") ?? document.querySelector("main h1");
  window.scrollTo(0, 0);
  if (target instanceof HTMLElement) {
    target.tabIndex = -1;
    target.focus();
  }
}

// The islands of a page swapped in start like those of a loaded page (Leptos' island script
// defines `__hydrateIsland` once the WebAssembly is loaded; before that it finds them itself).
function hydrateIslands() {
  const hydrate = window.__hydrateIsland;
  if (typeof hydrate !== "function") return;
  for (const island of document.querySelectorAll("leptos-island")) {
    hydrate(island, island.dataset.component);
  }
}
