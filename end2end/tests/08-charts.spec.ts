import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { test, expect, signIn } from "./fixtures";

// Runs after 05-report: Piet Jansen's scan is closed and lezer@gemeente.nl reads its report.
// The gap chart's SVG names every competency whole with its gap in Dutch, and the report
// downloads as a PDF made on the server.
const reader = { email: "lezer@gemeente.nl", password: "een-ander-lang-wachtwoord" };

/** The fields of one CSV line (RFC 4180: quoted fields may hold commas and doubled quotes). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) {
      fields.push(field);
      field = "";
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** The words of every <text> element of an SVG, in order, with XML's escapes undone. */
function svgWords(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)]
    .map((m) => m[1].replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"))
    .join(" ")
    .split(/\s+/)
    .filter((w) => w !== "");
}

function wholeIn(words: string[], phrase: string): boolean {
  const wanted = phrase.split(/\s+/).filter((w) => w !== "");
  return words.some((_, i) => wanted.every((w, j) => words[i + j] === w));
}

test("the gap chart names every competency whole with its gap; the report downloads as a PDF", async ({ page, browser }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  await signIn(page, testInfo);
  await page.getByRole("link", { name: "Scans", exact: true }).click();
  await page.getByRole("link", { name: "Piet Jansen" }).first().click();
  const scanUrl = new URL(page.url()).pathname;

  const readerContext = await browser.newContext({ javaScriptEnabled: js, baseURL: testInfo.project.use.baseURL, locale: "nl-NL" });
  const readerPage = await readerContext.newPage();
  await signIn(readerPage, testInfo, reader);
  // The competencies and their gaps (others − self) from the machine-readable figures.
  const csv = (await (await readerPage.request.get(`${scanUrl}/rapport/cijfers.csv`)).text()).trim().split(/\r?\n/);
  const header = csvFields(csv[0]);
  const [name, line, gap] = ["competency", "line", "gap"].map((c) => header.indexOf(c));
  const rows = csv.slice(1).map(csvFields);
  const names = [...new Set(rows.map((r) => r[name]))];
  expect(names.length).toBeGreaterThanOrEqual(3);
  const gaps = rows
    .filter((r) => r[line] === "others" && r[gap] !== "")
    .map((r) => Number(r[gap]).toFixed(2).replace(".", ",").replace("-", "\u2212"))
    .map((g) => (g.startsWith("\u2212") || /^0,00$/.test(g) ? g : `+${g}`));
  expect(gaps.length).toBeGreaterThan(0);

  const response = await readerPage.request.get(`${scanUrl}/rapport/grafiek/verschil.svg`);
  expect(response.status()).toBe(200);
  const svg = await response.text();
  expect(svg).not.toContain("…");
  const words = svgWords(svg);
  for (const competency of names) expect(wholeIn(words, competency), `${competency} whole in the chart`).toBe(true);
  for (const value of gaps) expect(words, `gap ${value}`).toContain(value);
  for (const size of svg.matchAll(/font-size="([\d.]+)"/g)) expect(Number(size[1])).toBeGreaterThanOrEqual(15.9);

  // The report page links the PDF; the PDF has the person, page numbers and the figures.
  await readerPage.goto(`${scanUrl}/rapport`);
  await expect(readerPage.getByRole("link", { name: "PDF downloaden" })).toHaveAttribute("href", `${scanUrl}/rapport/rapport.pdf`);
  const pdf = await readerPage.request.get(`${scanUrl}/rapport/rapport.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toMatch(/^attachment;/);
  const pdfPath = testInfo.outputPath("rapport-server.pdf");
  writeFileSync(pdfPath, await pdf.body());
  const text = execFileSync("pdftotext", [pdfPath, "-"], { encoding: "utf8" });
  for (const expected of ["Rapport: Piet Jansen", "Vertrouwelijk", "pagina 1 van", "Samenvatting", gaps[0]]) {
    expect(text).toContain(expected);
  }
  // A name may wrap inside its table cell: its words in order.
  expect(wholeIn(text.split(/\s+/), names[0]), `${names[0]} in the PDF`).toBe(true);
  await readerContext.close();
});
