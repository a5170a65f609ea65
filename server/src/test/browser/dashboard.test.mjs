// Drives the dashboard in Debian's headless Chromium, as a support engineer would. Started by
// DashboardBrowserIntegrationTest, which boots the stack and passes what it prepared in the environment.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const BASE = env("DASHBOARD_URL");
const SHOTS = env("SCREENSHOTS");
let browser;
let page;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("dialog", (dialog) => dialog.accept(dialog.type() === "prompt" ? "checked with the customer" : undefined));
  await page.goto(BASE + "/");
  await page.fill("#token", env("TOKEN"));
  await page.click("#signin-form button");
});

after(async () => {
  await browser?.close();
});

test("overview shows the summary tiles and open incidents", async () => {
  await page.waitForSelector("#tiles .tile");
  const tiles = await page.textContent("#tiles");
  assert.match(tiles, /proven/);
  assert.match(tiles, /open incidents/);
  assert.match(tiles, /cannot verify/);
  await page.waitForSelector("#sight .tile");
  const sight = await page.textContent("#sight");
  assert.match(sight, /Stripe API/);
  assert.match(sight, /Stripe accepts the test key/, "the stack's emulator accepts accessproof's key");
  await page.waitForSelector(`#incidents tr[data-incident="${env("INCIDENT_ID")}"]`);
  // The stack has proven runs and an incident within the hour: the charts have bars of both.
  await page.waitForSelector('#chart-verdicts rect[data-kind="proven"]');
  await page.waitForSelector('#chart-verdicts rect[data-kind="incident"]');
  await page.waitForSelector('#chart-incidents rect[data-kind="opened"]');
  assert.match(await page.textContent('#ttp [data-window="last_hour"]'), /\d+(\.\d)? m?s \/ \d+(\.\d)? m?s.*last hour · [1-9]\d* proven/);
  assert.match(await page.textContent("#latest-audit"), /No audit yet|aud_/);
  await page.screenshot({ path: `${SHOTS}/overview.png`, fullPage: true });
});

test("runs table lists runs with their three-state badges and opens a run", async () => {
  await page.goto(BASE + "/#/runs");
  const row = page.locator(`#runs tr[data-event="${env("PROVEN_EVENT")}"]`);
  await row.waitFor();
  assert.match(await row.textContent(), /proven/);
  assert.match(await row.textContent(), /confirmed/);
  // Paid is what Stripe says of the customer's subscription, which the test read from Stripe itself.
  assert.equal(await row.locator("td:nth-child(5) .badge").getAttribute("data-value"), env("STRIPE_PAID"));
  const strayText = await page.evaluate(() => [...document.getElementById("view").childNodes]
    .filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join(""));
  assert.equal(strayText, "", "no stray text (such as null) beside the page's elements");
  await page.screenshot({ path: `${SHOTS}/runs.png`, fullPage: true });
  await row.click();
  await page.waitForSelector("#run-title");
  assert.match(await page.textContent("#run-title"), new RegExp(env("PROVEN_EVENT")));
  assert.ok(await page.locator("#timeline tr").count() > 1, "the run page shows its timeline");
  await page.screenshot({ path: `${SHOTS}/run.png`, fullPage: true });
});

test("an incident is acknowledged from the incidents page", async () => {
  await page.goto(BASE + "/#/incidents");
  const row = page.locator(`#incidents tr[data-incident="${env("INCIDENT_ID")}"]`);
  await row.waitFor();
  await row.getByRole("button", { name: "Ack" }).click();
  // The engineer sees the confirmation before looking at the acknowledged list.
  await page.waitForFunction(() => document.getElementById("status").textContent.includes("Incident acknowledged"));
  await page.goto(BASE + "/#/incidents?status=acknowledged");
  // Until the acknowledged list has replaced the open one, the old row is still on the page.
  await page.waitForFunction((id) => document.querySelector("#incident-status")?.value === "acknowledged"
    && document.querySelector(`#incidents tr[data-incident="${id}"]`), env("INCIDENT_ID"));
  assert.match(await page.textContent(`#incidents tr[data-incident="${env("INCIDENT_ID")}"]`), /acknowledged/);
  await page.screenshot({ path: `${SHOTS}/incidents.png`, fullPage: true });
});

test("a run in incident is retried from its page", async () => {
  await page.goto(BASE + "/#/runs/" + env("INCIDENT_EVENT"));
  await page.waitForSelector("#incident");
  await page.click("#retry");
  await page.waitForFunction(() => document.getElementById("status").textContent.includes("Retry requested"));
  await page.screenshot({ path: `${SHOTS}/retry.png`, fullPage: true });
});

test("the customer lookup answers whether they got what they paid for", async () => {
  await page.goto(BASE + "/#/customers");
  await page.fill("#customer-form input", env("PROVEN_CUSTOMER"));
  await page.click("#customer-form button");
  await page.waitForSelector("#answer");
  assert.ok(await page.locator("#answer.yes").count() === 1, await page.textContent("#answer"));
  await page.screenshot({ path: `${SHOTS}/customer.png`, fullPage: true });
});

test("an incident resolved as a false alarm is counted on the overview", async () => {
  await page.goto(BASE + "/#/incidents?status=acknowledged");
  const row = page.locator(`#incidents tr[data-incident="${env("INCIDENT_ID")}"]`);
  await row.waitFor();
  await row.getByRole("button", { name: "Resolve" }).click(); // the note prompt and the false-alarm question are accepted
  await page.waitForFunction(() => document.getElementById("status").textContent.includes("Incident resolved"));
  await page.goto(BASE + "/#/");
  await page.waitForFunction(() => /1\s*false alarms \(30 days\)/.test(document.getElementById("tiles")?.textContent || ""));
  await page.screenshot({ path: `${SHOTS}/false-alarm.png`, fullPage: true });
});

test("an audit started from the dashboard names the customer who paid and has no access", async () => {
  await page.goto(BASE + "/#/audits");
  await page.click("#audit-start");
  await page.waitForFunction(() => /: done/.test(document.getElementById("audit-title")?.textContent || ""));
  await page.waitForSelector(`#audit-wrong tr[data-customer="${env("DROPPED_CUSTOMER")}"]`);
  assert.match(await page.textContent("#audit-counts"), /1\s*paid, no access/);
  assert.doesNotMatch(await page.textContent("#view"), /null|undefined/);
  await page.screenshot({ path: `${SHOTS}/audit.png`, fullPage: true });
});
