#!/usr/bin/env node
// Start-up of the respondent's enhancement, two ways (issue 23), on the phone benchmark's slow
// phone (see ../README.md): the plain JavaScript the app inlines (app/src/respond/enhance.js)
// and this crate's WebAssembly module (a module script importing the wasm-bindgen glue, which
// instantiates the .wasm). A program that reports numbers, not a test. Run ./measure.sh first.
//
//   node end2end/bench/respond-wasm/startup.mjs        (RUNS=5 loads per variant by default)
//
// A tiny local server (node's http) serves the same small questionnaire page to both variants,
// with the app's stylesheet (style/main.css) as the app's pages have it (STYLESHEET=0: without).
// After the timed loads, each variant goes once through the enhancement's jobs unthrottled (save
// a rating and a comment, post the form in the background, follow a link, go back, fall back to
// a plain post), to show both do the same.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";
import { createRequire } from "node:module";
// The phone benchmark's phone (../phone_profile.mjs), the same slow phone as phone.mjs.
import { disableCache, newPhonePage, phone, throttleToPhone } from "../phone_profile.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..", "..");
// playwright-core comes from the browser tests' packages (end2end/node_modules).
const { chromium } = createRequire(join(root, "end2end", "package.json"))("playwright-core");

const env = process.env;
const RUNS = Number(env.RUNS ?? 5);
const PKG = env.PKG_DIR ?? join(env.CARGO_TARGET_DIR ?? "/tmp/respond-wasm-target", "pkg");
const CHROMIUM = env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// The app's pages load its stylesheet, which holds back the first paint; STYLESHEET=0 leaves it out.
const STYLESHEET = env.STYLESHEET !== "0";

const launchArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic"];

// ---------------------------------------------------------------------------------------------
// The pages and files.

const TOKEN = "0123456789abcdef".repeat(4);
const enhanceJs = readFileSync(join(root, "app", "src", "respond", "enhance.js"), "utf8");
// The same start-up script as measure.sh writes to pkg/start.js.
const wasmStart = readFileSync(join(PKG, "start.js"), "utf8");
const files = {
  "/pkg/respond_enhance.js": { type: "text/javascript", body: readFileSync(join(PKG, "respond_enhance.js")) },
  "/pkg/respond_enhance_bg.wasm": { type: "application/wasm", body: readFileSync(join(PKG, "respond_enhance_bg.wasm")) },
  "/pkg/main.css": { type: "text/css", body: readFileSync(join(root, "style", "main.css")) },
};
// Static files go out as their Brotli copies, as the app serves them.
for (const f of Object.values(files)) {
  f.br = brotliCompressSync(f.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
}

const head = {
  js: `<script type="module">${enhanceJs}</script>`,
  // As the app's respondent pages were before enhance.js: both downloads start from the head.
  wasm:
    `<link rel="modulepreload" href="/pkg/respond_enhance.js">` +
    `<link rel="preload" href="/pkg/respond_enhance_bg.wasm" as="fetch" type="application/wasm" crossorigin="">` +
    `<script type="module">${wasmStart}</script>`,
};

/** A questionnaire page like the app's (`/s/{token}/q/{n}`): six ratings with a comment each. */
function page(variant, n) {
  const items = Array.from({ length: 6 }, (_, i) => {
    const name = `rating-${i}`;
    const options = [1, 2, 3, 4, 5]
      .map((v) => `<label><input type="radio" name="${name}" value="${v}"> ${v}</label>`)
      .join("\n");
    return `<fieldset><legend>Gedragsindicator ${i + 1}: stemt af op de behoeften van de ander en blijft daarbij het eigen doel voor ogen houden.</legend>
<div class="scale">${options}</div>
<label for="comment-${i}">Toelichting (niet verplicht)</label>
<textarea id="comment-${i}" name="comment-${i}" rows="3"></textarea></fieldset>`;
  }).join("\n");
  const back = n > 0 ? `<a href="/s/${TOKEN}/q/${n - 1}">Vorige competentie</a>` : "";
  // A control named "submit" shadows form.submit: the fallback must still post (second page).
  const shadow = n > 0 ? `<input type="hidden" name="submit" value="1">` : "";
  const action = n > 0 ? `/s/${TOKEN}/plain` : `/s/${TOKEN}/q/${n}`;
  return `<!DOCTYPE html>
<html lang="nl" dir="ltr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vraag ${n + 1} — Ontwikkelscan</title>${STYLESHEET ? `<link rel="stylesheet" href="/pkg/main.css">` : ""}<link rel="icon" href="data:,">
${head[variant]}
</head><body>
<a class="skip-link" href="#main">Naar de inhoud</a>
<header class="site-header"><div class="site-header-inner"><a class="brand" href="/">Ontwikkelscan</a> <a class="language-switch" href="/taal/en?terug=/s/${TOKEN}/q/${n}" hreflang="en">English</a></div></header>
<main id="main" class="content" tabindex="-1">
<h1>Vraag ${n + 1}: Samenwerken</h1>
<p class="lead">Samenwerken is gezamenlijk met anderen aan een resultaat werken. Hoe vaak laat Piet Jansen dit gedrag zien?</p>
<form class="respond-form" method="post" action="${action}" data-save="${n}">
${shadow}${items}
<p class="saved" role="status" data-saved-text="Je antwoorden zijn opgeslagen."></p>
<button type="submit" name="action" value="next">Volgende</button>
</form>
${back}
</main>
<footer class="site-footer"><p>Ontwikkelscan: 360-gradenfeedback</p></footer>
</body></html>`;
}

/** One server per variant; `saves` records what /api/respond/save received. */
function serve(variant) {
  const saves = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const send = (status, type, data, headers = {}) => {
        res.writeHead(status, { "content-type": type, "cache-control": "no-store", ...headers });
        res.end(data);
      };
      const file = files[url.pathname];
      const q = url.pathname.match(/^\/s\/[0-9a-f]{64}\/q\/(\d+)$/);
      if (file) {
        const br = /\bbr\b/.test(req.headers["accept-encoding"] ?? "");
        send(200, file.type, br ? file.br : file.body, br ? { "content-encoding": "br", vary: "accept-encoding" } : {});
      } else if (req.method === "POST" && url.pathname === "/api/respond/save") {
        saves.push(Object.fromEntries(new URLSearchParams(body)));
        send(200, "application/json", "true");
      } else if (req.method === "POST" && q) {
        // The form posted: on to the next page, as the server answers (303 See Other).
        send(303, "text/plain", "", { location: `/s/${TOKEN}/q/${Number(q[1]) + 1}` });
      } else if (req.method === "POST" && url.pathname === `/s/${TOKEN}/plain`) {
        // Not a page: the enhancement must give up and let the browser post the form itself.
        send(200, "text/plain; charset=utf-8", `posted: ${body}`);
      } else if (req.method === "GET" && q) {
        // Sent uncompressed, as the app sends the respondent's pages.
        send(200, "text/html; charset=utf-8", page(variant, Number(q[1])));
      } else {
        send(404, "text/plain", "not found");
      }
    });
  });
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () => ok({ server, saves, base: `http://127.0.0.1:${server.address().port}` })),
  );
}

// ---------------------------------------------------------------------------------------------
// Measurement, as in phone.mjs.

/** Runs before the page's scripts: notes when both of the enhancement's listeners are on the document. */
function probe() {
  const bench = (window.__bench = { listeners: {}, enhanced: null });
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, ...rest) {
    if (this === document && !(type in bench.listeners)) bench.listeners[type] = performance.now();
    if (bench.enhanced === null && "change" in bench.listeners && "submit" in bench.listeners) {
      bench.enhanced = performance.now();
    }
    return add.call(this, type, ...rest);
  };
}

/** A fresh phone page, cache off; slowed to the phone's speed when `throttled`. */
async function openPhonePage(browser, throttled) {
  const opened = await newPhonePage(browser, probe);
  await disableCache(opened.cdp);
  if (throttled) await throttleToPhone(opened.cdp);
  return opened;
}

async function measureOnce(browser, url) {
  const { context, page, cdp } = await openPhonePage(browser, true);
  const requests = new Map();
  let lastActivity = Date.now();
  const entry = (id) => {
    lastActivity = Date.now();
    if (!requests.has(id)) requests.set(id, { done: false, bytes: 0 });
    return requests.get(id);
  };
  cdp.on("Network.requestWillBeSent", (e) => (entry(e.requestId).url = e.request.url));
  cdp.on("Network.loadingFinished", (e) => Object.assign(entry(e.requestId), { done: true, bytes: e.encodedDataLength }));
  cdp.on("Network.loadingFailed", (e) => Object.assign(entry(e.requestId), { done: true, failed: e.errorText }));

  await page.goto(url, { waitUntil: "load", timeout: 120_000 });
  await page.waitForFunction(() => window.__bench?.enhanced != null, null, { timeout: 120_000, polling: 100 });
  // Then until the network is quiet: nothing pending and nothing new for a second.
  const deadline = Date.now() + 60_000;
  while (([...requests.values()].some((r) => !r.done) || Date.now() - lastActivity < 1000) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const t = await page.evaluate(() => ({
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
    dcl: performance.getEntriesByType("navigation")[0]?.domContentLoadedEventEnd ?? null,
    load: performance.getEntriesByType("navigation")[0]?.loadEventStart ?? null,
    enhanced: window.__bench.enhanced,
  }));
  await context.close();
  const own = [...requests.values()].filter((r) => !(r.url ?? "").startsWith("data:"));
  const failed = own.filter((r) => r.failed).map((r) => `${r.url}: ${r.failed}`);
  if (failed.length) throw new Error(`failed requests: ${failed.join(", ")}`);
  return { ...t, bytes: own.reduce((s, r) => s + r.bytes, 0), requests: own.length };
}

// ---------------------------------------------------------------------------------------------
// The same jobs, both ways (unthrottled): evidence the WebAssembly does what enhance.js does.

async function check(browser, variant, base, saves) {
  const { context, page } = await openPhonePage(browser, false);
  const results = [];
  const step = async (name, fn) => {
    try {
      await fn();
      results.push([name, "ok"]);
    } catch (error) {
      results.push([name, `FAILED: ${String(error.message).split("\n")[0]}`]);
    }
  };
  const expect = (ok, what) => {
    if (!ok) throw new Error(what);
  };
  const status = page.locator(".saved");
  const h1 = () => page.locator("main h1").textContent();
  try {
    await page.goto(`${base}/s/${TOKEN}/q/0`);
    await page.waitForFunction(() => window.__bench?.enhanced != null, null, { timeout: 30_000 });
    // A full page load would lose this marker; an in-place change keeps it.
    await page.evaluate(() => (window.__samePage = true));
    const samePage = () => page.evaluate(() => window.__samePage === true);

    await step("a rating is saved as it is given", async () => {
      await page.locator('input[name="rating-2"][value="4"]').check();
      await status.filter({ hasText: "opgeslagen" }).waitFor({ timeout: 5000 });
      const last = saves.at(-1);
      expect(last?.token === TOKEN && last.index === "0" && last.field === "rating-2" && last.value === "4", `saved ${JSON.stringify(last)}`);
    });
    await step("a comment is saved as it is given", async () => {
      await page.locator("#comment-1").fill("Luistert goed.");
      // A textarea's change event comes when it loses focus.
      await page.locator("#comment-1").blur();
      for (let i = 0; i < 50 && saves.at(-1)?.field !== "comment-1"; i++) await page.waitForTimeout(100);
      const last = saves.at(-1);
      expect(last?.field === "comment-1" && last.value === "Luistert goed.", `saved ${JSON.stringify(last)}`);
    });
    await step("the form posts in the background; the next page is swapped in", async () => {
      await page.getByRole("button", { name: "Volgende" }).click();
      await page.waitForURL(`${base}/s/${TOKEN}/q/1`, { timeout: 5000 });
      expect((await h1()) === "Vraag 2: Samenwerken", `h1 ${await h1()}`);
      expect(await samePage(), "the page was reloaded");
      expect(await page.title() === "Vraag 2 — Ontwikkelscan", `title ${await page.title()}`);
      expect(await page.evaluate(() => document.activeElement === document.querySelector("main h1")), "focus is not on the h1");
    });
    await step("a link to another /s/ page is followed in place", async () => {
      await page.getByRole("link", { name: "Vorige competentie" }).click();
      await page.waitForURL(`${base}/s/${TOKEN}/q/0`, { timeout: 5000 });
      expect((await h1()) === "Vraag 1: Samenwerken" && (await samePage()), "not swapped in place");
    });
    await step("back (popstate) swaps the earlier page in", async () => {
      await page.goBack();
      await page.waitForFunction(() => document.querySelector("main h1")?.textContent === "Vraag 2: Samenwerken", null, { timeout: 5000 });
      expect(await samePage(), "the page was reloaded");
    });
    await step("an answer that is not a page falls back to a plain post", async () => {
      await page.getByRole("button", { name: "Volgende" }).click();
      await page.waitForURL(`${base}/s/${TOKEN}/plain`, { timeout: 5000 });
      // The browser's own submit() sends the form's fields without the pressed button.
      const text = await page.locator("body").textContent();
      expect(/^posted: submit=1&/.test(text), `posted ${text}`);
    });
  } finally {
    await context.close();
  }
  return results;
}

// ---------------------------------------------------------------------------------------------

function median(values) {
  const v = values.filter((x) => typeof x === "number").sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => (i ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join("  ")).join("\n");
}

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: launchArgs });
  const variants = [
    { key: "js", name: "JavaScript (enhance.js inlined)" },
    { key: "wasm", name: "WebAssembly (glue + .wasm)" },
  ];
  try {
    for (const v of variants) Object.assign(v, await serve(v.key), { runs: [] });
    console.log(
      `Start-up of the respondent's enhancement: ${phone.downloadKbps / 1000} Mbit/s down, ${phone.uploadKbps} kbit/s up, ` +
        `${phone.latencyMs} ms latency, CPU ${phone.cpuSlowdown}x slower, cache disabled, a fresh context per load, ` +
        `${RUNS} loads per variant (alternating), ${STYLESHEET ? "with" : "without"} the app's stylesheet. Times from the start of navigation; listeners active = both the ` +
        `'change' and the 'submit' listener are on the document (addEventListener wrapped by an init script).`,
    );
    const load1 = loadavg()[0];
    for (let i = 0; i < RUNS; i++) {
      // Alternating, so drift on the machine touches both variants alike.
      for (const v of variants) {
        const run = await measureOnce(browser, `${v.base}/s/${TOKEN}/q/0`);
        v.runs.push(run);
        process.stderr.write(
          `  ${v.key} ${i + 1}/${RUNS}: fcp ${run.fcp?.toFixed(0)} ms, listeners ${run.enhanced?.toFixed(0)} ms, ${run.bytes} B\n`,
        );
      }
    }
    const ms = (x) => (x === null ? "—" : `${Math.round(x)} ms`);
    const rows = [["median of " + RUNS, ...variants.map((v) => v.name)]];
    const line = (label, get, fmt) => rows.push([label, ...variants.map((v) => fmt(median(v.runs.map(get))))]);
    line("first contentful paint", (r) => r.fcp, ms);
    line("listeners active", (r) => r.enhanced, ms);
    line("DOMContentLoaded (end)", (r) => r.dcl, ms);
    line("load event", (r) => r.load, ms);
    line("bytes transferred", (r) => r.bytes, (x) => `${x} B`);
    line("requests", (r) => r.requests, String);
    console.log(`\n${table(rows)}`);
    console.log(
      `\nmachine: ${cpus().length} CPUs, load average (1 min) ${load1.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after`,
    );

    console.log("\nthe same jobs both ways (unthrottled):");
    const checks = [];
    for (const v of variants) checks.push(await check(browser, v.key, v.base, v.saves));
    const names = checks[0].map(([name]) => name);
    console.log(table([["", ...variants.map((v) => v.key)], ...names.map((n, i) => [n, ...checks.map((c) => c[i][1])])]));
    const json = Object.fromEntries(variants.map((v) => [v.key, v.runs]));
    console.log(`\nSTARTUP_JSON ${JSON.stringify({ date: new Date().toISOString(), phone, runs: json })}`);
    if (checks.flat().some(([, r]) => r !== "ok")) process.exitCode = 1;
  } finally {
    await browser.close();
    for (const v of variants) v.server?.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
