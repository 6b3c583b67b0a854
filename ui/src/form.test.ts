import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { completion, control, formModel, plain } from "./form";
import type { Profile } from "./bindings/Profile";
import type { Field } from "./bindings/Field";

// The five built-in profiles as the app receives them (written by `cargo run -- profile show ID --json`
// into test fixtures by the test script; the Ordos one is committed for this suite).
const ordos: Profile = JSON.parse(readFileSync(new URL("../test/ordos-2021-zuimei.json", import.meta.url), "utf8"));

const field = (over: Partial<Field>): Field =>
  ({ id: "x", label: "X", kind: "text", required: false, on_paper: false, summary_only: false, ...over }) as Field;

describe("form generation from the profile", () => {
  const model = formModel(ordos.candidate_form);
  it("follows the paper form's rows, in order, with the photo cell", () => {
    const ids = model.rows.map((r) => r.map((f) => f.id));
    expect(ids[0]).toEqual(["name", "gender"]);
    expect(ids[1]).toEqual(["ethnicity", "birth"]);
    expect(ids.findIndex((r) => r.includes("history"))).toBeLessThan(ids.findIndex((r) => r.includes("main_deeds")));
    expect(model.photo?.field.id).toBe("photo");
    expect(model.photo?.rows).toBeGreaterThan(1);
  });
  it("puts fields the table does not place (the cover's) first", () => {
    const cover = model.cover.map((f) => f.id);
    expect(cover).toContain("employer");
    expect(cover).toContain("fill_date");
  });
  it("gives each kind its control", () => {
    const all = new Map([...model.cover, ...model.rows.flat()].map((f) => [f.id, f]));
    expect(all.get("gender")!.control).toMatchObject({ type: "select" });
    expect((all.get("ethnicity")!.control as { options: string[] }).options).toContain("汉族");
    expect(all.get("birth")!.control).toEqual({ type: "date", precision: "month" });
    expect(all.get("fill_date")!.control).toMatchObject({ type: "date", precision: "day" });
    expect(all.get("domains")!.control).toMatchObject({ type: "checkboxes" });
    expect(all.get("history")!.control).toMatchObject({ type: "history" });
    expect(all.get("main_deeds")!.control).toMatchObject({ type: "textarea" });
    expect(all.get("mobile")!.control).toMatchObject({ type: "text", inputMode: "tel" });
    expect(all.get("name")!.label).toBe("姓名");
    expect(all.get("native_place")!.help).toMatch(/旗/);
  });
  it("puts fields only for the summary table apart", () => {
    const f = formModel({ ...ordos.candidate_form, fields: [field({ id: "a" }), field({ id: "b", summary_only: true })], layout: null });
    expect(f.rows.flat().map((x) => x.id)).toEqual(["a"]);
    expect(f.summary.map((x) => x.id)).toEqual(["b"]);
    expect(model.summary.map((x) => x.id)).toContain("specialty");
  });
  it("lays out a form without a layout one field a row, photo aside", () => {
    const f = formModel({ title: "T", name_field: "a", note: null, fields: [field({ id: "a" }), field({ id: "p", kind: "photo", slot: "id_photo" })], layout: null });
    expect(f.rows).toHaveLength(1);
    expect(f.photo?.field.id).toBe("p");
  });
  it("marks fields signed on paper", () => {
    expect(formModel({ title: "T", name_field: "a", note: null, fields: [field({ id: "sig", on_paper: true })], layout: null }).rows[0][0].control).toEqual({ type: "paper" });
  });
  it("maps every field kind of every built-in profile", () => {
    const dir = new URL("../test/", import.meta.url).pathname;
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".json"))) {
      const p: Profile = JSON.parse(readFileSync(join(dir, f), "utf8"));
      for (const fd of p.candidate_form.fields) expect(control(fd).type).toBeTruthy();
    }
  });
});

describe("helpers", () => {
  it("completion", () => {
    expect(completion(3, 4)).toBe(0.75);
    expect(completion(0, 0)).toBe(1);
  });
  it("plain labels", () => expect(plain("姓\u3000\u3000名")).toBe("姓名"));
});
