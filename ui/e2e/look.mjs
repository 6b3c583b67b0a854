// Looking at a screen as a person and an assistive technology would: an accessibility scan with
// axe-core (WCAG 2 A/AA rules, run inside the window), and the screenshot compared with a committed
// reference within a tolerance, so a changed screen shows up in review as a changed reference image.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const references = join(import.meta.dirname, "reference");

/** The serious and critical accessibility violations on the screen now. */
export async function axe(s) {
  // axe's source is run as the body of a WebDriver script (not injected as a <script>, which the
  // window's content security policy forbids); it defines `axe` on the window.
  await s.exec(`if (!window.axe) { (function () { ${axeSource}\n }).call(window); } return !!window.axe;`);
  const found = await s.cmd("POST", "/execute/async", {
    script: `const done = arguments[arguments.length - 1];
      window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] })
        .then((r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " :: " + (n.failureSummary || "").slice(0, 160)) }))))
        .catch((e) => done([{ id: "axe-failed", impact: "critical", help: String(e), nodes: [] }]));`,
    args: [],
  });
  return found.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/**
 * Compares a screenshot with its reference: at most `tolerance` of the pixels may differ (dates, key
 * IDs and temporary paths differ from run to run). With UPDATE_SCREENSHOTS=1 the reference is
 * replaced. A missing reference fails, so a new screen is always looked at once.
 */
export function compare(shot, name, { tolerance = 0.03 } = {}) {
  mkdirSync(references, { recursive: true });
  const ref = join(references, `${name}.png`);
  if (process.env.UPDATE_SCREENSHOTS || !existsSync(ref)) {
    if (!process.env.UPDATE_SCREENSHOTS) return { missing: true, ratio: 1 };
    copyFileSync(shot, ref);
    return { ratio: 0 };
  }
  const a = PNG.sync.read(readFileSync(shot));
  const b = PNG.sync.read(readFileSync(ref));
  if (a.width !== b.width || a.height !== b.height) return { ratio: 1, size: `${a.width}×${a.height} vs ${b.width}×${b.height}` };
  const diff = new PNG({ width: a.width, height: a.height });
  const n = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: 0.15 });
  const ratio = n / (a.width * a.height);
  if (ratio > tolerance) writeFileSync(shot.replace(/\.png$/, ".diff.png"), PNG.sync.write(diff));
  return { ratio };
}
