import { test, expect, signIn } from "./fixtures";

// Runs after 01-foundation, which created the administrator `signIn` signs in as.

const badList = [
  "Anna de Boer <anna@gemeente.nl>, collega's",
  "Bram Visser <bram@gemeente>, collega's", // malformed address
  "Cees Bakker <cees@gemeente.nl>, collega's",
  "Dirk Smit <dirk@gemeente.nl>, collega's",
  "Eva Mulder <eva@gemeente.nl>, collega's",
  "Fleur de Jong <fleur@gemeente.nl>, medewerkers",
  "Gijs Peters <gijs@gemeente.nl>, medewerkers",
  "Hanna Vos <hanna@gemeente.nl>, bestuurders", // unknown group
  "Ilse Kok <ilse@gemeente.nl>, medewerkers",
  "Joost Wouters <joost@gemeente.nl>, leidinggevende",
].join("\n");

const goodList = badList
  .replace("bram@gemeente>", "bram@gemeente.nl>")
  .replace("bestuurders", "medewerkers");

test("create a Maastricht scan, paste informants, fix the bad lines, send, follow the response", async ({ page }, testInfo) => {
  await signIn(page, testInfo);

  // Step 1: framework and job-group profile.
  await page.getByRole("link", { name: "Scans", exact: true }).click();
  await page.getByRole("link", { name: "Nieuwe scan" }).click();
  await page.getByLabel("Competentiekader").selectOption({ label: "Competentiegids gemeente Maastricht 2014" });
  await page.getByLabel("Functiegroepprofiel").selectOption({ label: "Beleidsmedewerker" });
  await page.getByRole("button", { name: "Verder" }).click();

  // Step 2: the profile's competencies are ticked; fill in the subject and the level.
  await expect(page.getByLabel("Samenwerken", { exact: true })).toBeChecked();
  await page.getByLabel("Naam", { exact: true }).fill("Piet Jansen");
  await page.getByLabel("E-mailadres").fill("piet.jansen@gemeente.nl");
  await page.getByLabel("Functie", { exact: true }).fill("Beleidsmedewerker");
  await page.getByLabel("Niveau", { exact: true }).selectOption("8-10");
  await page.getByRole("button", { name: "Scan aanmaken" }).click();
  await expect(page.getByRole("status")).toContainText("De conceptscan is aangemaakt");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Piet Jansen");

  // Paste ten informants, two of them wrong: the preview marks both and saves nothing.
  await page.getByRole("textbox", { name: "Informanten" }).fill(badList);
  await page.getByRole("button", { name: "Controleren", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("2 regels kloppen niet");
  const preview = page.getByTestId("preview");
  await expect(preview.locator("tr.preview-bad")).toHaveCount(2);
  await expect(preview).toContainText('ongeldig e-mailadres "bram@gemeente"');
  await expect(preview).toContainText('onbekende groep "bestuurders"');
  await expect(page.getByRole("button", { name: "Alle informanten opslaan" })).toHaveCount(0);

  // Fix them in place, check again, save.
  await page.getByRole("textbox", { name: "Informanten" }).fill(goodList);
  await page.getByRole("button", { name: "Controleren", exact: true }).click();
  await expect(page.getByRole("status").first()).toContainText("Alle 10 regels zijn in orde");
  await page.getByRole("button", { name: "Alle informanten opslaan" }).click();
  await expect(page.getByRole("status").first()).toContainText("10 informanten toegevoegd");
  await expect(page.getByTestId("invitations").locator("tbody tr")).toHaveCount(11);

  // Open the scan: a confirmation first, then the invitations go out.
  await page.getByRole("link", { name: "Scan openen en uitnodigingen versturen" }).click();
  await expect(page.getByText("Er gaan 11 uitnodigingen per e-mail uit")).toBeVisible();
  await page.getByRole("button", { name: "Ja, openen en versturen" }).click();
  await expect(page.getByRole("status").first()).toContainText("De scan is open. 11 uitnodigingen");

  // The response-rate view: counts per group, nobody named.
  const progress = page.getByTestId("progress");
  await expect(progress.getByRole("row", { name: /Collega's/ })).toContainText("5");
  await expect(progress.getByRole("row", { name: /Totaal/ })).toContainText("11");
  await expect(page.getByText("Alleen aantallen")).toBeVisible();

  // The outbox: every invitation is there and is delivered (to .eml files on this server).
  // The administrator's pages are in the header's "Beheer" menu.
  const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
  await nav.getByText("Beheer", { exact: true }).click();
  await nav.getByRole("link", { name: "Uitgaande e-mail" }).click();
  await expect(page.getByRole("cell", { name: "anna@gemeente.nl", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "joost@gemeente.nl", exact: true })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("row", { name: /joost@gemeente\.nl/ })).toContainText("verstuurd");
  }).toPass({ timeout: 15_000 });

  // Back on the scan, each invitation shows its delivery.
  await page.getByRole("link", { name: "Scans", exact: true }).click();
  await page.getByRole("link", { name: "Piet Jansen" }).first().click();
  const anna = page.getByTestId("invitations").getByRole("row").filter({
    has: page.getByRole("cell", { name: "anna@gemeente.nl", exact: true }),
  });
  await expect(anna).toContainText("verzonden");
});
