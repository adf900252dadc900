import { defineConfig } from "@playwright/test";

// Debian's Chromium: Playwright cannot download its own browser on these machines.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

// Every test runs twice: once hydrated (JavaScript on) and once as plain HTML forms, each
// against its own freshly started server so the first-run setup can happen in both.
export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    launchOptions: chromium,
    locale: "nl-NL",
    trace: "off",
  },
  projects: [
    {
      name: "met-javascript",
      use: { baseURL: process.env.BASE_URL_JS, javaScriptEnabled: true },
    },
    {
      name: "zonder-javascript",
      use: { baseURL: process.env.BASE_URL_NOJS, javaScriptEnabled: false },
    },
  ],
});
