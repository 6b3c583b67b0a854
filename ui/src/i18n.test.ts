// Every text id the window asks for is in both catalogues, and both catalogues say the same things
// with the same arguments: a text missing in one language is a failing test, not a raw id on screen.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FluentResource } from "@fluent/bundle";
import { bundles, lang, t, windowSources } from "./i18n";

const sources = readdirSync(new URL(".", import.meta.url))
  .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"))
  .map((f) => [f, readFileSync(new URL(f, import.meta.url), "utf8")] as const);

/** Ids the window formats: `t("id")` literals, and `t(`prefix-${x}`)` families. */
function used(): { literal: string[]; prefixes: string[] } {
  const literal = new Set<string>();
  const prefixes = new Set<string>();
  for (const [, src] of sources) {
    for (const m of src.matchAll(/\bt\(\s*"([^"]+)"/g)) literal.add(m[1]);
    for (const m of src.matchAll(/\bt\(\s*`([^`$]*)\$\{/g)) prefixes.add(m[1]);
  }
  return { literal: [...literal], prefixes: [...prefixes] };
}

/** Every id the window's bundle knows (the core's and the window's own). */
function ids(l: "zh" | "en"): string[] {
  return [...(bundles[l] as unknown as { _messages: Map<string, unknown> })._messages.keys()];
}

/** The ids of the window's own file. */
function own(l: "zh" | "en"): string[] {
  return (new FluentResource(windowSources[l]) as unknown as { body: { id: string }[] }).body.map((m) => m.id);
}

describe("the window's catalogue", () => {
  it("has every id the window uses, in both languages", () => {
    const { literal, prefixes } = used();
    expect(literal.length).toBeGreaterThan(250);
    for (const l of ["zh", "en"] as const) {
      const known = new Set(ids(l));
      const missing = literal.filter((id) => !known.has(id));
      expect(missing, `${l} lacks`).toEqual([]);
      for (const p of prefixes) expect([...known].some((k) => k.startsWith(p)), `${l}: ${p}*`).toBe(true);
    }
  });

  it("defines the same ids in Chinese and English, and uses no id the window never asks for", () => {
    expect(ids("en").sort()).toEqual(ids("zh").sort());
    expect(own("en").sort()).toEqual(own("zh").sort());
    const { prefixes } = used();
    // (an id may also be chosen as a value: `t(ok ? "a" : "b")`, so any quoted id counts as used)
    const quoted = new Set(sources.flatMap(([, src]) => [...src.matchAll(/"([a-z][a-z0-9-]*)"/g)].map((m) => m[1])));
    const unused = own("zh").filter((id) => !quoted.has(id) && !prefixes.some((p) => id.startsWith(p)));
    expect(unused).toEqual([]);
  });

  it("fills the same arguments in both languages", () => {
    for (const id of ids("zh")) {
      const zh = String(bundles.zh.getMessage(id)?.value ? JSON.stringify(bundles.zh.getMessage(id)?.value) : "");
      const en = String(bundles.en.getMessage(id)?.value ? JSON.stringify(bundles.en.getMessage(id)?.value) : "");
      const args = (s: string) => [...new Set([...s.matchAll(/"name":"(\w+)"/g)].map((m) => m[1]))].sort();
      expect(args(en), id).toEqual(args(zh));
    }
  });

  it("speaks to a window user, not a shell user: English without Chinese, no command names or flags", () => {
    for (const id of own("zh")) {
      for (const l of ["zh", "en"] as const) {
        const text = JSON.stringify(bundles[l].getMessage(id)?.value);
        expect(text, `${l} ${id}`).not.toMatch(/(^|[\s"'（(])--[a-z]|\bjianbao [a-z]/);
        if (l === "en") expect(text, id).not.toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it("writes numbers as typed and English plurals by number", () => {
    lang.value = "en";
    expect(t("findings-errors", { n: 1 })).toBe("1 error");
    expect(t("findings-errors", { n: 2021 })).toBe("2021 errors");
    lang.value = "zh";
    expect(t("findings-errors", { n: 2021 })).toBe("2021 个错误");
    expect(t("no-such-text")).toBe("no-such-text");
  });
});
