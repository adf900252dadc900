import { test as base, expect } from "@playwright/test";

// Every test fails when the browser logs an error or an uncaught exception: a hydration
// mismatch in the WebAssembly shows up only there, while the server-rendered page looks fine.
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      expect(errors, "browser console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
