import { test, expect, admin, submitLogin } from "./fixtures";
import type { Page } from "@playwright/test";

// Runs after 01-foundation, which created `admin` on the same server.

// The refused login and reopen answer 422, which Chromium logs; nothing else may show in the
// console.
test.use({ expectedConsoleErrors: [/the server responded with a status of 422/] });

// A marker that a full page load would wipe out: an action that keeps it ran without a reload.
async function markPage(page: Page) {
  await page.evaluate(() => ((window as unknown as { zelfdePagina: boolean }).zelfdePagina = true));
}
async function stillSamePage(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { zelfdePagina?: boolean }).zelfdePagina === true);
}

test("an organiser's actions say when they are busy, and a refusal shows in place", async ({ page }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  await page.goto("/login");
  if (js) await page.waitForLoadState("networkidle");

  // A wrong password is refused; with JavaScript in place, without a page reload.
  if (js) await markPage(page);
  await submitLogin(page, { ...admin, password: "niet-het-goede-wachtwoord" });
  await expect(page.getByRole("alert")).toHaveText("Het e-mailadres of wachtwoord klopt niet.");
  if (js) expect(await stillSamePage(page), "login refused without a page reload").toBe(true);
  if (js) await page.waitForLoadState("networkidle");

  // The right one signs in: the overview, with the signed-in header.
  await submitLogin(page, admin);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("welcome")).toHaveText(`Welkom, ${admin.email}.`);
  await expect(page.getByRole("button", { name: "Uitloggen" })).toBeVisible();

  // A draft scan of its own (the subject is invited as the first informant).
  await page.goto("/scans/new");
  await page.getByLabel("Competentiekader").selectOption({ label: "Competentiegids gemeente Maastricht 2014" });
  await page.getByLabel("Functiegroepprofiel").selectOption({ label: "Beleidsmedewerker" });
  await page.getByRole("button", { name: "Verder" }).click();
  await page.getByLabel("Naam", { exact: true }).fill("Karin Smit");
  await page.getByLabel("E-mailadres").fill("karin.smit@gemeente.nl");
  await page.getByLabel("Niveau", { exact: true }).selectOption("8-10");
  await page.getByRole("button", { name: "Scan aanmaken" }).click();
  await expect(page.getByRole("status")).toContainText("De conceptscan is aangemaakt");
  if (js) await page.waitForLoadState("networkidle");

  // Open it. With JavaScript the answer is held back a moment, so the busy button can be seen.
  await page.getByRole("link", { name: "Scan openen en uitnodigingen versturen" }).click();
  const confirm = page.getByRole("button", { name: "Ja, openen en versturen" });
  await expect(confirm).toBeVisible();
  if (js) {
    await page.waitForLoadState("networkidle");
    await page.route("**/api/scans/open", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await markPage(page);
    await confirm.click();
    const busy = page.getByRole("button", { name: "Bezig…" });
    await expect(busy).toBeVisible();
    await expect(busy).toBeDisabled();
    await expect(busy).toHaveAttribute("aria-busy", "true");
  } else {
    await confirm.click();
  }
  await expect(page.getByRole("status").first()).toContainText("De scan is open. 1 uitnodiging staat klaar");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("open");
  if (js) expect(await stillSamePage(page), "opened without a page reload").toBe(true);

  // Close it, then try to reopen it with a deadline in the past: refused, in place.
  await page.getByRole("link", { name: "Scan nu sluiten" }).click();
  await page.getByRole("button", { name: "Ja, nu sluiten" }).click();
  await expect(page.getByRole("status").first()).toContainText("De scan is gesloten.");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("gesloten");
  if (js) await markPage(page);
  await page.getByLabel("Nieuwe deadline").fill("2020-01-31");
  await page.getByRole("button", { name: "Heropenen" }).click();
  await expect(page.getByRole("alert")).toContainText("Kies een deadline in de toekomst.");
  await expect(page.getByRole("status")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("gesloten");
  if (js) expect(await stillSamePage(page), "refused without a page reload").toBe(true);

  // The skip link moves within the page swapped in; it neither reloads nor leaves it.
  await page.getByRole("link", { name: "Naar de inhoud" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  await expect(page.getByRole("alert")).toContainText("Kies een deadline in de toekomst.");
  if (js) expect(await stillSamePage(page), "the skip link kept the page").toBe(true);
});
