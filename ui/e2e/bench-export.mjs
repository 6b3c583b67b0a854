// Measures the window's responsiveness while it exports a bundle holding a 1 GiB video: a frame loop
// in the page records the longest gap between frames, and WebDriver pings the page every 100 ms
// (each ping is a round trip through the webview's main loop). Run by scripts/bench-ui.sh.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { launch, writePicks } from "./webdriver.mjs";
import { wizardToUsb } from "./steps.mjs";

const root = resolve(import.meta.dirname, "../..");
const [video] = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), "jianbao-bench-"));
const picks = join(work, "picks.txt");
const usb = join(work, "usb");
writePicks(picks, [[video], [usb]]);
const s = await launch({
  app: join(root, "target/debug/jianbao-app"),
  port: 4460,
  env: { JIANBAO_HOME: join(work, "ws"), JIANBAO_TEST_PICKS: picks },
});
try {
  await s.wait("[data-testid=start] .choice");
  const startup = Math.round(performance.now() - s.started);
  await s.wait("[data-testid=sample-banner]", { timeout: 60000 });
  const exampleReady = Math.round(performance.now() - s.started);
  await s.click("[data-testid^=\"open-unit-\"]");
  await s.wait("[data-testid=candidate-form]");
  await s.click("[data-testid=choose-video]");
  await s.wait("[data-slot$=':video'] .file", { timeout: 120000 });
  await s.click("[data-testid=nav-export]");
  await s.click("[data-testid=export-start]");
  await wizardToUsb(s, usb);
  await s.exec(`window.__gaps = []; let last = performance.now();
    const loop = (t) => { window.__gaps.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(loop); };
    requestAnimationFrame(loop);`);
  const t0 = performance.now();
  await s.click("[data-testid=wizard-export]");
  const pings = [];
  let progressSeen = 0;
  for (;;) {
    const p0 = performance.now();
    const state = await s.exec(`return [!!document.querySelector("[data-testid=wizard-done]"),
      document.querySelector("[data-testid=wizard-progress] progress")?.value ?? -1]`);
    pings.push(performance.now() - p0);
    if (state[1] > 0) progressSeen++;
    if (state[0]) break;
    await sleep(100);
  }
  const seconds = (performance.now() - t0) / 1000;
  const gaps = await s.exec(`window.__stop = true; return window.__gaps`);
  const sorted = (a) => [...a].sort((x, y) => x - y);
  const pct = (a, q) => sorted(a)[Math.min(a.length - 1, Math.floor(q * a.length))];
  const zips = readdirSync(usb).filter((f) => f.endsWith(".zip"));
  const bytes = zips.reduce((n, f) => n + statSync(join(usb, f)).size, 0);
  // A second start on the same workspace (no example to create this time).
  await s.close();
  const again = await launch({
    app: join(root, "target/debug/jianbao-app"),
    port: 4470,
    env: { JIANBAO_HOME: join(work, "ws"), JIANBAO_TEST_PICKS: picks },
  });
  await again.wait("[data-testid=start] .unit-card");
  const warm = Math.round(performance.now() - again.started);
  await again.close();
  console.log(JSON.stringify({
    first_start_to_interactive_ms: startup,
    first_start_to_example_ready_ms: exampleReady,
    second_start_to_interactive_ms: warm,
    export_and_usb_copy_s: Number(seconds.toFixed(2)),
    bundle_bytes: bytes,
    pings: pings.length,
    ping_ms_median: Number(pct(pings, 0.5).toFixed(1)),
    ping_ms_p95: Number(pct(pings, 0.95).toFixed(1)),
    ping_ms_max: Number(Math.max(...pings).toFixed(1)),
    progress_updates_seen: progressSeen,
    frames: gaps.length,
    frame_gap_ms_median: Number(pct(gaps, 0.5).toFixed(1)),
    frame_gap_ms_p99: Number(pct(gaps, 0.99).toFixed(1)),
    frame_gap_ms_max: Number(Math.max(...gaps).toFixed(1)),
  }, null, 2));
} finally {
  await s.close();
  execFileSync("rm", ["-rf", work]);
}
