import { test, expect } from "./fixtures";

// Runs after 04-respond: two colleagues submitted; the organiser closes the scan and reads it.
const admin = { email: "secretaris@gemeente.nl", password: "een-lang-wachtwoord-2026" };

test("the organiser closes the scan and reads the report as tables", async ({ page }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  await page.goto("/login");
  if (js) await page.waitForLoadState("networkidle");
  await page.getByLabel("E-mailadres").fill(admin.email);
  await page.getByLabel("Wachtwoord").fill(admin.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page).toHaveURL(/\/$/);

  await page.getByRole("link", { name: "Scans", exact: true }).click();
  await page.getByRole("link", { name: "Piet Jansen" }).first().click();
  await page.getByRole("link", { name: "Scan nu sluiten" }).click();
  await page.getByRole("button", { name: "Ja, nu sluiten" }).click();
  await expect(page.getByRole("status").first()).toContainText("De scan is gesloten");

  await page.getByRole("link", { name: "Rapport bekijken" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rapport: Piet Jansen");
  await expect(page.getByText("minstens 3 informanten")).toBeVisible();
  const table = page.getByTestId("report-table");
  await expect(table.getByRole("row", { name: /Samenwerken/ })).toBeVisible();
  // Two colleagues answered: below k, so no group line and no "others" figure for them.
  await expect(table).not.toContainText("Collega's:");
  await expect(page.getByTestId("report-response")).toContainText("Collega's: 2 / 5");
});
