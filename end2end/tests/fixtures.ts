import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page, type TestInfo } from "@playwright/test";

// Every test fails when the browser logs an error or an uncaught exception: a failing island
// or form script shows up only there, while the server-rendered page looks fine.
// A test that provokes a refusal names the console line it expects (Chromium logs every 4xx
// answer, also the 422 of a refused action) in `expectedConsoleErrors`; nothing else is allowed.
export const test = base.extend<{ consoleErrors: string[]; expectedConsoleErrors: RegExp[] }>({
  expectedConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, expectedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        if (expectedConsoleErrors.some((allowed) => allowed.test(message.text()))) return;
        errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      expect(errors, "browser console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

// The one-time code the first-run setup asks for. The server prints one in its log on start;
// `server setup-code`, run against the same database, prints a fresh one on standard output:
// no log parsing, and a code of its own for each test that needs one. The database is the one
// in the server's data directory, or DATABASE_URL_JS / DATABASE_URL_NOJS when the servers use
// another (PostgreSQL).
export function setupCode(js: boolean): string {
  const dataDir = js ? process.env.DATA_DIR_JS : process.env.DATA_DIR_NOJS;
  if (!dataDir) throw new Error("DATA_DIR_JS / DATA_DIR_NOJS must name the servers' data directories");
  const databaseUrl = js ? process.env.DATABASE_URL_JS : process.env.DATABASE_URL_NOJS;
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, RUST_LOG: "error" };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const server = process.env.SERVER_BIN ?? resolve(__dirname, "..", "..", "target", "debug", "server");
  return execFileSync(server, ["setup-code"], { env, encoding: "utf8" }).trim();
}

/** Someone who can sign in. */
export type User = { email: string; password: string };

// Created by 01-foundation on each server; the later specs run after it and sign in as them.
export const admin: User = { email: "secretaris@gemeente.nl", password: "een-lang-wachtwoord-2026" };

/** Fills the login form on the current page with `user`'s address and password and presses Inloggen. */
export async function submitLogin(page: Page, user: User) {
  await page.getByLabel("E-mailadres").fill(user.email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

/**
 * Signs `user` in from the login page and waits for the overview. With JavaScript the page is
 * first left to go quiet (networkidle), so the page's scripts have run before the form is used.
 */
export async function signIn(page: Page, testInfo: TestInfo, user: User = admin) {
  await page.goto("/login");
  if (testInfo.project.use.javaScriptEnabled !== false) await page.waitForLoadState("networkidle");
  await submitLogin(page, user);
  await expect(page).toHaveURL(/\/$/);
}

// WCAG 2.1 A and AA, the level Dutch public bodies must meet (Besluit digitale toegankelijkheid).
const axeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Fails when axe-core finds a WCAG 2.1 A/AA violation on the page as it is now. Without
 * JavaScript the page itself cannot run axe (Playwright's evaluate waits forever), so the same
 * address is opened in a JavaScript-enabled context with the same cookies whose documents carry
 * `script-src 'none'`: the server's HTML exactly as a browser without JavaScript shows it, with
 * axe injected by the test. `what` names the page in the failure message.
 */
export async function expectAccessible(page: Page, testInfo: TestInfo, what: string) {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  let auditPage = page;
  let audited: (() => Promise<void>) | undefined;
  if (!js) {
    const browser = page.context().browser()!;
    // Said explicitly: inside a test, a new context inherits the project's options (JavaScript off).
    const context = await browser.newContext({
      javaScriptEnabled: true,
      baseURL: testInfo.project.use.baseURL,
      locale: "nl-NL",
      storageState: await page.context().storageState(),
      viewport: page.viewportSize(),
    });
    auditPage = await context.newPage();
    await auditPage.route("**/*", async (route) => {
      if (route.request().resourceType() !== "document") return route.continue();
      const response = await route.fetch({ maxRedirects: 0 });
      await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": "script-src 'none'" } });
    });
    await auditPage.goto(page.url());
    audited = () => context.close();
  } else {
    await page.waitForLoadState("networkidle");
  }
  try {
    const results = await new AxeBuilder({ page: auditPage }).withTags(axeTags).analyze();
    const found = results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => `${n.target.join(" ")}: ${n.html}`).join("\n    ")}`,
    );
    // Soft: one run lists the violations of every page, not only of the first.
    expect.soft(found, `axe-core violations on ${what} (${page.url()})`).toEqual([]);
  } finally {
    await audited?.();
  }
}
