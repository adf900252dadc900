#!/usr/bin/env node
// Phone benchmark (a program that reports numbers, not a test): loads a respondent's welcome
// page and the first questionnaire page in Chromium as a slow phone would (1.6 Mbit/s down,
// 750 kbit/s up, 150 ms round trip, CPU four times slower, 390x844 mobile viewport, no cache)
// and reports first contentful paint, the moment the page is usable, the load event and the
// bytes transferred, per resource kind. See README.md in this folder for the definitions.
//
//   BASE_URL=http://127.0.0.1:PORT DATA_DIR=/the/servers/data/dir node bench/phone.mjs
//
// It prepares what it needs through the server's own pages (first-run setup or sign-in, a new
// scan with one informant, opened), and reads the informant's personal link from the .eml file
// the server writes to DATA_DIR/outbox. LINK=/s/<token> skips the preparation.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { disableCache, newPhonePage, phone, throttleToPhone } from "./phone_profile.mjs";

const here = dirname(fileURLToPath(import.meta.url));

const env = process.env;
const config = {
  baseUrl: (process.argv[2] ?? env.BASE_URL ?? "").replace(/\/+$/, ""),
  dataDir: env.DATA_DIR,
  serverBin: env.SERVER_BIN ?? resolve(here, "..", "..", "target", "debug", "server"),
  setupCode: env.SETUP_CODE,
  link: env.LINK,
  runs: Number(env.RUNS ?? 5),
  // Per page load: the debug WebAssembly bundle alone takes minutes at 1.6 Mbit/s.
  timeoutMs: Number(env.TIMEOUT_S ?? 1200) * 1000,
  chromium: env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  admin: {
    email: env.ADMIN_EMAIL ?? "secretaris@gemeente.nl",
    password: env.ADMIN_PASSWORD ?? "een-lang-wachtwoord-2026",
  },
};

// The same launch arguments as end2end/playwright.config.ts.
const launchArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const USABLE_DEFINITION =
  "usable = the later of DOMContentLoaded (end) and the moment the respondent enhancement is " +
  "active, i.e. the page's script has put both its save-as-you-go 'change' listener and its " +
  "'submit' listener on the document (before issue 23: enhance_respondent() in " +
  "app/src/enhance.rs, run once the WebAssembly is instantiated; after it: the inlined " +
  "app/src/respond/enhance.js). Observed by an init script wrapping addEventListener; " +
  "the pages set no marker of their own.";

function fail(message) {
  console.error(`phone benchmark: ${message}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Preparation: an administrator, a scan with one informant, opened; the informant's link.
// Done in an unthrottled context without JavaScript: the plain HTML forms, no hydration waits.

function setupCode() {
  if (config.setupCode) return config.setupCode;
  if (!config.dataDir) fail("the server needs its first-run setup: set DATA_DIR (or SETUP_CODE)");
  if (!existsSync(config.serverBin)) fail(`no server binary at ${config.serverBin} (set SERVER_BIN) for 'server setup-code'`);
  return execFileSync(config.serverBin, ["setup-code"], {
    env: { ...env, DATA_DIR: config.dataDir, RUST_LOG: "error" },
    encoding: "utf8",
  }).trim();
}

/** Waits for `text` in the page's status messages, or fails saying what the page shows instead. */
async function expectStatus(page, text, what) {
  try {
    await page.getByRole("status").filter({ hasText: text }).first().waitFor({ timeout: 30_000 });
  } catch {
    const alert = await page.getByRole("alert").allInnerTexts().catch(() => []);
    fail(`${what}: no "${text}" on ${page.url()}${alert.length ? ` (alert: ${alert.join(" | ")})` : ""}`);
  }
}

async function signIn(page) {
  await page.goto(`${config.baseUrl}/login`);
  await page.getByLabel("E-mailadres").fill(config.admin.email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(config.admin.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL(/\/$/, { timeout: 30_000 }).catch(() => fail(`sign-in as ${config.admin.email} failed (still on ${page.url()}); set ADMIN_EMAIL/ADMIN_PASSWORD`));
}

async function ensureAdmin(page) {
  await page.goto(`${config.baseUrl}/`);
  await page.waitForURL(/\/(setup|login)/, { timeout: 30_000 });
  if (!/\/setup$/.test(new URL(page.url()).pathname)) return;
  await page.getByLabel("Installatiecode").fill(setupCode());
  await page.getByLabel("E-mailadres").fill(config.admin.email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(config.admin.password);
  await page.getByLabel("Herhaal het wachtwoord").fill(config.admin.password);
  await page.getByRole("button", { name: "Beheerder aanmaken" }).click();
  await page.waitForURL(/\/login\?done=setup$/, { timeout: 30_000 }).catch(() => fail(`first-run setup failed (on ${page.url()})`));
}

/** Creates and opens a scan about "Piet Jansen" with one informant; returns the informant's address. */
async function openScan(page) {
  const stamp = `${Date.now()}`;
  const informant = `meting-${stamp}@gemeente.nl`;
  await page.goto(`${config.baseUrl}/`);
  await page.getByRole("link", { name: "Scans", exact: true }).click();
  await page.getByRole("link", { name: "Nieuwe scan" }).click();
  await page.getByLabel("Competentiekader").selectOption({ label: "Competentiegids gemeente Maastricht 2014" });
  await page.getByLabel("Functiegroepprofiel").selectOption({ label: "Beleidsmedewerker" });
  await page.getByRole("button", { name: "Verder" }).click();
  await page.getByLabel("Naam", { exact: true }).fill("Piet Jansen");
  await page.getByLabel("E-mailadres").fill(`betrokkene-${stamp}@gemeente.nl`);
  await page.getByLabel("Functie", { exact: true }).fill("Beleidsmedewerker");
  await page.getByLabel("Niveau", { exact: true }).selectOption("8-10");
  await page.getByRole("button", { name: "Scan aanmaken" }).click();
  await expectStatus(page, "De conceptscan is aangemaakt", "creating the scan");
  const addOne = page.locator("#add-one");
  await addOne.getByLabel("Naam").fill("Anna de Boer");
  await addOne.getByLabel("E-mailadres").fill(informant);
  await addOne.getByLabel("Groep").selectOption({ label: "Collega's" });
  await addOne.getByRole("button", { name: "Toevoegen" }).click();
  await expectStatus(page, "1 informant toegevoegd", "adding the informant");
  await page.getByRole("link", { name: "Scan openen en uitnodigingen versturen" }).first().click();
  await page.getByRole("button", { name: "Ja, openen en versturen" }).click();
  await expectStatus(page, "De scan is open", "opening the scan");
  return informant;
}

/** The personal link (`/s/<token>`) in the invitation the server wrote for `recipient`. */
function linkFromOutbox(recipient) {
  const dir = join(config.dataDir, "outbox");
  if (!existsSync(dir)) return undefined;
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".eml")).sort()) {
    const raw = readFileSync(join(dir, name), "utf8");
    if (!raw.includes(`To: ${recipient}`) && !raw.includes(`<${recipient}>`)) continue;
    // Quoted-printable soft line breaks and escapes; base64 bodies decoded too.
    const quoted = raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
    const base64 = [...raw.matchAll(/Content-Transfer-Encoding: base64\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/g)].map((m) =>
      Buffer.from(m[1].replace(/\s+/g, ""), "base64").toString("utf8"),
    );
    const match = [quoted, ...base64].join("\n").match(/\/s\/([0-9a-f]{64})/);
    if (match) return match[0];
  }
  return undefined;
}

async function prepare(browser) {
  if (!config.dataDir) fail("set DATA_DIR to the server's data directory (its outbox holds the personal links), or LINK=/s/<token>");
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "nl-NL" });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await ensureAdmin(page);
  await signIn(page);
  const informant = await openScan(page);
  await context.close();
  // The outbox worker sends in the background.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const link = linkFromOutbox(informant);
    if (link) return link;
    if (Date.now() > deadline) fail(`no invitation to ${informant} in ${join(config.dataDir, "outbox")} within a minute`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// ---------------------------------------------------------------------------------------------
// Measurement.

/** Runs in every document before its own scripts: notes when the enhancement becomes active. */
function probe() {
  const bench = (window.__bench = { listeners: {}, wasmInstantiated: null, enhanced: null });
  const now = () => performance.now();
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, ...rest) {
    const owner = this === document ? "document" : this === window ? "window" : null;
    if (owner) {
      const key = `${owner}:${type}`;
      if (!(key in bench.listeners)) bench.listeners[key] = now();
      if (bench.enhanced === null && "document:change" in bench.listeners && "document:submit" in bench.listeners) {
        bench.enhanced = now();
      }
    }
    return add.call(this, type, ...rest);
  };
  const wasm = globalThis.WebAssembly;
  if (wasm) {
    for (const name of ["instantiateStreaming", "instantiate"]) {
      const original = wasm[name];
      if (typeof original !== "function") continue;
      wasm[name] = function (...args) {
        return original.apply(this, args).then((result) => {
          bench.wasmInstantiated = now();
          return result;
        });
      };
    }
  }
}

function kindOf(request) {
  const url = request.url ?? "";
  const path = url.split(/[?#]/)[0];
  if (path.endsWith(".wasm") || request.mimeType === "application/wasm") return "wasm";
  if (request.type === "Document") return "html";
  if (request.type === "Stylesheet" || path.endsWith(".css")) return "css";
  if (request.type === "Script" || path.endsWith(".js") || path.endsWith(".mjs")) return "js";
  return "other";
}

const KINDS = ["html", "css", "js", "wasm", "other"];

async function measureOnce(browser, url) {
  const { context, page, cdp } = await newPhonePage(browser, probe);
  const requests = new Map();
  let lastActivity = Date.now();
  const entry = (id) => {
    if (!requests.has(id)) requests.set(id, { done: false, bytes: 0 });
    lastActivity = Date.now();
    return requests.get(id);
  };
  cdp.on("Network.requestWillBeSent", (e) => {
    const r = entry(e.requestId);
    if (e.redirectResponse) r.redirects = (r.redirects ?? 0) + 1;
    Object.assign(r, { url: e.request.url, type: e.type ?? r.type, start: e.timestamp });
  });
  cdp.on("Network.responseReceived", (e) => {
    const r = entry(e.requestId);
    Object.assign(r, { type: e.type ?? r.type, mimeType: e.response.mimeType, status: e.response.status });
  });
  cdp.on("Network.loadingFinished", (e) => {
    const r = entry(e.requestId);
    Object.assign(r, { done: true, bytes: e.encodedDataLength, end: e.timestamp });
  });
  cdp.on("Network.loadingFailed", (e) => {
    const r = entry(e.requestId);
    Object.assign(r, { done: true, failed: e.errorText, end: e.timestamp });
  });
  await disableCache(cdp);
  await throttleToPhone(cdp);

  const started = Date.now();
  const left = () => Math.max(1000, config.timeoutMs - (Date.now() - started));
  const notes = [];
  await page.goto(url, { waitUntil: "load", timeout: config.timeoutMs });
  await page
    .waitForFunction(() => window.__bench?.enhanced != null, null, { timeout: left(), polling: 250 })
    .catch(() => notes.push("enhancement never became active"));
  // Then until the network is quiet: nothing pending and nothing new for a second.
  while (Date.now() - started < config.timeoutMs) {
    const pending = [...requests.values()].some((r) => !r.done && !(r.url ?? "").startsWith("data:"));
    if (!pending && Date.now() - lastActivity > 1000) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const timings = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    const b = window.__bench ?? {};
    return {
      fcp: fcp ? fcp.startTime : null,
      domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
      load: nav ? nav.loadEventStart : null,
      responseEnd: nav ? nav.responseEnd : null,
      wasmInstantiated: b.wasmInstantiated ?? null,
      enhanced: b.enhanced ?? null,
      finalUrl: location.href,
    };
  });
  await context.close();

  const bytes = Object.fromEntries(KINDS.map((k) => [k, 0]));
  const resources = [];
  for (const r of requests.values()) {
    if ((r.url ?? "").startsWith("data:")) continue;
    const kind = kindOf(r);
    bytes[kind] += r.bytes;
    if (!r.done) notes.push(`still loading at the end: ${r.url}`);
    if (r.failed) notes.push(`failed: ${r.url} (${r.failed})`);
    if (r.status >= 400) notes.push(`HTTP ${r.status}: ${r.url}`);
    resources.push({
      kind,
      path: new URL(r.url).pathname.replace(/[0-9a-f]{64}/, "<token>"),
      status: r.status ?? null,
      bytes: r.bytes,
      seconds: r.end && r.start ? Number((r.end - r.start).toFixed(2)) : null,
    });
  }
  const total = KINDS.reduce((sum, k) => sum + bytes[k], 0);
  const usable =
    timings.enhanced === null ? null : Math.max(timings.enhanced, timings.domContentLoaded ?? 0);
  return {
    fcp: round(timings.fcp),
    usable: round(usable),
    load: round(timings.load),
    wasmInstantiated: round(timings.wasmInstantiated),
    bytes: { total, ...bytes },
    requests: resources.length,
    resources,
    finalPath: new URL(timings.finalUrl).pathname.replace(/[0-9a-f]{64}/, "<token>"),
    notes,
  };
}

// ---------------------------------------------------------------------------------------------
// Reporting.

function summary(values) {
  const v = values.filter((x) => typeof x === "number").sort((a, b) => a - b);
  if (v.length === 0) return { median: null, min: null, max: null, n: 0 };
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length };
}

const ms = (x) => (x === null ? "—" : `${(x / 1000).toFixed(2)} s`);
const kb = (x) =>
  x === null ? "—" : x >= 1024 * 1024 ? `${(x / 1024 / 1024).toFixed(2)} MiB` : `${(x / 1024).toFixed(1)} KiB`;
/** Milliseconds to one decimal in the JSON line. */
const round = (x) => (typeof x === "number" ? Math.round(x * 10) / 10 : x);

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ")).join("\n");
}

function report(name, path, runs) {
  const rows = [["", "median", "min", "max", "runs"]];
  const stats = {};
  const line = (label, key, get, fmt) => {
    const s = summary(runs.map(get));
    stats[key] = s;
    rows.push([label, fmt(s.median), fmt(s.min), fmt(s.max), `${s.n}/${runs.length}`]);
  };
  line("first contentful paint", "fcp", (r) => r.fcp, ms);
  line("usable (enhancement active)", "usable", (r) => r.usable, ms);
  line("load event", "load", (r) => r.load, ms);
  line("WebAssembly instantiated", "wasmInstantiated", (r) => r.wasmInstantiated, ms);
  line("bytes transferred", "bytes", (r) => r.bytes.total, kb);
  for (const k of KINDS) line(`  ${k}`, `bytes_${k}`, (r) => r.bytes[k], kb);
  console.log(`\n${name}  (${path}, ${runs.length} loads)`);
  console.log(table(rows));
  console.log("resources of the first load:");
  console.log(
    table([
      ["  kind", "status", "bytes", "seconds", "path"],
      ...runs[0].resources.map((r) => [`  ${r.kind}`, r.status ?? "—", r.bytes, r.seconds ?? "—", r.path]),
    ]),
  );
  const notes = [...new Set(runs.flatMap((r) => r.notes))];
  if (notes.length) console.log(`notes:\n  ${notes.join("\n  ")}`);
  return stats;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!config.baseUrl) fail("give the server's base URL: BASE_URL=http://127.0.0.1:PORT (or as the first argument)");
  if (!(config.runs >= 1)) fail("RUNS must be at least 1");
  const browser = await chromium.launch({ executablePath: config.chromium, args: launchArgs });
  try {
    const link = config.link ?? (await prepare(browser));
    // A mistyped or used link measures an error page: refuse it.
    for (const path of [link, `${link}/q/0`]) {
      const response = await fetch(`${config.baseUrl}${path}`, { redirect: "manual" });
      const html = await response.text();
      if (response.status !== 200 || /data-testid="link-invalid"/.test(html) || !/<form|Beginnen|Verdergaan/.test(html)) {
        fail(`${path.replace(/[0-9a-f]{64}/, "<token>")} is not a respondent's page (HTTP ${response.status}); is LINK a valid, unused personal link?`);
      }
    }
    const pages = [
      { name: "welcome page", path: link },
      { name: "first questionnaire page", path: `${link}/q/0` },
    ];
    console.log(
      `Phone benchmark against ${config.baseUrl}: ${phone.downloadKbps / 1000} Mbit/s down, ${phone.uploadKbps} kbit/s up, ` +
        `${phone.latencyMs} ms latency, CPU ${phone.cpuSlowdown}x slower, ${phone.viewport.width}x${phone.viewport.height} ` +
        `mobile viewport, cache disabled, a fresh browser context per load, ${config.runs} loads per page.`,
    );
    console.log(`Times are from the start of navigation. ${USABLE_DEFINITION}`);
    console.log("Bytes = sum of encodedDataLength of Network.loadingFinished (headers included, as transferred).");
    const loadBefore = loadavg();
    const results = [];
    for (const p of pages) {
      const runs = [];
      for (let i = 0; i < config.runs; i++) {
        process.stderr.write(`  ${p.name}: load ${i + 1}/${config.runs}…`);
        const run = await measureOnce(browser, `${config.baseUrl}${p.path}`);
        process.stderr.write(` fcp ${ms(run.fcp)}, usable ${ms(run.usable)}, load ${ms(run.load)}, ${kb(run.bytes.total)}\n`);
        runs.push(run);
      }
      const stats = report(p.name, p.path.replace(/[0-9a-f]{64}/, "<token>"), runs);
      results.push({
        page: p.name,
        path: p.path.replace(/[0-9a-f]{64}/, "<token>"),
        stats,
        runs: runs.map(({ resources, ...rest }) => rest),
        resources: runs[0].resources,
      });
    }
    const loadAfter = loadavg();
    // Other work on the machine skews the CPU-bound figures: say how busy it was.
    const machine = {
      cpus: cpus().length,
      loadAverage1mBefore: Number(loadBefore[0].toFixed(2)),
      loadAverage1mAfter: Number(loadAfter[0].toFixed(2)),
      loadAverage15mAfter: Number(loadAfter[2].toFixed(2)),
    };
    console.log(
      `\nmachine: ${machine.cpus} CPUs; load average (1 min) ${machine.loadAverage1mBefore} before, ` +
        `${machine.loadAverage1mAfter} after; (15 min) ${machine.loadAverage15mAfter}`,
    );
    const json = {
      benchmark: "phone",
      date: new Date().toISOString(),
      baseUrl: config.baseUrl,
      settings: { ...phone, runs: config.runs, cacheDisabled: true },
      machine,
      definitions: {
        fcp: "performance paint entry first-contentful-paint, ms from navigation start",
        usable: USABLE_DEFINITION,
        load: "PerformanceNavigationTiming.loadEventStart, ms from navigation start",
        wasmInstantiated: "when WebAssembly.instantiate(Streaming) resolved, ms from navigation start",
        bytes: "sum of Network.loadingFinished encodedDataLength until the network is quiet",
      },
      pages: results,
    };
    console.log(`\nBENCH_JSON ${JSON.stringify(json)}`);
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
