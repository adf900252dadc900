import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { test as base, expect, type Page, type TestInfo } from "@playwright/test";

// Every test fails when the browser logs an error or an uncaught exception: a hydration
// mismatch in the WebAssembly shows up only there, while the server-rendered page looks fine.
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
 * first left to go quiet (networkidle), so the WebAssembly has taken over before the form is used.
 */
export async function signIn(page: Page, testInfo: TestInfo, user: User = admin) {
  await page.goto("/login");
  if (testInfo.project.use.javaScriptEnabled !== false) await page.waitForLoadState("networkidle");
  await submitLogin(page, user);
  await expect(page).toHaveURL(/\/$/);
}
