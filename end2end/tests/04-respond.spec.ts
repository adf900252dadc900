import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";

// Runs after 03-scans, which opened a scan and mailed its invitations; without an SMTP server
// each email is an .eml file in the server's data directory: the respondent's inbox.
function personalLink(js: boolean, recipient: string): string {
  const dir = join((js ? process.env.DATA_DIR_JS : process.env.DATA_DIR_NOJS) ?? "", "outbox");
  for (const name of readdirSync(dir)) {
    const raw = readFileSync(join(dir, name), "utf8");
    if (!raw.includes(`To: ${recipient}`) || !raw.includes("Subject: Uw feedback gevraagd")) continue;
    const text = raw.replace(/=\r?\n/g, ""); // quoted-printable soft line breaks
    const match = text.match(/\/s\/([0-9a-f]{64})/);
    if (match) return `/s/${match[1]}`;
  }
  throw new Error(`no invitation for ${recipient} in ${dir}`);
}

/** Answers every statement on the page with the given label. */
async function answerPage(page: Page, label: string) {
  const items = page.locator("fieldset.item");
  const count = await items.count();
  for (let i = 0; i < count; i++) {
    await items.nth(i).getByText(label, { exact: true }).click();
  }
}

test("a respondent fills in half, closes the page, comes back and finishes", async ({ page, browser }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  const link = personalLink(js, "anna@gemeente.nl");

  await page.goto(link);
  // Wait for the WebAssembly to take over before clicking: a choice made on the server-rendered
  // page in the moment before hydration is not guaranteed to survive it.
  if (js) await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Feedback over Piet Jansen");
  // The promise says exactly what the engine keeps (issue 18), and no longer that nobody can
  // see which answers are whose.
  const promise = page.getByTestId("anonymity-promise");
  await expect(promise).toContainText("Uw antwoorden zijn anoniem.");
  await expect(promise).toContainText("alleen als ten minste 3 mensen uit die groep hebben geantwoord");
  await expect(promise).toContainText("samengevoegd als ze samen ten minste 3 mensen tellen");
  await expect(promise).toContainText("in een lijst met toelichtingen van ten minste 3 verschillende mensen");
  await expect(promise).toContainText("De organisator ziet per groep hoeveel mensen hebben geantwoord, niet wie.");
  await expect(promise).toContainText("zonder enige verwijzing naar u of uw uitnodiging");
  await expect(promise).not.toContainText("Niemand, ook de beheerder niet");
  await page.getByRole("link", { name: "Beginnen" }).click();

  // Part 1: every statement, and a comment.
  await expect(page.getByText(/Onderdeel 1 van \d+/)).toBeVisible();
  if (js) await page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));
  await answerPage(page, "4 goed");
  await page.getByLabel("Toelichting (niet verplicht)").fill("Werkt prettig samen.");
  await page.getByRole("button", { name: "Volgende" }).click();
  // Part 2: only the first statement, then the browser is closed.
  await expect(page.getByText(/Onderdeel 2 van \d+/)).toBeVisible();
  await page.locator("fieldset.item").first().getByText("kan ik niet beoordelen", { exact: true }).click();
  if (js) {
    // With JavaScript the part came without a page load, and the answer is saved as it is given.
    expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
    await expect(page.getByRole("status").filter({ hasText: "Opgeslagen" })).toBeVisible();
  } else {
    await page.getByRole("button", { name: "Volgende" }).click();
    await expect(page.getByText(/Onderdeel 3 van \d+/)).toBeVisible();
  }
  await page.close();

  // A new browser session opens the same link: it resumes at part 2, with the answers kept.
  const context = await browser.newContext({ javaScriptEnabled: js, baseURL: testInfo.project.use.baseURL, locale: "nl-NL" });
  const again = await context.newPage();
  await again.goto(link);
  if (js) await again.waitForLoadState("networkidle");
  await again.getByRole("link", { name: "Verdergaan waar u was" }).click();
  await expect(again.getByText(/Onderdeel 2 van \d+/)).toBeVisible();
  await expect(again.locator("fieldset.item").first().getByLabel("kan ik niet beoordelen")).toBeChecked();
  await again.getByRole("button", { name: "Vorige" }).click();
  await expect(again.getByLabel("Toelichting (niet verplicht)")).toHaveValue("Werkt prettig samen.");
  await again.getByRole("button", { name: "Volgende" }).click();

  // Finish every part and look at the summary. (With JavaScript the next part arrives without a
  // page load: wait for it before answering.)
  for (let part = 2; ; part++) {
    await expect(again.getByText(new RegExp(`Onderdeel ${part} van \\d+`))).toBeVisible();
    await answerPage(again, "3 normaal");
    const next = again.getByRole("button", { name: "Volgende" });
    if ((await next.count()) === 0) break;
    await next.click();
  }
  await again.getByRole("button", { name: "Naar het overzicht" }).click();
  await expect(again.getByRole("heading", { level: 1 })).toHaveText("Overzicht voor het versturen");
  await expect(again.getByText("U heeft alle uitspraken beantwoord.")).toBeVisible();
  await again.getByRole("button", { name: "Versturen" }).click();
  await expect(again.getByTestId("thanks")).toContainText("Uw antwoorden zijn opgeslagen");

  // The link now says it was used; nothing can be sent twice.
  await again.goto(link);
  await expect(again.getByRole("heading", { level: 1 })).toHaveText("Al ingevuld");
  await context.close();
});

test("a respondent completes the scan with the keyboard only", async ({ page }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  await page.goto(personalLink(js, "bram@gemeente.nl"));
  if (js) await page.waitForLoadState("networkidle");

  const focusOn = async (name: RegExp) => {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press("Tab");
      const label = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? (el.innerText || (el as HTMLInputElement).value || "") : "";
      });
      if (name.test(label.trim())) return;
    }
    throw new Error(`could not reach ${name} with Tab`);
  };

  await focusOn(/^Beginnen$/);
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Onderdeel 1 van \d+/)).toBeVisible();
  for (let part = 0; part < 20; part++) {
    const items = await page.locator("fieldset.item").count();
    for (let i = 0; i < items; i++) {
      // Tab reaches the next group of choices; Space picks the first, arrows move to "4 goed".
      await page.keyboard.press("Tab");
      if (i === 0) {
        // From the top of the page the first Tab may land on a link; go until a radio has focus.
        while ((await page.evaluate(() => (document.activeElement as HTMLInputElement)?.type)) !== "radio") {
          await page.keyboard.press("Tab");
        }
      }
      await page.keyboard.press("Space");
      for (let k = 0; k < 3; k++) await page.keyboard.press("ArrowRight");
    }
    const last = (await page.getByRole("button", { name: "Volgende" }).count()) === 0;
    await focusOn(last ? /^Naar het overzicht$/ : /^Volgende$/);
    await page.keyboard.press("Enter");
    if (last) break;
    await expect(page.getByText(new RegExp(`Onderdeel ${part + 2} van \\d+`))).toBeVisible();
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overzicht voor het versturen");
  await expect(page.getByText("U heeft alle uitspraken beantwoord.")).toBeVisible();
  await focusOn(/^Versturen$/);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("thanks")).toBeVisible();
});

test("an unknown link and a tampered answer get a clear page and change nothing", async ({ page }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  await page.goto(`/s/${"0".repeat(64)}`);
  await expect(page.getByTestId("link-invalid")).toBeVisible();

  // A rating outside the scale, posted as a tampered form, is refused with a message.
  const link = personalLink(js, "cees@gemeente.nl");
  await page.goto(`${link}/q/0`);
  const key = await page.locator("fieldset.item input[type=radio]").first().getAttribute("name");
  const response = await page.request.post(`${link}/q/0`, { form: { [key!]: "9", action: "next" }, maxRedirects: 0 });
  expect(response.status()).toBe(303);
  await page.goto(response.headers()["location"]);
  await expect(page.getByRole("alert")).toContainText("staat niet op de schaal");
  await expect(page.locator("fieldset.item").first().locator("input:checked")).toHaveCount(0);
});
