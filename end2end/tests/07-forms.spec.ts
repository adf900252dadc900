import { test, expect, signIn } from "./fixtures";
import type { Page } from "@playwright/test";

// Runs after 01-foundation, which created the administrator on the same server.

// A refused form answers 422 to the WebAssembly, which Chromium logs.
test.use({ expectedConsoleErrors: [/the server responded with a status of 422/] });

// A marker that a full page load would wipe out.
async function markPage(page: Page) {
  await page.evaluate(() => ((window as unknown as { zelfdePagina: boolean }).zelfdePagina = true));
}
async function stillSamePage(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { zelfdePagina?: boolean }).zelfdePagina === true);
}

test("refused forms keep what was typed and say why; a list file is previewed", async ({ page }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  await signIn(page, testInfo);

  // The scan form with a malformed address: every problem is named and the typing stays.
  await page.goto("/scans/new");
  await page.getByLabel("Competentiekader").selectOption({ label: "Competentiegids gemeente Maastricht 2014" });
  await page.getByRole("button", { name: "Verder" }).click();
  await page.getByLabel("Naam", { exact: true }).fill("Lotte Bos");
  await page.getByLabel("E-mailadres").fill("lotte@");
  await page.getByLabel("Niveau", { exact: true }).selectOption("8-10");
  if (js) {
    await page.waitForLoadState("networkidle");
    await markPage(page);
  }
  await page.getByRole("button", { name: "Scan aanmaken" }).click();
  await expect(page.getByRole("alert").first()).toContainText("is ongeldig");
  await expect(page.getByLabel("Naam", { exact: true })).toHaveValue("Lotte Bos");
  await expect(page.getByLabel("E-mailadres")).toHaveValue("lotte@");
  if (js) expect(await stillSamePage(page), "refused without a page reload").toBe(true);

  // Corrected, it is created.
  await page.getByLabel("E-mailadres").fill("lotte.bos@gemeente.nl");
  await page.getByRole("button", { name: "Scan aanmaken" }).click();
  await expect(page.getByRole("status").first()).toContainText("De conceptscan is aangemaakt");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Lotte Bos");
  if (js) await page.waitForLoadState("networkidle");

  // One informant with a malformed address: refused beside the form, the typing stays.
  const addOne = page.locator("#add-one");
  await addOne.getByLabel("Naam").fill("Bram Visser");
  // An address the browser lets through but the server refuses (no dot in the domain).
  await addOne.getByLabel("E-mailadres").fill("bram@gemeente");
  if (js) await markPage(page);
  await addOne.getByRole("button", { name: "Toevoegen" }).click();
  await expect(page.getByRole("alert").first()).toContainText("ongeldig e-mailadres");
  await expect(page.locator("#add-one").getByLabel("E-mailadres")).toHaveValue("bram@gemeente");
  if (js) expect(await stillSamePage(page), "informant refused without a page reload").toBe(true);
  await page.locator("#add-one").getByLabel("E-mailadres").fill("bram@gemeente.nl");
  await page.locator("#add-one").getByRole("button", { name: "Toevoegen" }).click();
  await expect(page.getByRole("status").first()).toContainText("1 informant toegevoegd.");
  await expect(page.getByTestId("invitations").locator("tbody tr")).toHaveCount(2);

  // A CSV file is previewed like a pasted list; nothing is saved yet.
  if (js) await page.waitForLoadState("networkidle");
  await page.getByLabel("Of kies een bestand").setInputFiles({
    name: "informanten.csv",
    mimeType: "text/csv",
    buffer: Buffer.from('naam;e-mail;groep\n"Jansen, Anna";anna@gemeente.nl;collega\'s\nCees;cees@;medewerkers\n'),
  });
  await page.getByRole("button", { name: "Bestand controleren" }).click();
  await expect(page.getByTestId("preview")).toContainText("Jansen, Anna");
  await expect(page.getByTestId("preview")).toContainText("ongeldig e-mailadres");
  await expect(page.getByTestId("invitations").locator("tbody tr")).toHaveCount(2);
});
