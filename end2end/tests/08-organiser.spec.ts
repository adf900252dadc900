import { test, expect, signIn } from "./fixtures";

// Runs after 01-foundation, which created the administrator `signIn` signs in as. Makes a scan
// of its own, so it needs no other spec.

// The refused scan form answers 422 to the WebAssembly, which Chromium logs.
test.use({ expectedConsoleErrors: [/the server responded with a status of 422/] });

const colleagueLine = "Collega's: 1 uitgenodigd, minimaal 3 nodig om getoond te worden";

test("the header fits one line at 1280 px and its menus open", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, testInfo);
  const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
  await expect(nav).toBeVisible();

  // One line: every item of the header shares the brand's line, and the header is one line high.
  const brand = await page.getByRole("link", { name: "Ontwikkelscan", exact: true }).boundingBox();
  const items = [
    nav.getByRole("link", { name: "Overzicht" }),
    nav.getByRole("link", { name: "Scans", exact: true }),
    nav.getByRole("link", { name: "Competentiekaders" }),
    nav.getByText("Beheer", { exact: true }),
    nav.getByText("Account", { exact: true }),
    nav.getByRole("button", { name: "Uitloggen" }),
    page.getByRole("link", { name: "English" }),
  ];
  const middle = (box: { y: number; height: number }) => box.y + box.height / 2;
  for (const item of items) {
    const box = await item.boundingBox();
    expect(box, "a header item is shown").not.toBeNull();
    expect(Math.abs(middle(box!) - middle(brand!)), "header item on the brand's line").toBeLessThan(8);
  }
  const navBox = await nav.boundingBox();
  expect(navBox!.height, "the navigation is one line high").toBeLessThan(2 * brand!.height);

  // The administrator's pages sit in the "Beheer" menu; it opens without JavaScript too.
  await nav.getByText("Beheer", { exact: true }).click();
  await nav.getByRole("link", { name: "Uitgaande e-mail" }).click();
  await expect(page).toHaveURL(/\/admin\/outbox$/);
  await nav.getByText("Account", { exact: true }).click();
  await expect(nav.getByText("Ingelogd als secretaris@gemeente.nl")).toBeVisible();
  await nav.getByRole("link", { name: "API-tokens" }).click();
  await expect(page).toHaveURL(/\/account\/tokens$/);
  // Once followed, a menu link does not leave its menu hanging over the page.
  await expect(nav.getByRole("link", { name: "API-tokens" })).toBeHidden();

  // On a phone the header wraps but every item stays reachable.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/");
  await expect(nav.getByRole("link", { name: "Scans", exact: true })).toBeInViewport();
  await expect(nav.getByRole("button", { name: "Uitloggen" })).toBeVisible();
});

test("a group that can never be shown is warned about from the draft to the progress and home page", async ({ page }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  await signIn(page, testInfo);

  // The scan form: a required competency left out is refused by name, not by id.
  await page.goto("/scans/new");
  await page.getByLabel("Competentiekader").selectOption({ label: "Competentiegids gemeente Maastricht 2014" });
  await page.getByLabel("Functiegroepprofiel").selectOption({ label: "Beleidsmedewerker" });
  await page.getByRole("button", { name: "Verder" }).click();
  await page.getByLabel("Naam", { exact: true }).fill("Sanne Bakker");
  await page.getByLabel("E-mailadres").fill("sanne.bakker@gemeente.nl");
  await page.getByLabel("Niveau", { exact: true }).selectOption("8-10");
  await page.getByLabel("Samenwerken", { exact: true }).uncheck();
  if (js) await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Scan aanmaken" }).click();
  const refusal = page.getByRole("alert").first();
  await expect(refusal).toContainText('functieprofiel "Beleidsmedewerker" vraagt altijd de competentie "Samenwerken"');
  await expect(refusal).not.toContainText('"samenwerken"');
  await page.getByLabel("Samenwerken", { exact: true }).check();
  await page.getByRole("button", { name: "Scan aanmaken" }).click();
  await expect(page.getByRole("status").first()).toContainText("De conceptscan is aangemaakt");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Sanne Bakker");
  if (js) await page.waitForLoadState("networkidle");

  // The draft is a checklist: settings done, no informants yet, opening as the main button;
  // deleting the draft is elsewhere on the page, not beside it.
  const checklist = page.getByTestId("checklist");
  await expect(checklist).toContainText("Instellingen opgeslagen");
  await expect(checklist).toContainText("Informanten (0)");
  const actions = page.getByRole("region", { name: "Volgende stappen" });
  const open = actions.getByRole("link", { name: "Scan openen en uitnodigingen versturen" });
  await expect(open).toHaveClass(/button-primary/);
  await expect(actions.getByRole("link", { name: "Concept verwijderen" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Concept verwijderen" }).getByRole("link", { name: "Concept verwijderen" })).toBeVisible();
  await expect(page.getByTestId("reach-warning")).toHaveCount(0);

  // One colleague, with k = 3: the warning names the group.
  const addOne = page.locator("#add-one");
  await addOne.getByLabel("Naam").fill("Tom de Wit");
  await addOne.getByLabel("E-mailadres").fill("tom.dewit@gemeente.nl");
  await addOne.getByLabel("Groep").selectOption({ label: "Collega's" });
  await addOne.getByRole("button", { name: "Toevoegen" }).click();
  await expect(page.getByRole("status").first()).toContainText("1 informant toegevoegd.");
  await expect(checklist).toContainText("Informanten (1)");
  const warning = page.getByTestId("reach-warning");
  await expect(warning).toContainText("Niet elke groep kan in het rapport verschijnen");
  await expect(warning).toContainText(colleagueLine);
  await expect(warning).toContainText("U kunt de scan toch openen");

  // Before opening, the question repeats the warning; opening is not blocked.
  if (js) await page.waitForLoadState("networkidle");
  await open.click();
  await expect(page.getByText("Er gaan 2 uitnodigingen per e-mail uit")).toBeVisible();
  await expect(page.getByTestId("reach-warning-confirm")).toContainText(colleagueLine);
  await page.getByRole("button", { name: "Ja, openen en versturen" }).click();
  await expect(page.getByRole("status").first()).toContainText("De scan is open. 2 uitnodigingen");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("open");

  // The progress page keeps the warning while the scan runs.
  await expect(page.getByTestId("progress")).toBeVisible();
  await expect(page.getByTestId("reach-warning")).toContainText(colleagueLine);
  await page.reload();
  await expect(page.getByTestId("reach-warning")).toContainText(colleagueLine);

  // The home page: the scan is running, with its response, and needs attention.
  await page.getByRole("link", { name: "Overzicht" }).click();
  const attention = page.getByTestId("home-attention").getByRole("listitem").filter({ hasText: "Sanne Bakker" });
  await expect(attention.filter({ hasText: colleagueLine })).toBeVisible();
  const running = page.getByTestId("home-open").getByRole("row", { name: /Sanne Bakker/ });
  await expect(running).toContainText("0 van 2 ingevuld");
  await expect(running).toContainText("Competentiegids gemeente Maastricht 2014");
  await expect(page.getByText("zodra scans aangemaakt kunnen worden")).toHaveCount(0);

  // The scans list names the framework, not its id.
  await page.goto("/scans");
  const row = page.getByRole("row", { name: /Sanne Bakker/ });
  await expect(row).toContainText("Competentiegids gemeente Maastricht 2014");
  await expect(page.getByRole("cell", { name: "maastricht-2014" })).toHaveCount(0);
});
