import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, type Profile, type UnitView } from "./api";
import type { FindingView } from "./bindings/FindingView";
import type { DateCell } from "./bindings/DateCell";
import { FindingClause } from "./clause";
import { t } from "./i18n";
import { guard, home, refreshHome, route, clock, when } from "./state";
import { TopBar } from "./app";
import { CandidateForm, FieldRow, read, Slots } from "./candidate";
import { formModel } from "./form";
import { ExportWizard } from "./export";
import { Preview } from "./preview";
import { Rules } from "./rules";

export type Section =
  | { kind: "rules" }
  | { kind: "unit" }
  | { kind: "candidate"; id: number }
  | { kind: "unitDocs" }
  | { kind: "findings" }
  | { kind: "preview" }
  | { kind: "export" };

/** Values being typed but not yet saved, by `candidate:field` (`u:field` for the unit form). */
export interface Editor {
  value(candidate: number | null, field: string): unknown;
  /** The date cells the core read from a field's saved value: its own (`birth`) and its table's (`history/0/from`). */
  dates(candidate: number | null, field: string): Record<string, DateCell | undefined>;
  edit(candidate: number | null, field: string, value: unknown): void;
  setView(v: UnitView): void;
  unit: number;
}

export function UnitWorkspace({ unitId }: { unitId: number }) {
  const [view, setView] = useState<UnitView | null>(null);
  const [profile, setProfile] = useState<Profile | null>(null);
  const [section, setSection] = useState<Section>({ kind: "unit" });
  const [wizard, setWizard] = useState(false);
  // Until the secretary asks for the check (or starts the export), what is only not filled in yet
  // counts as left to fill, not as an error.
  const [checked, setChecked] = useState(false);
  const shownErrors = (f: FindingView[]) => f.filter((x) => x.severity === "error" && (checked || !x.pending)).length;
  const [rev, force] = useState(0);
  const drafts = useRef(new Map<string, unknown>());
  const timers = useRef(new Map<string, number>());
  const pending = useRef(new Set<string>());
  const chain = useRef<Promise<void>>(Promise.resolve());

  const load = async () => {
    const v = await guard(() => api.unit(unitId));
    if (!v) return;
    const p = await guard(() => api.profile(v.profile_id));
    if (!p) return;
    setProfile(p);
    setView(v);
    if (v.candidates.length > 0) setSection((s) => (s.kind === "unit" && v.candidates.length ? { kind: "candidate", id: v.candidates[0].id } : s));
  };
  useEffect(() => {
    load();
    const relang = () => load();
    window.addEventListener("jianbao-lang", relang);
    return () => window.removeEventListener("jianbao-lang", relang);
  }, [unitId]);

  const editor: Editor = useMemo(
    () => ({
      unit: unitId,
      setView,
      value(candidate, field) {
        const k = `${candidate ?? "u"}:${field}`;
        if (drafts.current.has(k)) return drafts.current.get(k);
        const v = viewRef.current;
        if (!v) return undefined;
        if (candidate == null) return v.fields[field];
        return v.candidates.find((c) => c.id === candidate)?.fields[field];
      },
      dates(candidate, field) {
        const v = viewRef.current;
        const all = (candidate == null ? v?.dates : v?.candidates.find((c) => c.id === candidate)?.dates) ?? {};
        return Object.fromEntries(Object.entries(all).filter(([k]) => k === field || k.startsWith(`${field}/`)));
      },
      edit(candidate, field, value) {
        const k = `${candidate ?? "u"}:${field}`;
        const clean = value === "" || (Array.isArray(value) && value.length === 0) ? null : value;
        drafts.current.set(k, value);
        pending.current.add(k);
        force((n) => n + 1);
        window.clearTimeout(timers.current.get(k));
        timers.current.set(
          k,
          window.setTimeout(() => {
            // Saves go one after another, in the order they were typed (commands run on worker threads).
            chain.current = chain.current.then(async () => {
              const v = await guard(() =>
                candidate == null
                  ? api.setUnitField(unitId, field, clean)
                  : api.setCandidateField(unitId, candidate, field, clean),
              );
              pending.current.delete(k);
              if (drafts.current.get(k) === value) drafts.current.delete(k);
              if (v) setView(v);
              else force((n) => n + 1);
            });
          }, 400),
        );
      },
    }),
    [unitId],
  );
  const viewRef = useRef<UnitView | null>(null);
  viewRef.current = view;

  if (!view || !profile) return <div class="loading">{t("common-working")}</div>;

  const jump = (f: FindingView) => {
    if (f.candidate != null) setSection({ kind: "candidate", id: f.candidate });
    else if (f.field && profile.unit_form.fields.some((x) => x.id === f.field)) setSection({ kind: "unit" });
    else if (f.file != null || f.slot) setSection(f.candidate != null ? { kind: "candidate", id: f.candidate } : { kind: "unitDocs" });
    else setSection({ kind: "rules" });
    window.setTimeout(() => {
      const sel =
        f.file != null
          ? `[data-file="${f.file}"]`
          : f.field
            ? `[data-field="${f.candidate ?? "u"}:${f.field}"]`
            : f.slot
              ? `[data-slot="${f.candidate ?? "u"}:${f.slot}"]`
              : null;
      const el = sel ? document.querySelector<HTMLElement>(sel) : null;
      if (el) {
        el.scrollIntoView({ block: "center" });
        el.classList.add("flash");
        el.querySelector<HTMLElement>("input, select, textarea, button")?.focus();
        window.setTimeout(() => el.classList.remove("flash"), 2000);
      }
    }, 60);
  };

  const quotaMax = profile.quota.max;
  const saving = pending.current.size > 0;
  const addCandidate = async () => {
    const v = await guard(() => api.addCandidate(unitId));
    if (v) {
      setView(v);
      setSection({ kind: "candidate", id: v.candidates[v.candidates.length - 1].id });
      refreshHome();
    }
  };
  const navItem = (s: Section, label: string, extra?: preact.ComponentChildren, testid?: string) => (
    <button
      class={`nav-item ${sameSection(section, s) ? "active" : ""}`}
      aria-current={sameSection(section, s) ? "page" : undefined}
      onClick={() => setSection(s)}
      data-testid={testid}
    >
      <span class="label">{label}</span>
      {extra}
    </button>
  );
  const candidate = section.kind === "candidate" ? view.candidates.find((c) => c.id === section.id) : undefined;

  return (
    <>
      <TopBar title={profile.title} />
      {view.forwarded_from.length > 0 && (
        <div class="banner slim forwarded" data-testid="forwarded-banner">
          <span class="badge">{t("unit-forwarded")}</span>
          <span>
            {view.forwarded_from
              .map((o) => t(o.evidence ? "unit-forwarded-from" : "unit-forwarded-no-evidence", { unit: o.unit, key: o.key_id, names: o.names.join("、") }))
              .join(" ")}
          </span>
        </div>
      )}
      {view.sample && (
        <div class="banner sample slim" data-testid="sample-banner">
          <span class="badge">{t("sample-badge")}</span>
          <span>{t("sample-banner")}</span>
          <button
            class="ghost"
            onClick={async () => {
              await guard(async () => (home.value = await api.removeUnit(unitId)));
              route.value = { page: "start" };
            }}
          >
            {t("sample-remove")}
          </button>
        </div>
      )}
      <div class="workspace">
        <nav class="sidebar" aria-label={profile.short_title}>
          {navItem({ kind: "rules" }, t("nav-rules"), undefined, "nav-rules")}
          {navItem({ kind: "unit" }, t("nav-unit"), <Counts f={view.findings.filter((f) => f.candidate == null && !!f.field && (checked || !f.pending))} />, "nav-unit")}
          <div class="nav-group">
            <span class="group-label">{t("nav-candidates")}</span>
            <span class="quota" data-testid="quota">
              {quotaMax != null ? t("quota", { n: view.candidates.length, max: quotaMax }) : t("quota-nomax", { n: view.candidates.length })}
            </span>
          </div>
          {view.candidates.map((c) =>
            navItem(
              { kind: "candidate", id: c.id },
              c.name || t("cand-unnamed"),
              <span class="cand-meta">
                <Ring value={c.required ? c.filled / c.required : 1} />
                <Counts e={shownErrors(view.findings.filter((f) => f.candidate === c.id))} w={c.warnings} />
              </span>,
              `nav-candidate-${c.key}`,
            ),
          )}
          <button class="nav-add" onClick={addCandidate} data-testid="add-candidate">
            ＋ {t("cand-add")}
          </button>
          {navItem({ kind: "unitDocs" }, t("nav-unit-docs"), undefined, "nav-unitdocs")}
          {navItem({ kind: "preview" }, t("nav-preview"), undefined, "nav-preview")}
          {navItem({ kind: "findings" }, t("nav-findings"), <Counts e={checked ? view.errors : view.errors - view.to_fill} w={view.warnings} />, "nav-findings")}
          {navItem({ kind: "export" }, t("nav-export"), undefined, "nav-export")}
        </nav>
        <main class="content" id="content" tabIndex={0}>
          {section.kind === "rules" && <Rules profile={profile} />}
          {section.kind === "unit" && <UnitForm profile={profile} editor={editor} view={view} rev={rev} />}
          {section.kind === "candidate" && candidate && (
            <CandidateForm
              key={candidate.id}
              profile={profile}
              candidate={candidate}
              editor={editor}
              rev={rev}
              findings={view.findings.filter((f) => f.candidate === candidate.id)}
              onRemove={async () => {
                if (!confirm(t("cand-remove-confirm", { name: candidate.name || t("cand-unnamed") }))) return;
                const v = await guard(() => api.removeCandidate(unitId, candidate.id));
                if (v) {
                  setView(v);
                  setSection(v.candidates[0] ? { kind: "candidate", id: v.candidates[0].id } : { kind: "unit" });
                  refreshHome();
                }
              }}
            />
          )}
          {section.kind === "unitDocs" && (
            <section class="sheet">
              <h2>{t("nav-unit-docs")}</h2>
              <Slots slots={profile.unit_slots} files={view.documents} candidate={null} editor={editor} />
              {profile.summary && (
                <div class="card">
                  <h3>{profile.summary.title}</h3>
                  <p class="muted">{t("unitdocs-summary-help")}</p>
                  <button class="ghost" onClick={() => setSection({ kind: "preview" })}>
                    {t("nav-preview")}
                  </button>
                </div>
              )}
            </section>
          )}
          {section.kind === "findings" && <Findings view={view} onJump={jump} checked={checked} onCheck={() => setChecked(true)} />}
          {section.kind === "preview" && <Preview unit={unitId} profile={profile} />}
          {section.kind === "export" && <ExportPanel view={view} onStart={() => { setChecked(true); setWizard(true); }} />}
        </main>
        <aside class="findings-rail" aria-label={t("findings-title")}>
          <Findings view={view} onJump={jump} compact checked={checked} onCheck={() => setChecked(true)} />
        </aside>
      </div>
      <StatusBar view={view} saving={saving} checked={checked} />
      {wizard && (
        <ExportWizard
          view={view}
          profile={profile}
          onClose={async () => {
            setWizard(false);
            setChecked(true);
            const v = await guard(() => api.unit(unitId));
            if (v) setView(v);
          }}
          onFix={(f) => {
            setWizard(false);
            if (f) jump(f);
          }}
        />
      )}
    </>
  );
}

function sameSection(a: Section, b: Section) {
  return a.kind === b.kind && (a.kind !== "candidate" || (b.kind === "candidate" && a.id === b.id));
}

export function Counts({ e, w, f }: { e?: number; w?: number; f?: FindingView[] }) {
  const errors = f ? f.filter((x) => x.severity === "error").length : (e ?? 0);
  const warnings = f ? f.filter((x) => x.severity === "warning").length : (w ?? 0);
  if (!errors && !warnings) return <span class="count ok" aria-label={t("findings-none")}>✓</span>;
  return (
    <span class="counts">
      {errors > 0 && <span class="count error" title={t("findings-errors", { n: errors })}>{errors}</span>}
      {warnings > 0 && <span class="count warning" title={t("findings-warnings", { n: warnings })}>{warnings}</span>}
    </span>
  );
}

export function Ring({ value }: { value: number }) {
  const r = 7;
  const c = 2 * Math.PI * r;
  return (
    <svg class="ring" width="18" height="18" viewBox="0 0 18 18" role="img" aria-label={`${Math.round(value * 100)}%`}>
      <circle cx="9" cy="9" r={r} class="ring-bg" />
      <circle cx="9" cy="9" r={r} class="ring-fg" stroke-dasharray={`${c * value} ${c}`} transform="rotate(-90 9 9)" />
    </svg>
  );
}

function UnitForm({ profile, editor, view }: { profile: Profile; editor: Editor; view: UnitView; rev: number }) {
  const model = useMemo(() => formModel(profile.unit_form), [profile]);
  const all = [...model.cover.map((f) => [f]), ...model.rows];
  return (
    <section class="sheet" data-testid="unit-form">
      <h2>{profile.unit_form.title}</h2>
      {profile.unit_form.note && <p class="note">{profile.unit_form.note}</p>}
      <div class="grid">
        {all.map((row, i) => (
          <div class="row" key={i}>
            {row.map((m) => (
              <FieldRow key={m.id} model={m} candidate={null} editor={editor} {...read(editor, null, m, view.required_fields)} />
            ))}
          </div>
        ))}
      </div>
    </section>
  );
}

export function Findings({
  view,
  onJump,
  compact,
  checked = true,
  onCheck,
}: {
  view: UnitView;
  onJump: (f: FindingView) => void;
  compact?: boolean;
  checked?: boolean;
  onCheck?: () => void;
}) {
  const names = new Map(view.candidates.map((c) => [c.id, c.name || t("cand-unnamed")]));
  const todo = checked ? [] : view.findings.filter((f) => f.pending);
  const problems = checked ? view.findings : view.findings.filter((f) => !f.pending);
  const item = (f: FindingView, i: number, cls: string) => (
    <li key={i} class={`finding ${cls}`}>
      <button onClick={() => onJump(f)} data-code={f.code} class="finding-button">
        <span class={`dot ${cls}`} aria-hidden="true" />
        <span class="who">{f.candidate != null ? names.get(f.candidate) : t("findings-unit")}</span>
        <span class="msg">
          {compact && f.authority === "advice" && <span class="chip authority advice">{t("authority-advice")}</span>}
          {f.message}
        </span>
      </button>
      {!compact && f.clause && <FindingClause authority={f.authority} clause={f.clause} />}
    </li>
  );
  const errors = checked ? view.errors : view.errors - view.to_fill;
  return (
    <section class={compact ? "findings compact" : "findings sheet"} data-testid={compact ? "findings-rail" : "findings"}>
      <h2>
        {t("findings-title")} <Counts e={errors} w={view.warnings} />
      </h2>
      {!checked && onCheck && view.to_fill > 0 && (
        <button class="ghost small" onClick={onCheck} data-testid="check-all">
          {t("findings-check-all")}
        </button>
      )}
      {problems.length === 0 && todo.length === 0 && <p class="ok-text">{t("findings-none")}</p>}
      {problems.length === 0 && todo.length > 0 && <p class="ok-text">{t("findings-none-yet")}</p>}
      <ul>{problems.map((f, i) => item(f, i, f.severity))}</ul>
      {todo.length > 0 && (
        <details class="todo" open={!compact} data-testid="to-fill">
          <summary>{t("findings-to-fill", { n: todo.length })}</summary>
          <ul>{todo.map((f, i) => item(f, i, "todo"))}</ul>
        </details>
      )}
    </section>
  );
}

function StatusBar({ view, saving, checked }: { view: UnitView; saving: boolean; checked: boolean }) {
  const h = home.value;
  const d = view.deadline;
  return (
    <footer class="statusbar" data-testid="statusbar">
      <span data-testid="saved">{saving ? t("common-working") : t("status-saved", { t: clock(view.updated_at) })}</span>
      {d && (
        <span class={d.days_left < 0 ? "late" : d.days_left <= 7 ? "near" : ""}>
          {d.days_left >= 0 ? t("status-days-left", { n: d.days_left }) : t("status-passed", { d: d.date })}
        </span>
      )}
      {view.as_of && <span class="muted">{t("status-as-of", { d: view.as_of })}</span>}
      <span>{h?.key ? t("status-key", { id: h.key.id }) : t("status-no-key")}</span>
      <span class="spacer" />
      {!checked && view.to_fill > 0 && (
        <span class="count-text todo" data-testid="status-to-fill">
          {t("findings-to-fill", { n: view.to_fill })}
        </span>
      )}
      <span class="count-text error">{t("findings-errors", { n: checked ? view.errors : view.errors - view.to_fill })}</span>
      <span class="count-text warning">{t("findings-warnings", { n: view.warnings })}</span>
    </footer>
  );
}

function ExportPanel({ view, onStart }: { view: UnitView; onStart: () => void }) {
  return (
    <section class="sheet" data-testid="export-panel">
      <h2>{t("export-title")}</h2>
      <button class="primary big" onClick={onStart} data-testid="export-start">
        {t("export-start")}
      </button>
      <h3>{t("export-history")}</h3>
      {view.exports.length === 0 && <p class="muted">{t("export-no-history")}</p>}
      <table class="table">
        <tbody>
          {view.exports.map((e) => (
            <tr key={e.id}>
              <td class="nowrap">{when(e.at)}</td>
              <td class="nowrap">{t(`export-kind-${e.kind}` as "export-kind-bundle")}</td>
              <td class="path">{e.target}</td>
              <td>
                <button class="ghost" onClick={() => guard(() => api.openPath(e.target))}>
                  {t("wizard-open-folder")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
