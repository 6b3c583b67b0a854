// The candidate form, generated from the campaign profile: which control each field gets, in the
// paper form's order (the profile's layout rows), with the photo cell at the top right. Pure functions,
// tested with Vitest; the components only draw what these return.
import type { Field } from "./bindings/Field";
import type { Form } from "./bindings/Form";
import type { WordLimit } from "./bindings/WordLimit";
import type { Column } from "./bindings/Column";
import { authorityOf, citeText } from "./clause";

export type Control =
  | { type: "text"; inputMode: "text" | "tel" | "email" | "numeric"; maxWords?: number }
  | { type: "textarea"; words?: WordLimit; template?: string }
  | { type: "date"; precision: "day" | "month" }
  | { type: "select"; options: string[] }
  | { type: "checkboxes"; options: string[]; min: number; max: number | null }
  | { type: "history"; columns: Column[]; minRows: number; maxRows: number | null }
  | { type: "photo"; slot: string }
  | { type: "paper" };

export interface FieldModel {
  id: string;
  label: string;
  control: Control;
  required: boolean;
  /** Required only when another field has one of these values. */
  help?: string;
  clause?: string;
  /** Spans the whole row (long text, tables, lone fields). */
  wide: boolean;
}

export interface FormModel {
  /** Fields of the cover page (or any field the table layout does not place). */
  cover: FieldModel[];
  /** The table, row by row, as on paper. */
  rows: FieldModel[][];
  /** The photo cell: its field and how many rows it spans at the top right. */
  photo?: { field: FieldModel; rows: number; label: string };
  /** Fields printed only in the 汇总表 (专业专长…), filled here too. */
  summary: FieldModel[];
}


export function control(f: Field): Control {
  switch (f.kind) {
    case "long_text":
      return { type: "textarea", words: f.words ?? undefined, template: f.template_text ?? undefined };
    case "date":
      return { type: "date", precision: "day" };
    case "year_month":
      return { type: "date", precision: "month" };
    case "choice":
      return { type: "select", options: f.choices ?? [] };
    case "multi_choice":
      return { type: "checkboxes", options: f.choices ?? [], min: f.select?.min ?? 0, max: f.select?.max ?? null };
    case "history":
      return { type: "history", columns: f.columns ?? [], minRows: f.rows?.min ?? 0, maxRows: f.rows?.max ?? null };
    case "photo":
      return { type: "photo", slot: f.slot ?? "id_photo" };
    case "mobile":
    case "phone":
      return { type: "text", inputMode: "tel" };
    case "email":
      return { type: "text", inputMode: "email" };
    case "postcode":
      return { type: "text", inputMode: "numeric" };
    default:
      return { type: "text", inputMode: "text", maxWords: f.words?.max ?? undefined };
  }
}

export function fieldModel(f: Field): FieldModel {
  const c = f.on_paper ? ({ type: "paper" } as Control) : control(f);
  return {
    id: f.id,
    label: plain(f.label),
    control: c,
    // A field our advice asks for is suggested, not required: no required mark.
    required: f.required && authorityOf(f.clause) !== "advice",
    help: f.help ?? undefined,
    clause: citeText(f.clause),
    wide: c.type === "textarea" || c.type === "history" || c.type === "checkboxes" || c.type === "paper",
  };
}

/** `姓  名` → `姓名` (the template's spacing is for paper). */
export function plain(label: string): string {
  return label.replace(/[\s\u3000]+/g, "");
}

/** The form as the paper lays it out; fields only for the 汇总表 come apart, after it. */
export function formModel(form: Form): FormModel {
  const summary = form.fields.filter((f) => f.summary_only).map(fieldModel);
  const fields = form.fields.filter((f) => !f.summary_only);
  const byId = new Map(fields.map((f) => [f.id, f]));
  const layout = form.layout;
  const placed = new Set<string>();
  const rows: FieldModel[][] = [];
  let photo: FormModel["photo"];
  if (layout?.photo) {
    const pf = byId.get(layout.photo.field);
    if (pf) {
      photo = { field: fieldModel(pf), rows: layout.photo.rows, label: layout.photo.label };
      placed.add(pf.id);
    }
  }
  for (const row of layout?.rows ?? []) {
    const models = row.map((id) => byId.get(id)).filter((f): f is Field => !!f).map(fieldModel);
    if (models.length === 0) continue;
    if (models.length === 1) models[0].wide = true;
    models.forEach((m) => placed.add(m.id));
    rows.push(models);
  }
  const rest = fields.filter((f) => !placed.has(f.id)).map(fieldModel);
  if (!layout || rows.length === 0) {
    // No layout: one field a row, photo first.
    const photoField = rest.find((f) => f.control.type === "photo");
    return {
      cover: [],
      rows: rest.filter((f) => f !== photoField).map((f) => [f]),
      photo: photoField ? { field: photoField, rows: 4, label: photoField.label } : undefined,
      summary,
    };
  }
  return { cover: rest, rows, photo, summary };
}

/** Completion of a candidate as a fraction 0–1. */
export function completion(filled: number, required: number): number {
  return required === 0 ? 1 : Math.min(1, filled / required);
}
