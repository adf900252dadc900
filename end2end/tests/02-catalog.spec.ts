import { test, expect, signIn } from "./fixtures";

// Runs after 01-foundation, which created the administrator `signIn` signs in as.

test("browse to a competency, switch level, find a behaviour by search", async ({ page }, testInfo) => {
  await signIn(page, testInfo);

  await page.getByRole("link", { name: "Competentiekaders" }).click();
  await page.getByRole("link", { name: "Competentiegids gemeente Maastricht 2014" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Competentiegids gemeente Maastricht 2014");
  await page.getByRole("link", { name: "Samenwerken", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Samenwerken");

  // The first level is shown by default; switching shows the behaviours of the chosen level.
  const behaviours = page.getByTestId("behaviours");
  await expect(behaviours).toContainText("Je maakt duidelijke afspraken en komt die ook na.");
  await page.getByRole("link", { name: "Schaal 11–18" }).click();
  await expect(page).toHaveURL(/level=11-18/);
  await expect(page.getByRole("link", { name: "Schaal 11–18" })).toHaveAttribute("aria-current", "page");
  await expect(behaviours).toContainText("Je bent gericht op een gemeenschappelijk resultaat en je sluit daarbij compromissen.");
  await expect(behaviours).not.toContainText("Je maakt duidelijke afspraken en komt die ook na.");

  // Search by word across the framework and follow a hit to its level.
  await page.getByRole("link", { name: /Terug naar het kader/ }).click();
  await page.getByRole("searchbox").fill("compromissen");
  await page.getByRole("button", { name: "Zoeken" }).click();
  await expect(page.getByRole("heading", { name: "Zoekresultaten voor “compromissen”" })).toBeVisible();
  const hit = page.getByRole("listitem").filter({ hasText: "Je bent gericht op een gemeenschappelijk resultaat" });
  await hit.getByRole("link", { name: "Samenwerken" }).click();
  await expect(page).toHaveURL(/samenwerken\?level=11-18/);
  await expect(page.getByTestId("behaviours")).toContainText("je sluit daarbij compromissen");
});
