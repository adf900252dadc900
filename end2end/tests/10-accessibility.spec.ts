import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import { test, expect, signIn, expectAccessible } from "./fixtures";

// Runs last: every page of the product, as each of its three users meets it, checked by axe-core
// against WCAG 2.1 A and AA, with and without JavaScript (the fixture audits the page without
// JavaScript as its server HTML with scripts blocked). 05 left a closed scan with a report; this
// spec opens a scan of its own to walk a respondent through welcome, questions, summary and thanks.
test.use({ expectedConsoleErrors: [/status of 404/] });

const subject = { name: "Toegankelijk Testpersoon", email: "toegankelijk@gemeente.nl" };

function personalLink(js: boolean, recipient: string): string | undefined {
  const dir = join((js ? process.env.DATA_DIR_JS : process.env.DATA_DIR_NOJS) ?? "", "outbox");
  for (const name of readdirSync(dir)) {
    const raw = readFileSync(join(dir, name), "utf8");
    if (!raw.includes(`To: ${recipient}`)) continue;
    const match = raw.replace(/=\r?\n/g, "").match(/\/s\/([0-9a-f]{64})/);
    if (match) return `/s/${match[1]}`;
  }
  return undefined;
}

/** Opens `path` and audits it; `what` names it in a failure. */
async function audit(page: Page, testInfo: TestInfo, path: string, what: string) {
  await page.goto(path);
  await expectAccessible(page, testInfo, what);
}

test("every page meets WCAG 2.1 AA by axe-core", async ({ page }, testInfo) => {
  // About thirty pages, each audited in full (a few seconds apiece on two cores).
  test.setTimeout(300_000);
  const js = testInfo.project.use.javaScriptEnabled !== false;

  // Signed out.
  await audit(page, testInfo, "/login", "the login page");
  await audit(page, testInfo, "/setup", "the set-up page (after set-up)");
  await audit(page, testInfo, "/bestaat-niet", "the not-found page");
  await audit(page, testInfo, `/invite/${"0".repeat(64)}`, "an unknown account invitation");
  await audit(page, testInfo, `/s/${"0".repeat(64)}`, "an unknown personal link");

  // The administrator and organiser.
  await signIn(page, testInfo);
  await expectAccessible(page, testInfo, "the home page");
  for (const [path, what] of [
    ["/scans", "the scans list"],
    ["/frameworks", "the frameworks"],
    ["/admin/users", "the accounts"],
    ["/admin/outbox", "the outbox"],
    ["/admin/frameworks", "the framework import"],
    ["/account/tokens", "the API tokens"],
  ]) {
    await audit(page, testInfo, path, what);
  }
  await page.goto("/frameworks");
  await page.getByRole("link", { name: "Competentiegids gemeente Maastricht 2014" }).click();
  await expectAccessible(page, testInfo, "a framework");
  const framework = new URL(page.url()).pathname;
  await audit(page, testInfo, `${framework}/samenwerken`, "a competency");

  // The closed scan of 05, its report.
  await page.goto("/scans");
  await page.getByRole("link", { name: "Piet Jansen" }).first().click();
  await expectAccessible(page, testInfo, "a closed scan");
  await audit(page, testInfo, `${new URL(page.url()).pathname}/rapport`, "the report");

  // A scan of its own: both steps of the form, the draft, the informants, the open scan.
  await page.goto("/scans/new");
  await expectAccessible(page, testInfo, "new scan, step 1");
  if (js) await page.waitForLoadState("networkidle");
  await page.getByLabel("Competentiekader").selectOption({ label: "Competentiegids gemeente Maastricht 2014" });
  await page.getByLabel("Functiegroepprofiel").selectOption({ label: "Beleidsmedewerker" });
  await page.getByRole("button", { name: "Verder" }).click();
  await expect(page.getByLabel("Samenwerken", { exact: true })).toBeChecked();
  await expectAccessible(page, testInfo, "new scan, step 2");
  await page.getByLabel("Naam", { exact: true }).fill(subject.name);
  await page.getByLabel("E-mailadres").fill(subject.email);
  await page.getByLabel("Functie", { exact: true }).fill("Beleidsmedewerker");
  await page.getByLabel("Niveau", { exact: true }).selectOption("8-10");
  await page.getByRole("button", { name: "Scan aanmaken" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(subject.name);
  const scan = new URL(page.url()).pathname;
  await expectAccessible(page, testInfo, "a draft scan");
  await audit(page, testInfo, `${scan}/edit`, "the scan settings");

  await page.goto(scan);
  if (js) await page.waitForLoadState("networkidle");
  await page.getByRole("textbox", { name: "Informanten" }).fill(
    ["Ans Aalders <ans@gemeente.nl>, collega's", "Ben Bos <ben@gemeente.nl>, collega's"].join("\n"),
  );
  await page.getByRole("button", { name: "Controleren", exact: true }).click();
  await expect(page.getByTestId("preview")).toBeVisible();
  await expectAccessible(page, testInfo, "the informants preview");
  await page.getByRole("button", { name: "Alle informanten opslaan" }).click();
  await expect(page.getByTestId("invitations").locator("tbody tr")).toHaveCount(3);

  await page.getByRole("link", { name: /Scan openen/ }).first().click();
  await expectAccessible(page, testInfo, "the confirmation before opening");
  await page.getByRole("button", { name: "Ja, openen en versturen" }).click();
  await expect(page.getByRole("status").first()).toContainText("De scan is open");
  await expectAccessible(page, testInfo, "an open scan with its progress");

  // The respondent: the subject's own link, through every page to the thanks.
  // The outbox worker writes the invitations a moment after the opening: wait for the .eml file.
  await expect.poll(() => personalLink(js, subject.email), { timeout: 15_000 }).toBeDefined();
  const link = personalLink(js, subject.email)!;
  await audit(page, testInfo, link, "the respondent's welcome");
  await audit(page, testInfo, `${link}/q/0`, "a questionnaire page");
  const first = await (await page.request.get(`${link}/q/0`)).text();
  const parts = Number(first.match(/Onderdeel 1 van (\d+)/)?.[1]);
  expect(parts).toBeGreaterThan(1);
  for (let part = 0; part < parts; part++) {
    const html = part === 0 ? first : await (await page.request.get(`${link}/q/${part}`)).text();
    const names = new Set([...html.matchAll(/<input[^>]*type="radio"[^>]*>/g)].map((m) => m[0].match(/name="([^"]+)"/)![1]));
    const form: Record<string, string> = { action: "next" };
    for (const name of names) form[name] = "4";
    const saved = await page.request.post(`${link}/q/${part}`, { form, maxRedirects: 0 });
    expect(saved.status()).toBe(303);
  }
  await audit(page, testInfo, `${link}/overzicht`, "the respondent's summary");
  const sent = await page.request.post(`${link}/versturen`, { maxRedirects: 0 });
  expect(sent.headers()["location"]).toBe(`${link}/bedankt`);
  await audit(page, testInfo, `${link}/bedankt`, "the thanks page");

  // At phone width the organiser's and respondent's main pages too.
  await page.setViewportSize({ width: 375, height: 740 });
  await audit(page, testInfo, "/", "the home page at phone width");
  await audit(page, testInfo, scan, "an open scan at phone width");
  await audit(page, testInfo, `${link}/bedankt`, "the thanks page at phone width");
});
