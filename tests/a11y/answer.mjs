// Answers the date proposal of a personal page as its person would, in the real headless
// Chromium (Debian's /usr/bin/chromium), without JavaScript on the page's side:
//   node tests/a11y/answer.mjs URL TEXT...
// Ticks the dates whose label contains one of the TEXTs (and unticks the others), presses the
// dates' button, and prints, as one JSON line, what the page shows after it: its address, its
// status message, and the labels of the dates ticked.
import { chromium } from "playwright-core";

const [url, ...wanted] = process.argv.slice(2);
if (!url) {
  console.error("usage: node tests/a11y/answer.mjs URL TEXT...");
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
try {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  const dates = page.locator("form:has(input[type=checkbox])");
  const boxes = dates.locator("input[type=checkbox]");
  for (let index = 0; index < (await boxes.count()); index += 1) {
    const box = boxes.nth(index);
    const id = await box.getAttribute("id");
    const label = await page.locator(`label[for="${id}"]`).innerText();
    await box.setChecked(wanted.some((text) => label.includes(text)));
  }
  await Promise.all([page.waitForNavigation(), dates.locator("button[type=submit]").click()]);
  const status = (await page.locator("[role=status]").allInnerTexts()).join(" ");
  const ticked = [];
  const after = page.locator("input[type=checkbox]:checked");
  for (let index = 0; index < (await after.count()); index += 1) {
    const id = await after.nth(index).getAttribute("id");
    ticked.push(await page.locator(`label[for="${id}"]`).innerText());
  }
  console.log(JSON.stringify({ url: new URL(page.url()).search, status, ticked }));
} finally {
  await browser.close();
}
