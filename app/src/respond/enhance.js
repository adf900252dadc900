// The respondent's pages with JavaScript (issue 23): every answer is saved as it is given, and
// the forms and links move between the pages without a full reload (the server's own HTML of
// the next page replaces the body, the address follows, focus goes to the new heading). Without
// it the same pages are plain forms the server handles. Inlined into each page and allowed by
// its hash in the Content-Security-Policy; a few kilobytes instead of the organiser app's
// WebAssembly, and nothing to wait for before the first paint (a module script is deferred).

// The personal link's token of the page (`/s/{token}/…`).
const token = () => {
  const parts = location.pathname.split("/");
  return parts[1] === "s" && parts[2] ? parts[2] : null;
};

// The browser's own submit: a control named "submit" would shadow `form.submit`.
const plainSubmit = (form) => HTMLFormElement.prototype.submit.call(form);

// A rating or comment changed: save it, and say so in the form's status line.
document.addEventListener("change", (event) => {
  const field = event.target;
  if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) return;
  const form = field.form;
  const index = form?.getAttribute("data-save") ?? "";
  const link = token();
  if (!form || !/^\d+$/.test(index) || !link) return;
  const status = form.querySelector(".saved");
  if (status) status.textContent = "";
  const body = new URLSearchParams({ token: link, index, field: field.name, value: field.value });
  fetch("/api/respond/save", { method: "POST", body })
    .then((response) => (response.ok ? response.json() : false))
    .then((saved) => {
      if (saved === true && status) status.textContent = status.getAttribute("data-saved-text");
    })
    .catch(() => {});
});

// A respondent's form is posted in the background; the page it leads to is swapped in.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.classList.contains("respond-form")) return;
  event.preventDefault();
  // One post at a time: a second press while the first is under way does nothing.
  if (form.getAttribute("aria-busy") === "true") return;
  const data = new FormData(form);
  const button = event.submitter;
  if (button instanceof HTMLButtonElement && button.name) data.append(button.name, button.value);
  // The attribute, not `form.action`: the form's own button is named "action", and a named
  // control shadows the form's property of that name.
  const url = form.getAttribute("action") ?? location.href;
  form.setAttribute("aria-busy", "true");
  swapIn(url, new URLSearchParams(data), true).catch(() => {
    // Let the browser post it the plain way instead.
    form.removeAttribute("aria-busy");
    plainSubmit(form);
  });
});

// A plain click on a link to another of the respondent's pages.
document.addEventListener("click", (event) => {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(link instanceof HTMLAnchorElement)) return;
  // In-page anchors (the skip link), other sites, new windows and the language switch (which
  // sets a cookie) keep their usual behaviour.
  const own = link.getAttribute("href") ?? "";
  if (!own.startsWith("/s/") || link.origin !== location.origin || link.target) return;
  event.preventDefault();
  loadOrReload(link.href, true);
});

// The address of the page shown, so an in-page anchor (the skip link), which also fires
// popstate, does not fetch the page again.
let shown = location.pathname + location.search;

window.addEventListener("popstate", () => {
  if (location.pathname + location.search !== shown) loadOrReload(location.href, false);
});

function loadOrReload(href, push) {
  swapIn(href, null, push).catch(() => location.assign(href));
}

// Fetches `url` (a post when there is a body) and puts the page it answers in place of the
// current one; fails when the answer is not one of the respondent's pages.
async function swapIn(url, body, push) {
  const response = await fetch(url, body ? { method: "POST", body } : {});
  if (!(response.headers.get("content-type") ?? "").startsWith("text/html")) {
    throw new Error("not a page");
  }
  const next = new DOMParser().parseFromString(await response.text(), "text/html");
  if (!document.body || !next.body || !next.getElementById("main")) {
    throw new Error("not a respondent's page");
  }
  document.title = next.title;
  const lang = next.documentElement.getAttribute("lang");
  if (lang) document.documentElement.setAttribute("lang", lang);
  document.body.innerHTML = next.body.innerHTML;
  // The address follows a link or a redirect; a post answered in place keeps the address.
  if (push && (!body || response.redirected)) history.pushState(null, "", response.url);
  shown = location.pathname + location.search;
  window.scrollTo(0, 0);
  // Screen readers announce the new page from its heading; keyboard users continue from there.
  const heading = document.querySelector("main h1");
  if (heading instanceof HTMLElement) {
    heading.tabIndex = -1;
    heading.focus();
  }
}
