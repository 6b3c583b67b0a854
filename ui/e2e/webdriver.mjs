// A small W3C WebDriver client over fetch, for tauri-driver (which forwards to WebKitWebDriver).
import { spawn } from "node:child_process";
import { mkdirSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

/** WebDriver's codes for special keys. */
export const Keys = { tab: "\uE004", enter: "\uE007", space: " ", down: "\uE015", up: "\uE013", home: "\uE011", escape: "\uE00C" };

/** A found element (as opposed to a CSS selector). */
export class El {
  constructor(id) {
    this.id = id;
  }
}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }
  async cmd(method, path, body) {
    const res = await fetch(`${this.base}/session/${this.id}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value).slice(0, 400)}`);
    return json.value;
  }
  async find(css) {
    const v = await this.cmd("POST", "/element", { using: "css selector", value: css });
    if (!v || !v[ELEMENT]) throw new Error(`no element ${css}`);
    return new El(v[ELEMENT]);
  }
  async findAll(css) {
    const v = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return v.map((e) => e[ELEMENT]).filter(Boolean).map((id) => new El(id));
  }
  /** Waits until `css` matches (and, when given, its text matches `text`). */
  async wait(css, { timeout = 20000, text } = {}) {
    const end = Date.now() + timeout;
    let last;
    while (Date.now() < end) {
      try {
        if (!text) return await this.find(css);
        for (const id of await this.findAll(css)) {
          last = await this.text(id);
          if (text instanceof RegExp ? text.test(last) : last.includes(text)) return id;
        }
      } catch {}
      await sleep(100);
    }
    const page = await this.exec("return document.body.innerText.slice(0, 600)").catch((e) => String(e));
    throw new Error(`timed out waiting for ${css}${text ? ` with ${text} (last: ${last})` : ""}; the page shows: ${page}`);
  }
  async gone(css, timeout = 20000) {
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      if ((await this.findAll(css)).length === 0) return;
      await sleep(100);
    }
    throw new Error(`still there: ${css}`);
  }
  async click(css) {
    const el = css instanceof El ? css : await this.wait(css);
    // A person clicks what stays put: wait (≤ 2 s) until the element is where it was a frame ago, so a
    // late image or list above it cannot move it between the scroll and the click.
    await this.exec(
      `const el = arguments[0], end = Date.now() + 2000;
       // (scrolled to the middle, as a person scrolls to what they click: not under a sticky bar)
       const r = el.getBoundingClientRect();
       if (r.top < 80 || r.bottom > innerHeight - 80) el.scrollIntoView({ block: "center", inline: "nearest" });
       const frame = () => new Promise((r) => requestAnimationFrame(() => r(el.getBoundingClientRect())));
       return (async () => {
         let a = await frame();
         for (;;) {
           const b = await frame();
           if ((a.x === b.x && a.y === b.y) || Date.now() > end) return;
           a = b;
         }
       })();`,
      [{ [ELEMENT]: el.id }],
    ).catch(() => {});
    await this.cmd("POST", `/element/${el.id}/click`, {});
  }
  async type(css, text, { clear = true } = {}) {
    const el = css instanceof El ? css : await this.wait(css);
    if (clear) await this.cmd("POST", `/element/${el.id}/clear`, {});
    await this.cmd("POST", `/element/${el.id}/value`, { text });
  }
  /** Types `text` into whatever has the keyboard focus (`Keys.tab`… for special keys). */
  async keys(text) {
    const el = await this.cmd("GET", "/element/active");
    await this.cmd("POST", `/element/${el[ELEMENT]}/value`, { text });
  }
  async text(el) {
    return this.cmd("GET", `/element/${el.id}/text`);
  }
  async exec(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }
  async screenshot(dir, name) {
    mkdirSync(dir, { recursive: true });
    // A fresh window's first frame can be stale: let layout settle before the shot.
    await this.exec("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))").catch(() => {});
    await sleep(300);
    const png = await this.cmd("GET", "/screenshot");
    writeFileSync(`${dir}/${name}.png`, Buffer.from(png, "base64"));
  }
  async close() {
    await fetch(`${this.base}/session/${this.id}`, { method: "DELETE" }).catch(() => {});
  }
}

/** Starts tauri-driver with an environment for the app, and a session on the app binary. */
export async function launch({ app, env, port, logDir = join(import.meta.dirname, "screenshots") }) {
  // The driver, WebKitWebDriver and the app run in a process group of their own, writing to a log file:
  // an app outliving its session must neither keep this process's pipes open (the test runner would
  // wait for it forever) nor survive the test.
  mkdirSync(logDir, { recursive: true });
  const log = openSync(`${logDir}/driver-${port}.log`, "a");
  const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(port + 1)], {
    env: { ...process.env, ...env },
    stdio: ["ignore", log, log],
    detached: true,
  });
  const killAll = () => {
    try {
      process.kill(-driver.pid, "SIGKILL");
    } catch {}
  };
  process.on("exit", killAll);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${base}/status`);
      break;
    } catch {
      await sleep(100);
    }
  }
  const started = performance.now();
  const res = await fetch(`${base}/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ capabilities: { alwaysMatch: { "tauri:options": { application: app } } } }),
  });
  const json = await res.json();
  if (!res.ok) {
    killAll();
    throw new Error(`session: ${JSON.stringify(json)}`);
  }
  const s = new Session(base, json.value.sessionId);
  s.started = started;
  s.driver = driver;
  const close = s.close.bind(s);
  s.close = async () => {
    await close();
    await sleep(300);
    killAll();
  };
  return s;
}

export function writePicks(file, lines) {
  writeFileSync(file, lines.map((l) => (Array.isArray(l) ? l.join("|") : l)).join("\n"));
}
