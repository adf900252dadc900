import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page, TestInfo } from "@playwright/test";
import { test, expect, signIn } from "./fixtures";

// Runs after 04-respond: two colleagues (Anna, Bram) submitted. Eight more informants answer,
// the organiser names a report reader and closes the scan, the reader reads the report with its
// charts, and an organiser without access gets a 404 page.
const reader = "lezer@gemeente.nl";
const outsider = "buiten@gemeente.nl";
const password = "een-ander-lang-wachtwoord";

function personalLink(js: boolean, recipient: string): string {
  const dir = join((js ? process.env.DATA_DIR_JS : process.env.DATA_DIR_NOJS) ?? "", "outbox");
  for (const name of readdirSync(dir)) {
    const raw = readFileSync(join(dir, name), "utf8");
    // Informants get "Uw feedback gevraagd …", the subject "Uw zelfbeoordeling …".
    if (!raw.includes(`To: ${recipient}`) || !/^Subject: Uw (feedback gevraagd|zelfbeoordeling)/m.test(raw)) continue;
    const match = raw.replace(/=\r?\n/g, "").match(/\/s\/([0-9a-f]{64})/);
    if (match) return `/s/${match[1]}`;
  }
  throw new Error(`no invitation for ${recipient} in ${dir}`);
}

/** Answers every part with `score` as the plain HTML form would post it, then submits. */
async function answerAll(page: Page, link: string, score: string) {
  const first = await (await page.request.get(`${link}/q/0`)).text();
  const parts = Number(first.match(/Onderdeel 1 van (\d+)/)?.[1]);
  expect(parts).toBeGreaterThan(1);
  for (let part = 0; part < parts; part++) {
    const html = part === 0 ? first : await (await page.request.get(`${link}/q/${part}`)).text();
    const names = new Set(
      [...html.matchAll(/<input[^>]*type="radio"[^>]*>/g)].map((m) => m[0].match(/name="([^"]+)"/)![1]),
    );
    expect(names.size).toBeGreaterThan(0);
    const form: Record<string, string> = { action: "next" };
    for (const name of names) form[name] = score;
    // A comment on the first part, so each shown group has k or more comments to show.
    const comment = part === 0 ? html.match(/<textarea[^>]*name="([^"]+)"/)?.[1] : undefined;
    if (comment) form[comment] = `Toelichting bij ${score}`;
    const saved = await page.request.post(`${link}/q/${part}`, { form, maxRedirects: 0 });
    expect(saved.status()).toBe(303);
    expect(saved.headers()["location"]).not.toContain("error");
  }
  const sent = await page.request.post(`${link}/versturen`, { maxRedirects: 0 });
  expect(sent.headers()["location"]).toBe(`${link}/bedankt`);
}

/** The administrator invites an account; its owner activates it in a browser of their own. */
async function inviteAccount(page: Page, browser: Browser, testInfo: TestInfo, js: boolean, email: string) {
  await page.goto("/admin/users");
  if (js) await page.waitForLoadState("networkidle");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByRole("button", { name: "Uitnodiging aanmaken" }).click();
  const link = (await page.getByTestId("invite-link").textContent())!.trim();
  const context = await browser.newContext({ javaScriptEnabled: js, baseURL: testInfo.project.use.baseURL, locale: "nl-NL" });
  const own = await context.newPage();
  await own.goto(new URL(link).pathname);
  if (js) await own.waitForLoadState("networkidle");
  await own.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await own.getByLabel("Herhaal het wachtwoord").fill(password);
  await own.getByRole("button", { name: "Account activeren" }).click();
  await expect(own.getByRole("status").first()).toContainText("Uw account is geactiveerd");
  await context.close();
}

test("ten respondents answer, the organiser closes, a reader reads the report; others get a 404", async ({ page, browser }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  // Eight more answers (Anna and Bram submitted in 04): self, three colleagues, four staff.
  const answers: [string, string][] = [
    ["piet.jansen@gemeente.nl", "5"],
    ["cees@gemeente.nl", "3"],
    ["dirk@gemeente.nl", "2"],
    ["eva@gemeente.nl", "3"],
    ["fleur@gemeente.nl", "4"],
    ["gijs@gemeente.nl", "4"],
    ["hanna@gemeente.nl", "5"],
    ["ilse@gemeente.nl", "4"],
  ];
  for (const [email, score] of answers) await answerAll(page, personalLink(js, email), score);

  await signIn(page, testInfo);
  await inviteAccount(page, browser, testInfo, js, reader);
  await inviteAccount(page, browser, testInfo, js, outsider);

  // The organiser names the reader, then closes the scan.
  await page.getByRole("link", { name: "Scans", exact: true }).click();
  await page.getByRole("link", { name: "Piet Jansen" }).first().click();
  const scanUrl = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "Instellingen bewerken" }).click();
  if (js) await page.waitForLoadState("networkidle");
  await page.getByLabel("Lezers van het rapport").fill(reader);
  await page.getByRole("button", { name: "Wijzigingen opslaan" }).click();
  await expect(page).toHaveURL(new RegExp(`${scanUrl}`));
  await page.getByRole("link", { name: "Scan nu sluiten" }).click();
  await page.getByRole("button", { name: "Ja, nu sluiten" }).click();
  await expect(page.getByRole("status").first()).toContainText("De scan is gesloten");

  // The reader opens the report: tables, the gap chart drawn, its files on their own URLs.
  const readerContext = await browser.newContext({ javaScriptEnabled: js, baseURL: testInfo.project.use.baseURL, locale: "nl-NL" });
  const readerPage = await readerContext.newPage();
  await signIn(readerPage, testInfo, { email: reader, password });
  const response = await readerPage.goto(`${scanUrl}/rapport`);
  expect(response!.status()).toBe(200);
  await expect(readerPage.getByRole("heading", { level: 1 })).toHaveText("Rapport: Piet Jansen");
  const table = readerPage.getByTestId("report-table");
  await expect(table.getByRole("row", { name: /Samenwerken/ })).toBeVisible();
  // Colleagues (5) and staff (4) reach k = 3 and are shown; ten answered in all.
  await expect(table).toContainText("Collega's:");
  await expect(readerPage.getByTestId("report-response")).toContainText("Collega's: 5 van 5");
  // Numbers as a Dutch reader writes them: a decimal comma, never a point.
  await expect(table).toContainText(/\d,\d\d/);
  await expect(table).not.toContainText(/\d\.\d\d/);
  const gap = readerPage.getByTestId("chart-verschil").getByRole("img");
  await expect(gap).toHaveAttribute("alt", "Verschil tussen zelfbeeld en anderen");
  // The charts load lazily (as the reader scrolls to them).
  await gap.scrollIntoViewIfNeeded();
  await expect
    .poll(() => gap.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(300);
  const svg = await readerPage.request.get(`${scanUrl}/rapport/grafiek/verschil.svg`);
  expect(svg.headers()["content-type"]).toBe("image/svg+xml");
  expect(await svg.text()).toContain("Samenwerken");
  await expect(readerPage.getByTestId("heatmap-table")).toContainText("Medewerkers");
  await expect(readerPage.getByTestId("report-attention").getByRole("heading", { level: 3 })).toHaveCount(3);
  await expect(readerPage.getByTestId("report-agenda")).toContainText("Terugblik op de afspraken");
  await expect(readerPage.getByTestId("report-comments")).toContainText("Werkt prettig samen.");
  await readerContext.close();

  // An organiser who is not a reader: a 404 page and 404 files, nothing of the scan shown.
  const otherContext = await browser.newContext({ javaScriptEnabled: js, baseURL: testInfo.project.use.baseURL, locale: "nl-NL" });
  const other = await otherContext.newPage();
  await signIn(other, testInfo, { email: outsider, password });
  const refused = await other.goto(`${scanUrl}/rapport`);
  expect(refused!.status()).toBe(404);
  await expect(other.getByRole("alert")).toContainText("Deze scan bestaat niet, of u heeft er geen toegang toe");
  await expect(other.getByText("Piet Jansen")).toHaveCount(0);
  expect((await other.request.get(`${scanUrl}/rapport/grafiek/verschil.svg`)).status()).toBe(404);
  expect((await other.request.get(`${scanUrl}/rapport/cijfers.csv`)).status()).toBe(404);
  await otherContext.close();
});
