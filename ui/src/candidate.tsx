import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, type Profile } from "./api";
import type { CandidateView } from "./bindings/CandidateView";
import type { FileView } from "./bindings/FileView";
import type { FindingView } from "./bindings/FindingView";
import type { Slot } from "./bindings/Slot";
import type { Column } from "./bindings/Column";
import type { FieldWords } from "./bindings/FieldWords";
import type { DateCell } from "./bindings/DateCell";
import { lang, t } from "./i18n";
import { guard, mb } from "./state";
import { formModel, type FieldModel } from "./form";
import type { Editor } from "./unit";
import { useTask } from "./task";

/** A field's value as being edited, and whether the core says it must be filled (given the others). */
export function read(editor: Editor, candidate: number | null, m: FieldModel, required: string[]) {
  // Date cells as the core read them: the field's own, or its table's (`history/0/from`).
  const cells = m.control.type === "date" || m.control.type === "history" ? editor.dates(candidate, m.id) : undefined;
  return { value: editor.value(candidate, m.id), required: required.includes(m.id), cells };
}

export function CandidateForm(props: {
  profile: Profile;
  candidate: CandidateView;
  editor: Editor;
  findings: FindingView[];
  rev: number;
  onRemove: () => void;
}) {
  const { profile, candidate, editor } = props;
  const model = useMemo(() => formModel(profile.candidate_form), [profile]);
  const photoSlot = model.photo ? profile.candidate_slots.find((s) => s.id === (model.photo!.field.control as { slot?: string }).slot) : undefined;
  const otherSlots = profile.candidate_slots.filter((s) => s !== photoSlot);
  return (
    <section class="sheet paper" data-testid="candidate-form">
      <div class="sheet-head">
        <h2>
          {profile.candidate_form.title}
          <span class="muted"> · {candidate.name || t("cand-unnamed")}</span>
        </h2>
        <button class="ghost danger" onClick={props.onRemove}>
          {t("cand-remove")}
        </button>
      </div>
      {profile.candidate_form.note && <p class="note">{profile.candidate_form.note}</p>}
      {model.cover.length > 0 && (
        <fieldset class="cover">
          <legend>{t("cand-cover")}</legend>
          <div class="grid">
            {model.cover.map((m) => (
              <div class="row" key={m.id}>
                <FieldRow model={m} candidate={candidate.id} editor={editor} {...read(editor, candidate.id, m, candidate.required_fields)} />
              </div>
            ))}
          </div>
        </fieldset>
      )}
      <fieldset class="table-form">
        <legend>{t("cand-table")}</legend>
        <div class={`grid ${model.photo ? "with-photo" : ""}`}>
          {model.photo && photoSlot && (
            <div class="photo-cell" style={{ gridRow: `span ${model.photo.rows}` }} data-field={`${candidate.id}:${model.photo.field.id}`}>
              <PhotoCell slot={photoSlot} label={model.photo.label} candidate={candidate} editor={editor} />
            </div>
          )}
          {model.rows.map((row, i) => (
            <div class={`row ${model.photo && i < model.photo.rows ? "beside-photo" : ""}`} key={i}>
              {row.map((m) => (
                <FieldRow key={m.id} model={m} candidate={candidate.id} editor={editor} {...read(editor, candidate.id, m, candidate.required_fields)} />
              ))}
            </div>
          ))}
        </div>
      </fieldset>
      {model.summary.length > 0 && (
        <fieldset class="summary-fields">
          <legend>{t("cand-summary-only")}</legend>
          <div class="grid">
            {model.summary.map((m) => (
              <div class="row" key={m.id}>
                <FieldRow model={m} candidate={candidate.id} editor={editor} {...read(editor, candidate.id, m, candidate.required_fields)} />
              </div>
            ))}
          </div>
        </fieldset>
      )}
      <fieldset class="files-set">
        <legend>{t("cand-attachments")}</legend>
        <p class="muted small">{t("files-original")}</p>
        <Slots slots={otherSlots} files={candidate.files} candidate={candidate.id} editor={editor} />
      </fieldset>
    </section>
  );
}

/** One field: label, control, 填表说明 beside it. The value comes as a prop (read by the form with
 * `editor.value`): @preact/signals skips re-rendering a component whose props did not change, so a field
 * must not read mutable state on its own. */
export function FieldRow({ model, candidate, editor, value, required, cells }: { model: FieldModel; candidate: number | null; editor: Editor; value: unknown; required: boolean; cells?: Record<string, DateCell | undefined> }) {
  const id = `f-${candidate ?? "u"}-${model.id}`;
  const set = (v: unknown) => editor.edit(candidate, model.id, v);
  return (
    <div class={`field ${model.wide ? "wide" : ""} kind-${model.control.type}`} data-field={`${candidate ?? "u"}:${model.id}`}>
      <label for={id} class="field-label">
        {model.label}
        {required && <span class="req" aria-label={t("field-required-mark")}>＊</span>}
      </label>
      <div class="field-control">
        <Control id={id} model={model} value={value} set={set} unit={editor.unit} cells={cells ?? {}} />
        {model.help && <p class="help">{model.help}</p>}
      </div>
    </div>
  );
}

function Control({ id, model, value, set, unit, cells }: { id: string; model: FieldModel; value: unknown; set: (v: unknown) => void; unit: number; cells: Record<string, DateCell | undefined> }) {
  const c = model.control;
  const str = typeof value === "string" ? value : value == null ? "" : String(value);
  switch (c.type) {
    case "text":
      return <input id={id} type="text" inputMode={c.inputMode} value={str} onInput={(e) => set(e.currentTarget.value)} autocomplete="off" />;
    case "textarea":
      return <LongText id={id} value={str} set={set} control={c} unit={unit} field={model.id} />;
    case "date":
      return (
        <DatePicker
          id={id}
          value={str}
          cell={cells[model.id]}
          precision={c.precision}
          set={set}
          compose={(y, m, d) => api.dateText(unit, model.id, null, y, m, d)}
        />
      );
    case "select":
      return (
        <select id={id} value={str} onChange={(e) => set(e.currentTarget.value)}>
          <option value="">{t("field-choose")}</option>
          {c.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
          {str && !c.options.includes(str) && <option value={str}>{str}</option>}
        </select>
      );
    case "checkboxes": {
      const chosen = Array.isArray(value) ? (value as string[]) : str ? [str] : [];
      return (
        <div class="checks" role="group" aria-labelledby={id}>
          {c.options.map((o) => (
            <label key={o} class="check">
              <input
                type="checkbox"
                checked={chosen.includes(o)}
                onChange={(e) => set(e.currentTarget.checked ? [...chosen, o] : chosen.filter((x) => x !== o))}
              />
              {o}
            </label>
          ))}
          <span class="muted small">
            {t("select-count", { n: chosen.length })}
            {c.max != null && ` · ${t("select-rule", { min: c.min, max: c.max })}`}
          </span>
        </div>
      );
    }
    case "history":
      return <HistoryTable id={id} field={model.id} unit={unit} cells={cells} rows={Array.isArray(value) ? (value as Record<string, string>[]) : []} columns={c.columns} set={set} />;
    case "paper":
      return <p class="paper-note">{t("field-paper")}</p>;
    case "photo":
      return null;
  }
}

/** Long text with a live 字数 counter: the count, the limit and the verdict all come from the core,
 * which counts as Word counts and judges as the check does. */
function LongText({ id, value, set, control, unit, field }: { id: string; value: string; set: (v: string) => void; control: Extract<FieldModel["control"], { type: "textarea" }>; unit: number; field: string }) {
  const [w, setW] = useState<FieldWords | null>(null);
  const timer = useRef(0);
  useEffect(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(async () => {
      const r = await guard(() => api.fieldWords(unit, field, value));
      if (r) setW(r);
    }, 120);
  }, [value, lang.value]);
  const state = w?.state ?? "empty";
  const mark = state === "ok" ? " ✓" : state === "over" ? " ✗" : "";
  return (
    <div class="longtext">
      <textarea id={id} value={value} rows={Math.min(16, Math.max(4, Math.ceil(value.length / 60)))} onInput={(e) => set(e.currentTarget.value)} />
      <div class={`counter ${state}`} data-testid={`${id}-counter`} aria-live="polite">
        {t("words-count", { n: (w?.words ?? 0).toLocaleString("zh-CN") })} / {w?.rule || t("words-none")}
        {mark}
      </div>
      {control.template && !value && (
        <details class="template">
          <summary>{t("words-template")}</summary>
          <p>{control.template}</p>
        </details>
      )}
    </div>
  );
}

const THIS_YEAR = new Date().getFullYear();

/** Year / month / day selects. The core reads the stored value into its parts (`cell`, sent with the
 * view) and writes chosen parts in the notice's layout (`compose`): the window neither parses nor
 * formats a date. Until the view comes back with the saved value, the picker shows what was chosen. */
export function DatePicker({ id, value, cell, precision, set, compose, openEnd }: { id: string; value: string; cell: DateCell | undefined; precision: "day" | "month"; set: (v: string) => void; compose: (year: number, month: number | null, day: number | null) => Promise<string>; openEnd?: string[] }) {
  const [mine, setMine] = useState<{ v: string; y: number; m: number; d: number } | null>(null);
  const present = openEnd?.includes(value) ?? false;
  const [y, m, d] = mine && mine.v === value ? [mine.y, mine.m, mine.d] : [cell?.year ?? 0, cell?.month ?? 0, cell?.day ?? 0];
  const emit = async (year: number, month: number, day: number) => {
    const v = await guard(() => compose(year, month || null, precision === "day" ? day || null : null));
    if (v == null) return;
    setMine({ v, y: year, m: month, d: day });
    set(v);
  };
  const years = [];
  for (let i = THIS_YEAR + 1; i >= 1930; i--) years.push(i);
  return (
    <span class="date" role="group" aria-labelledby={id}>
      <select id={id} aria-label={t("date-year")} value={present ? "present" : y || ""} onChange={(e) => {
        const v = e.currentTarget.value;
        if (v === "present" && openEnd) set(openEnd[0]);
        else emit(Number(v), m || 1, precision === "day" ? d || 1 : 0);
      }}>
        <option value="">----</option>
        {openEnd && <option value="present">{openEnd[0]}</option>}
        {years.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      {!present && (
        <>
          <span>{t("date-year")}</span>
          <select aria-label={t("date-month")} value={m || ""} onChange={(e) => emit(y || THIS_YEAR, Number(e.currentTarget.value), precision === "day" ? d || 1 : 0)}>
            <option value="">--</option>
            {Array.from({ length: 12 }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {String(n).padStart(2, "0")}
              </option>
            ))}
          </select>
          <span>{t("date-month")}</span>
          {precision === "day" && (
            <>
              <select aria-label={t("date-day")} value={d || ""} onChange={(e) => emit(y || THIS_YEAR, m || 1, Number(e.currentTarget.value))}>
                <option value="">--</option>
                {Array.from({ length: 31 }, (_, i) => i + 1).map((n) => (
                  <option key={n} value={n}>
                    {String(n).padStart(2, "0")}
                  </option>
                ))}
              </select>
              <span>{t("date-day")}</span>
            </>
          )}
        </>
      )}
      {value && cell?.state === "unreadable" && !(mine && mine.v === value) && (
        <span class="raw" title={t("date-unreadable", { example: cell.fix ?? "" })}>
          {value}
        </span>
      )}
      {value && (
        <button type="button" class="ghost small clear" onClick={() => set("")}>
          {t("date-clear")}
        </button>
      )}
    </span>
  );
}

/** 学习工作经历: add, remove, reorder rows; date columns as pickers with 至今. */
function HistoryTable({ id, field, unit, cells, rows, columns, set }: { id: string; field: string; unit: number; cells: Record<string, DateCell | undefined>; rows: Record<string, string>[]; columns: Column[]; set: (v: unknown) => void }) {
  const update = (i: number, col: string, v: string) => set(rows.map((r, k) => (k === i ? { ...r, [col]: v } : r)));
  const move = (i: number, d: number) => {
    const next = [...rows];
    const [r] = next.splice(i, 1);
    next.splice(i + d, 0, r);
    set(next);
  };
  return (
    <div class="history" id={id}>
      <table class="table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.id}>{c.label}</th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length + 1} class="muted">
                {t("history-empty")}
              </td>
            </tr>
          )}
          {rows.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c.id}>
                  {c.kind === "year_month" || c.kind === "date" ? (
                    <DatePicker
                      id={`${id}-${i}-${c.id}`}
                      value={r[c.id] ?? ""}
                      cell={cells[`${field}/${i}/${c.id}`]}
                      precision={c.kind === "date" ? "day" : "month"}
                      openEnd={c.open_end?.length ? c.open_end : undefined}
                      set={(v) => update(i, c.id, v)}
                      compose={(y, m, d) => api.dateText(unit, field, c.id, y, m, d)}
                    />
                  ) : (
                    <input type="text" aria-label={c.label} value={r[c.id] ?? ""} onInput={(e) => update(i, c.id, e.currentTarget.value)} />
                  )}
                </td>
              ))}
              <td class="row-actions">
                <button type="button" class="ghost small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t("history-up")}>
                  ↑
                </button>
                <button type="button" class="ghost small" disabled={i === rows.length - 1} onClick={() => move(i, 1)} aria-label={t("history-down")}>
                  ↓
                </button>
                <button type="button" class="ghost small danger" onClick={() => set(rows.filter((_, k) => k !== i))} aria-label={t("history-remove")}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" class="ghost" onClick={() => set([...rows, {}])}>
        ＋ {t("history-add")}
      </button>
    </div>
  );
}

function PhotoCell({ slot, label, candidate, editor }: { slot: Slot; label: string; candidate: CandidateView; editor: Editor }) {
  const files = candidate.files.filter((f) => f.slot === slot.id);
  return <SlotBox slot={slot} files={files} candidate={candidate.id} editor={editor} compact label={label} />;
}

/** Drop zones, one per slot. */
export function Slots({ slots, files, candidate, editor }: { slots: Slot[]; files: FileView[]; candidate: number | null; editor: Editor }) {
  return (
    <div class="slots">
      {slots.map((s) => (
        <SlotBox key={s.id} slot={s} files={files.filter((f) => f.slot === s.id)} candidate={candidate} editor={editor} />
      ))}
    </div>
  );
}

function SlotBox({ slot, files, candidate, editor, compact, label }: { slot: Slot; files: FileView[]; candidate: number | null; editor: Editor; compact?: boolean; label?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // Copying a large video into the workspace takes a while: bytes and a cancel are shown meanwhile.
  const work = useTask();
  const busy = work.busy;
  const attach = async (paths: string[]) => {
    const v = await work.run((task) => api.attach(task, editor.unit, candidate, slot.id, paths));
    if (v) editor.setView(v);
  };
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onDrop = (e: Event) => attach((e as CustomEvent<string[]>).detail);
    el.addEventListener("jianbao-drop", onDrop);
    return () => el.removeEventListener("jianbao-drop", onDrop);
  });
  const choose = async () => {
    const exts = slot.formats.flatMap((f) => (f === "jpeg" ? ["jpg", "jpeg"] : [f]));
    const picked = await guard(() => api.pick({ title: slot.label, kind: "files", filter: [slot.label, [...exts, ...exts.map((e) => e.toUpperCase())]] }));
    if (picked?.length) attach(picked);
  };
  const count = slot.count;
  const rule =
    count.min === 0 && count.max == null
      ? t("files-any")
      : count.max != null
      ? count.min === count.max
        ? t("files-count", { n: count.min })
        : t("files-rule", { min: count.min, max: count.max })
      : t("files-rule-min", { min: count.min });
  return (
    <div class={`slot ${compact ? "compact" : ""}`} ref={ref} data-drop="slot" data-slot={`${candidate ?? "u"}:${slot.id}`} data-testid={`slot-${slot.id}`}>
      <div class="slot-head">
        <strong>{label ?? slot.label}</strong>
        <span class="muted small">
          {rule} · {t("files-formats")} {slot.formats.length ? slot.formats.map((f) => f.toUpperCase()).join("/") : t("files-any-format")}
        </span>
      </div>
      {slot.help && !compact && <p class="help">{slot.help}</p>}
      <ul class="files">
        {files.map((f) => (
          <li key={f.id} class={`file ${f.verdict ?? "ok"}`} data-file={f.id}>
            {f.kind === "jpeg" ? <Thumb sha={f.sha256} alt={f.original_name} /> : <span class="file-icon">{f.kind.toUpperCase()}</span>}
            <div class="file-info">
              <span class="file-name" title={f.original_name}>
                {f.original_name}
              </span>
              <span class="facts">{f.facts || mb(f.size)}</span>
              <span class="muted small">
                {t("files-will-be")} <code>{f.packet_name}</code>
              </span>
              <span class={`chip ${f.verdict ?? "ok"}`}>{f.verdict === "error" ? t("files-error") : f.verdict === "warning" ? t("files-warning") : t("files-ok")}</span>
              {f.messages.map((m, i) => (
                <span key={i} class={`file-msg ${f.verdict}`}>
                  {m}
                </span>
              ))}
            </div>
            <button
              class="ghost small danger"
              onClick={async () => {
                const v = await guard(() => api.detach(editor.unit, f.id));
                if (v) editor.setView(v);
              }}
            >
              {t("files-remove")}
            </button>
          </li>
        ))}
      </ul>
      {count.max != null && files.length >= count.max ? (
        // Full: no drop zone inviting one more file than the notice allows.
        <p class="muted small full">{t("files-full", { n: count.max })}</p>
      ) : (
        <div class="dropzone">
          {busy && <span class="muted" role="status">{t("files-copying")}</span>}
          {work.view}
          <span>{t("files-drop")}</span>
          <button type="button" class="ghost" onClick={choose} data-testid={`choose-${slot.id}`}>
            {t("files-choose")}
          </button>
        </div>
      )}
    </div>
  );
}

const thumbs = new Map<string, string>();

function Thumb({ sha, alt }: { sha: string; alt: string }) {
  const [url, setUrl] = useState<string | null>(thumbs.get(sha) ?? null);
  useEffect(() => {
    if (thumbs.has(sha)) return;
    let live = true;
    api
      .thumbnail(sha)
      .then((buf) => {
        const u = URL.createObjectURL(new Blob([buf], { type: "image/jpeg" }));
        thumbs.set(sha, u);
        if (live) setUrl(u);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [sha]);
  return url ? <img class="thumb" src={url} alt={alt} /> : <span class="thumb placeholder" aria-hidden="true" />;
}
