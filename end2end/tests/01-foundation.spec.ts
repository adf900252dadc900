import { Page } from "@playwright/test";
import { test, expect, admin, setupCode, submitLogin } from "./fixtures";

// With JavaScript a refused setup or login answers 422, which Chromium logs; nothing else may
// show in the console.
test.use({ expectedConsoleErrors: [/the server responded with a status of 422/] });

async function waitForHydration(page: Page, javaScriptEnabled: boolean) {
  // With JavaScript the page must still work while (and after) the WebAssembly loads.
  if (javaScriptEnabled) await page.waitForLoadState("networkidle");
}

test("first admin via setup, log in, switch language and back, log out", async ({ page }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;

  // A fresh server sends the visitor to the first-run setup page.
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Eerste beheerder aanmaken" })).toBeVisible();
  await waitForHydration(page, js);

  // Bad input is refused with a clear Dutch message and nothing is created.
  const code = setupCode(js);
  await page.getByLabel("Installatiecode").fill(code);
  await page.getByLabel("E-mailadres").fill(admin.email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(admin.password);
  await page.getByLabel("Herhaal het wachtwoord").fill(admin.password + "x");
  await page.getByRole("button", { name: "Beheerder aanmaken" }).click();
  await expect(page.getByRole("alert")).toHaveText("De twee wachtwoorden zijn niet gelijk.");

  // Without the one-time code the server printed, no one becomes administrator.
  await waitForHydration(page, js);
  await page.getByLabel("Installatiecode").fill("ABCD-EFGH-JKMN-PQRS-TVWX");
  await page.getByLabel("E-mailadres").fill(admin.email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(admin.password);
  await page.getByLabel("Herhaal het wachtwoord").fill(admin.password);
  await page.getByRole("button", { name: "Beheerder aanmaken" }).click();
  await expect(page.getByRole("alert")).toContainText("De eenmalige installatiecode klopt niet");

  await waitForHydration(page, js);
  await page.getByLabel("Installatiecode").fill(code);
  await page.getByLabel("E-mailadres").fill(admin.email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(admin.password);
  await page.getByLabel("Herhaal het wachtwoord").fill(admin.password);
  await page.getByRole("button", { name: "Beheerder aanmaken" }).click();
  await expect(page).toHaveURL(/\/login\?done=setup$/);
  await expect(page.getByRole("status")).toContainText("Het beheerdersaccount is aangemaakt");

  // The setup page is closed for good.
  await page.goto("/setup");
  await expect(page.getByRole("status")).toContainText("De eerste beheerder is al aangemaakt");

  // A wrong password is refused.
  await page.goto("/login");
  await waitForHydration(page, js);
  await submitLogin(page, { ...admin, password: "niet-het-goede-wachtwoord" });
  await expect(page.getByRole("alert")).toHaveText("Het e-mailadres of wachtwoord klopt niet.");
  // Without JavaScript the refusal is a new page load: let the WebAssembly take over (with it,
  // the refusal came in place) before typing again.
  await waitForHydration(page, js);

  await submitLogin(page, admin);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("welcome")).toHaveText(`Welkom, ${admin.email}.`);
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");

  // English and back.
  await waitForHydration(page, js);
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.getByTestId("welcome")).toHaveText(`Welcome, ${admin.email}.`);
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await waitForHydration(page, js);
  await page.getByRole("link", { name: "Nederlands" }).click();
  await expect(page.getByTestId("welcome")).toHaveText(`Welkom, ${admin.email}.`);

  // Log out: the session is gone, the overview sends us back to the login page.
  await waitForHydration(page, js);
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page).toHaveURL(/\/login\?done=logout$/);
  await expect(page.getByRole("status")).toHaveText("U bent uitgelogd.");
  // The header no longer shows the signed-in navigation (with JavaScript: the session was
  // loaded again after the action, without a page load).
  await expect(page.getByRole("button", { name: "Uitloggen" })).toHaveCount(0);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("usable at 360 px wide with a keyboard", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/login");
  // No horizontal scrolling on a small phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // The first Tab reaches the skip link, which leads to the main content.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Naar de inhoud" })).toBeFocused();
});
