import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
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
  if (js) await readerPage.waitForLoadState("networkidle");
  await expect(readerPage.getByRole("heading", { level: 1 })).toHaveText("Rapport: Piet Jansen");

  // The header: function, framework, level, period and the response per group.
  const facts = readerPage.getByTestId("report-facts");
  await expect(facts).toContainText("Beleidsmedewerker");
  await expect(facts).toContainText("Maastricht");
  await expect(facts).toContainText("Schaal 8–10");
  await expect(facts).toContainText(/tot en met/);
  await expect(facts).toContainText("Gesloten op");
  // Colleagues (5) and staff (4) reach k = 3 and are shown; ten answered in all.
  await expect(readerPage.getByTestId("report-response")).toContainText("Collega's: 5 van 5");

  // The answer first: the summary names competencies by their category, with the response.
  const summary = readerPage.getByTestId("report-summary");
  await expect(summary.getByRole("heading", { level: 2 })).toHaveText("Samenvatting");
  await expect(summary).toContainText(/vergeleken op \d+ competenties op Schaal 8–10/);
  await expect(summary.getByRole("listitem").first()).toContainText(/: .+\./);
  // Self and the identifiable manager are counted whatever their size; the rest only from k up.
  await expect(summary).toContainText(/Respons: Zelf 1 van 1, Leidinggevende 0 van 1, Collega's 5 van 5 en Medewerkers 4 van 4\./);

  // Order: header, summary, gap chart, table … and the method at the end.
  const tops = await readerPage.evaluate(() =>
    ["report-facts", "report-summary", "chart-verschil", "report-table", "report-attention", "report-comments", "report-method"].map((id) => {
      const element = document.querySelector(`[data-testid="${id}"]`);
      return element ? element.getBoundingClientRect().top + window.scrollY : NaN;
    }),
  );
  expect(tops.every((top) => Number.isFinite(top)), `${tops}`).toBe(true);
  expect([...tops].sort((a, b) => a - b)).toEqual(tops);

  // The compact table: a column per shown group, numbers as a Dutch reader writes them (a
  // decimal comma, never a point; a real minus sign on a negative gap), right-aligned.
  const table = readerPage.getByTestId("report-table");
  await expect(table.getByRole("row", { name: /Samenwerken/ })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Collega's" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Medewerkers" })).toBeVisible();
  await expect(table).toContainText(/\d,\d\d/);
  await expect(table).not.toContainText(/\d\.\d\d/);
  // Self rated 5 everywhere, so others are lower: the gap is negative with U+2212, no hyphen.
  await expect(table).toContainText(/\u2212\d,\d\d/);
  await expect(table).not.toContainText(/-\d/);
  const cell = table.getByRole("row", { name: /Samenwerken/ }).getByRole("cell").first();
  expect(await cell.evaluate((td) => getComputedStyle(td).textAlign)).toBe("right");
  // Every group answered every competency: nothing left out, so no footnote.
  await expect(readerPage.getByTestId("report-left-out")).toHaveCount(0);
  // The category is a short label; its explanation opens with a click, without JavaScript too.
  const category = table.getByRole("group").first();
  await expect(category.getByRole("paragraph")).toBeHidden();
  await category.locator("summary").click();
  await expect(category.getByRole("paragraph")).toBeVisible();
  await expect(category.getByRole("paragraph")).toContainText("De betrokkene");

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
  await expect(readerPage.getByTestId("chart-heatmap").getByRole("img")).toHaveAttribute("alt", "Heatmap: competenties × groepen");
  await expect(readerPage.getByTestId("report-attention").getByRole("heading", { level: 3 })).toHaveCount(3);
  await expect(readerPage.getByTestId("report-agenda")).toContainText("Terugblik op de afspraken");
  await expect(readerPage.getByTestId("report-comments")).toContainText("Werkt prettig samen.");
  await expect(readerPage.getByTestId("report-method")).toContainText("De zes categorieën van overeenstemming");

  // Printing: a button with JavaScript; without it, the help text says to use the browser's menu.
  const print = readerPage.getByRole("button", { name: "Afdrukken" });
  if (js) await expect(print).toBeVisible();
  else await expect(print).toBeHidden();
  await expect(readerPage.getByTestId("report-actions")).toContainText("Afdrukken via het menu van uw browser");

  // The print layout on A4: a running header and footer on every page, read back from the PDF.
  const pdfPath = testInfo.outputPath("rapport.pdf");
  writeFileSync(pdfPath, await readerPage.pdf({ format: "A4", preferCSSPageSize: true }));
  const text = execFileSync("pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf8" });
  const pages = text.split("\f").filter((page) => page.trim() !== "");
  expect(pages.length).toBeGreaterThanOrEqual(2);
  expect(pages.length).toBeLessThanOrEqual(10);
  pages.forEach((page, i) => {
    expect(page, `page ${i + 1}`).toContain("Vertrouwelijk");
    expect(page, `page ${i + 1}`).toContain("Piet Jansen");
    expect(page, `page ${i + 1}`).toMatch(/\d{1,2} [a-z]+ 20\d\d/);
    expect(page, `page ${i + 1}`).toContain(`pagina ${i + 1} van ${pages.length}`);
  });
  expect(pages[0]).toContain("Samenvatting");
  expect(text.indexOf("Samenvatting")).toBeLessThan(text.indexOf("Zo zijn de cijfers berekend"));
  expect(text).not.toContain("Afdrukken via het menu");
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
