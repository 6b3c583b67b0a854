// Every screen and dialog as a person sees it, at 1280×800 and at 1024×700: each one photographed and
// compared with its committed reference (ui/e2e/reference, within a tolerance; UPDATE_SCREENSHOTS=1
// replaces them after a deliberate change), and scanned with axe-core for serious or critical
// accessibility violations. All problems are collected and reported together.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launch, writePicks } from "./webdriver.mjs";
import { axe, compare } from "./look.mjs";

const root = resolve(import.meta.dirname, "../..");
const app = join(root, "target/debug/jianbao-app");
const cli = join(root, "target/debug/jianbao");
const shots = join(root, "ui/e2e/screenshots");
const work = mkdtempSync(join(tmpdir(), "jianbao-screens-"));

// A reviewer's workspace holding the example's signed bundle.
execFileSync(cli, ["sample", "ordos-2021-zuimei", "--out", join(work, "sample")]);
execFileSync(cli, ["keygen", "--out", join(work, "key")]);
const printed = execFileSync(cli, ["export", join(work, "sample/packet.json"), "--key", join(work, "key/jianbao.key"), "--out", join(work, "out"), "--accept-warnings"], { encoding: "utf8" });
const parts = printed.split("\n").filter((l) => l.endsWith(".zip"));

const problems = [];
// Pixels that may differ from the reference: key IDs, clocks and temporary paths change from run to
// run (well under this); a moved or restyled screen changes far more. The PDF preview draws
// progressively, so its page may be caught half drawn.
const TOLERANCE = { "07-preview": 0.25 };
async function look(s, size, name) {
  const file = `screen-${size}-${name}`;
  await s.screenshot(shots, file);
  const tolerance = TOLERANCE[name] ?? 0.05;
  const r = compare(join(shots, `${file}.png`), file, { tolerance });
  if (r.missing) problems.push(`${file}: no reference image (run with UPDATE_SCREENSHOTS=1 and look at it)`);
  else if (r.ratio > tolerance) problems.push(`${file}: ${(r.ratio * 100).toFixed(1)}% of pixels differ from the reference${r.size ? ` (${r.size})` : ""}; see ${file}.diff.png`);
  for (const v of await axe(s)) problems.push(`${file}: [${v.impact}] ${v.id} — ${v.help}: ${v.nodes.join(" | ")}`);
}

for (const [size, port] of [["1280x800", 4470], ["1024x700", 4480]]) {
  test(`every screen of a unit secretary at ${size}`, { timeout: 240000 }, async () => {
    const ws = join(work, `unit-${size}`);
    const s = await launch({ app, port, env: { JIANBAO_HOME: ws, JIANBAO_WINDOW_SIZE: size } });
    try {
      await s.wait("[data-testid=sample-banner]", { timeout: 60000 });
      await look(s, size, "01-start");
      await s.click('[data-testid^="open-unit-"]');
      await s.wait("[data-testid=candidate-form]");
      await look(s, size, "02-candidate");
      await s.click("[data-testid=nav-unit]");
      await s.wait("[data-testid=unit-form]");
      await look(s, size, "03-unit-form");
      await s.click("[data-testid=nav-rules]");
      await s.wait("[data-testid=rules]");
      await look(s, size, "04-rules");
      await s.click("[data-testid=nav-unitdocs]");
      await look(s, size, "05-unit-docs");
      await s.click("[data-testid=nav-findings]");
      await s.wait("[data-testid=findings]");
      await look(s, size, "06-findings");
      await s.click("[data-testid=nav-preview]");
      await s.wait("[data-testid=preview]");
      await s.click("[data-testid=preview-make]");
      await s.wait("[data-testid=preview] canvas, [data-testid=preview] .pdf-page", { timeout: 60000 });
      await look(s, size, "07-preview");
      await s.click("[data-testid=nav-export]");
      await s.click("[data-testid=export-start]");
      await s.wait("[data-testid=wizard-check]");
      await look(s, size, "08-export-wizard");
      await s.click("[data-testid=wizard-back]");
      await s.click("[data-testid=nav-settings]");
      await s.wait("[data-testid=settings]");
      await look(s, size, "09-settings");
      await s.click("[data-testid=settings-back]");
      await s.click(".brand");
      await s.click("[data-testid=new-campaign-draft]");
      await s.wait("[data-testid=draft]");
      await look(s, size, "10-draft");
    } catch (e) {
      await s.screenshot(shots, `failed-${Date.now()}`).catch(() => {});
      throw e;
    } finally {
      await s.close();
    }
  });

  test(`every screen of an organiser at ${size}`, { timeout: 240000 }, async () => {
    const ws = join(work, `org-${size}`);
    execFileSync(cli, ["--workspace", ws, "import", ...parts]);
    const s = await launch({ app, port: port + 5, env: { JIANBAO_HOME: ws, JIANBAO_WINDOW_SIZE: size } });
    try {
      await s.click("[data-testid=choose-review]");
      await s.wait("[data-testid=candidates] tbody tr");
      await look(s, size, "11-review");
      await s.click("[data-testid=candidates] tbody tr button.link");
      await s.wait("[data-testid=detail] .fields");
      await look(s, size, "12-candidate-detail");
      await s.click("[data-testid=detail-close]");
      await s.exec(`document.querySelector("[data-testid=pick-candidate]").click()`);
      await s.click("[data-testid=forward]:not([disabled])");
      await s.wait("[data-testid=forward-dialog]");
      await look(s, size, "13-forward-dialog");
    } catch (e) {
      await s.screenshot(shots, `failed-${Date.now()}`).catch(() => {});
      throw e;
    } finally {
      await s.close();
    }
  });
}

test("every screen matches its reference and has no serious accessibility violation", () => {
  assert.deepEqual(problems, [], `\n${problems.join("\n")}`);
  assert.ok(readdirSync(shots).filter((f) => f.startsWith("screen-")).length >= 26);
});
