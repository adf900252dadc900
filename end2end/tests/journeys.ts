// Steps the journeys of several specs share: whether a project runs with JavaScript, the
// administrator of a fresh server, organiser accounts invited and activated in a browser of
// their own, a signed-in page per person, and the mail the servers write to their outbox
// directory (an .eml file per message: each person's inbox).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page, TestInfo } from "@playwright/test";
import { admin, expect, setupCode, signIn } from "./fixtures";

export function isJs(testInfo: TestInfo): boolean {
  return testInfo.project.use.javaScriptEnabled !== false;
}

/** With JavaScript, lets the page go quiet so the WebAssembly has taken over before a form is used. */
export async function settle(page: Page, js: boolean) {
  if (js) await page.waitForLoadState("networkidle");
}

/** A fresh server (this spec run on its own) gets the administrator 01-foundation would make. */
export async function ensureAdmin(page: Page, js: boolean) {
  await page.goto("/");
  await page.waitForURL(/\/(setup|login)/);
  if (!/\/setup$/.test(page.url())) return;
  await settle(page, js);
  await page.getByLabel("Installatiecode").fill(setupCode(js));
  await page.getByLabel("E-mailadres").fill(admin.email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(admin.password);
  await page.getByLabel("Herhaal het wachtwoord").fill(admin.password);
  await page.getByRole("button", { name: "Beheerder aanmaken" }).click();
  await expect(page).toHaveURL(/\/login\?done=setup$/);
}

export async function newContext(browser: Browser, testInfo: TestInfo): Promise<BrowserContext> {
  return browser.newContext({ javaScriptEnabled: isJs(testInfo), baseURL: testInfo.project.use.baseURL, locale: "nl-NL" });
}

/** The administrator invites an organiser account; its owner activates it in a browser of their own. */
export async function inviteAccount(page: Page, browser: Browser, testInfo: TestInfo, email: string, password: string) {
  const js = isJs(testInfo);
  await page.goto("/admin/users");
  await settle(page, js);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByRole("button", { name: "Uitnodiging aanmaken" }).click();
  const link = (await page.getByTestId("invite-link").textContent())!.trim();
  const context = await newContext(browser, testInfo);
  const own = await context.newPage();
  await own.goto(new URL(link).pathname);
  await settle(own, js);
  await own.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await own.getByLabel("Herhaal het wachtwoord").fill(password);
  await own.getByRole("button", { name: "Account activeren" }).click();
  await expect(own.getByRole("status").first()).toContainText("Uw account is geactiveerd");
  await context.close();
}

/** A signed-in page of its own for `user`. */
export async function signedIn(browser: Browser, testInfo: TestInfo, user: { email: string; password: string }) {
  const context = await newContext(browser, testInfo);
  const page = await context.newPage();
  await signIn(page, testInfo, user);
  return { context, page };
}

/** The body of a MIME part decoded: quoted-printable and base64 both occur. */
export function decodeMessage(raw: string): string {
  const base64Parts = [...raw.matchAll(/Content-Transfer-Encoding: base64\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/g)].map((m) =>
    Buffer.from(m[1].replace(/\s+/g, ""), "base64").toString("utf8"),
  );
  const quoted = raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  return [quoted, ...base64Parts].join("\n");
}

/** The messages the server wrote to `recipient`, decoded, oldest first. */
export function inbox(js: boolean, recipient: string): string[] {
  const dir = join((js ? process.env.DATA_DIR_JS : process.env.DATA_DIR_NOJS) ?? "", "outbox");
  if (!existsSync(dir)) return [];
  const to = new RegExp(`^To: .*${recipient.replace(/[.]/g, "\\.")}`, "mi");
  return readdirSync(dir)
    .filter((name) => name.endsWith(".eml"))
    .sort()
    .map((name) => readFileSync(join(dir, name), "utf8"))
    .filter((raw) => to.test(raw))
    .map(decodeMessage);
}

/** A scan's personal link (`/s/<token>`) from its invitation to `recipient`. */
export function scanLink(js: boolean, recipient: string): string | undefined {
  for (const message of inbox(js, recipient)) {
    const match = message.match(/\/s\/([0-9a-f]{64})/);
    if (match) return match[0];
  }
  return undefined;
}

/** Answers every part of a scan with `score` as the plain HTML form would post it, then submits. */
export async function answerAll(page: Page, link: string, score: string) {
  const first = await (await page.request.get(`${link}/q/0`)).text();
  const parts = Number(first.match(/Onderdeel 1 van (\d+)/)?.[1]);
  expect(parts).toBeGreaterThan(1);
  for (let part = 0; part < parts; part++) {
    const html = part === 0 ? first : await (await page.request.get(`${link}/q/${part}`)).text();
    const names = new Set([...html.matchAll(/<input[^>]*type="radio"[^>]*>/g)].map((m) => m[0].match(/name="([^"]+)"/)![1]));
    const form: Record<string, string> = { action: "next" };
    for (const name of names) form[name] = score;
    const saved = await page.request.post(`${link}/q/${part}`, { form, maxRedirects: 0 });
    expect(saved.status()).toBe(303);
  }
  const sent = await page.request.post(`${link}/versturen`, { maxRedirects: 0 });
  expect(sent.headers()["location"]).toBe(`${link}/bedankt`);
}
