import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, newTask, onProgress, type BundleRow, type ForwardReport, type OutputFile, type Profile, type ReviewView, type Snapshot, type UnitView } from "./api";
import type { ReviewCandidate } from "./bindings/ReviewCandidate";
import { t } from "./i18n";
import { guard, home, mb, refreshHome, route, when } from "./state";
import { TopBar } from "./app";
import { PdfView } from "./lazy";
import { plain } from "./form";
import { useTask } from "./task";
import type { Materials } from "./bindings/Materials";

type SortKey = "seq" | "name" | "gender" | "unit" | "domain" | "problems";

export function ReviewWorkspace() {
  const [review, setReview] = useState<ReviewView | null>(null);
  const [lastImport, setLastImport] = useState<BundleRow[]>([]);
  const [progress, setProgress] = useState<Snapshot | null>(null);
  const [task, setTask] = useState<number | null>(null);
  const [unitFilter, setUnitFilter] = useState("");
  const [flags, setFlags] = useState({ problems: false, late: false, resubmitted: false, duplicate: false });
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: "seq", asc: true });
  const [detail, setDetail] = useState<ReviewCandidate | null>(null);
  const [written, setWritten] = useState<OutputFile[] | null>(null);
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [forwarding, setForwarding] = useState(false);
  const [materials, setMaterials] = useState<Materials | null>(null);
  const work = useTask();
  const drop = useRef<HTMLDivElement>(null);

  // Received units are re-checked with this workspace's rules (the first time per session): a
  // step per unit, with progress and a cancel, while the window stays usable.
  const load = async () => {
    const r = await work.run((task) => api.recheck(task));
    if (r) setReview(r);
  };
  useEffect(() => {
    load();
    const un = onProgress((s) => setProgress(s));
    return () => {
      un.then((f) => f());
    };
  }, []);
  const importPaths = async (paths: string[], acceptKeyChange = false) => {
    const id = newTask();
    setTask(id);
    const rows = await guard(() => api.importBundles(id, paths, acceptKeyChange));
    setTask(null);
    setProgress(null);
    if (rows) setLastImport(rows.filter((r) => r.id == null));
    await load();
    refreshHome();
  };
  useEffect(() => {
    const el = drop.current;
    if (!el) return;
    const f = (e: Event) => importPaths((e as CustomEvent<string[]>).detail);
    el.addEventListener("jianbao-drop", f);
    return () => el.removeEventListener("jianbao-drop", f);
  });
  const choose = async () => {
    const p = await guard(() => api.pick({ title: t("review-import"), kind: "files", filter: [t("review-bundle-files"), ["zip", "ZIP", "age"]] }));
    if (p?.length) importPaths(p);
  };

  const rows = useMemo(() => {
    if (!review) return [];
    const seq = new Map(review.candidates.map((c, i) => [c, i + 1]));
    let list = review.candidates.filter(
      (c) =>
        (!unitFilter || c.unit === unitFilter) &&
        (!flags.problems || c.problems.length > 0) &&
        (!flags.late || c.late) &&
        (!flags.resubmitted || c.resubmitted) &&
        (!flags.duplicate || c.duplicate_of != null),
    );
    const val = (c: ReviewCandidate): string | number =>
      sort.key === "seq" ? seq.get(c)! : sort.key === "problems" ? c.problems.length : (c[sort.key] as string);
    list = [...list].sort((a, b) => {
      const [x, y] = [val(a), val(b)];
      const r = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN");
      return sort.asc ? r : -r;
    });
    return list.map((c) => ({ c, seq: seq.get(c)! }));
  }, [review, unitFilter, flags, sort]);

  const units = review ? [...new Set(review.candidates.map((c) => c.unit))] : [];
  const header = (key: SortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.asc ? "ascending" : "descending") : "none"}>
      <button class="sort" onClick={() => setSort({ key, asc: sort.key === key ? !sort.asc : true })}>
        {label} {sort.key === key ? (sort.asc ? "▲" : "▼") : ""}
      </button>
    </th>
  );
  const latestIds = review?.bundles.filter((b) => b.id != null && !b.replaced).map((b) => b.id!) ?? [];

  return (
    <>
      <TopBar title={t("nav-review")} />
      <main class="review" data-testid="review">
        <div class="review-actions">
          <div class="dropzone big" ref={drop} data-drop="bundles" data-testid="bundle-drop">
            <span>{t("review-drop")}</span>
            <button class="primary" onClick={choose} data-testid="import-bundles" disabled={task != null}>
              {t("review-import")}
            </button>
          </div>
          <div class="actions">
            {review?.profiles.map((p) => (
              <button
                key={p}
                class="ghost"
                data-testid="export-summary"
                onClick={async () => {
                  const f = await guard(() => api.exportSummary(p));
                  if (f) setWritten(f);
                }}
              >
                {t("review-summary")}
                {review.profiles.length > 1 ? `（${p}）` : ""}
              </button>
            ))}
            {review && review.candidates.length > 0 && (
              <button
                class="ghost"
                data-testid="export-materials"
                disabled={work.busy}
                onClick={async () => {
                  setMaterials(null);
                  const m = await work.run((task) => api.exportMaterials(task, null));
                  if (m) setMaterials(m);
                }}
              >
                {t("review-materials")}
              </button>
            )}
            {latestIds.length > 0 && (
              <button
                class="ghost"
                data-testid="write-receipts"
                onClick={async () => {
                  if (!home.value?.key) {
                    await guard(() => api.createKey());
                    await refreshHome();
                  }
                  const f = await guard(() => api.writeReceipts(latestIds));
                  if (f) setWritten(f);
                }}
              >
                {t("review-receipts")}
              </button>
            )}
          </div>
        </div>
        {task != null && (
          <div class="progress-line">
            <span>{t("wizard-working", { file: progress?.file ?? "…" })}</span>
            <progress max={progress?.total || 1} value={progress?.done ?? 0} />
            <button class="ghost danger" onClick={() => api.cancel(task)}>
              {t("wizard-cancel")}
            </button>
          </div>
        )}
        {work.view}
        {materials && (
          <div class="ok-box" data-testid="materials-done">
            {t("review-materials-done", { n: materials.folders.length })}
            <ul class="plain small">
              {materials.folders.map((f) => (
                <li key={f.folder}>
                  <code>{f.folder}</code> <span class="muted">· {f.files.length}</span>
                </li>
              ))}
            </ul>
            <button class="ghost" onClick={() => guard(() => api.openPath(materials.dir))}>
              {t("wizard-open-folder")}
            </button>
          </div>
        )}
        {written && (
          <div class="ok-box" data-testid="written">
            {t("review-written")}
            <ul class="plain">
              {written.map((f) => (
                <li key={f.path}>
                  <code>{f.name}</code> <span class="muted">{mb(f.size)}</span>
                </li>
              ))}
            </ul>
            <button class="ghost" onClick={() => guard(() => api.openPath(written[0].path.replace(/[\\/][^\\/]*$/, "")))}>
              {t("wizard-open-folder")}
            </button>
          </div>
        )}
        <section class="panel">
          <h2>{t("review-bundles")}</h2>
          {review && review.bundles.length === 0 && lastImport.length === 0 && <p class="muted">{t("review-no-bundles")}</p>}
          <table class="table" data-testid="bundles">
            <thead>
              <tr>
                <th>{t("review-col-no")}</th>
                <th>{t("review-col-unit")}</th>
                <th>{t("review-col-received")}</th>
                <th>{t("review-col-signature")}</th>
                <th>{t("review-col-integrity")}</th>
                <th>{t("review-col-recheck")}</th>
                <th>{t("review-col-late")}</th>
                <th>{t("review-col-resubmit")}</th>
              </tr>
            </thead>
            <tbody>
              {[...lastImport, ...(review?.bundles ?? [])].map((b, i) => (
                <tr key={`${b.id ?? "x"}-${i}`} class={b.id == null ? "refused" : b.replaced ? "replaced" : ""}>
                  <td>{b.id ?? "—"}</td>
                  <td>
                    {b.unit || b.parts.join("，")}
                    {b.replaced && <span class="muted small"> · {t("review-replaced")}</span>}
                  </td>
                  <td class="nowrap">{b.received_at ? when(b.received_at) : "—"}</td>
                  <td>
                    <code>{b.key_id || "—"}</code>{" "}
                    {b.key_status && <span class={`chip ${b.key_status === "changed" ? "error" : "ok"}`}>{t(`review-key-${b.key_status}` as "review-key-same")}</span>}
                  </td>
                  <td>
                    {b.id != null ? (
                      <span class="chip ok">{t("review-intact")}</span>
                    ) : (
                      <>
                        <span class="chip error">{t("review-refused")}</span>
                        <ul class="plain small">
                          {b.refused.map((r, k) => (
                            <li key={k}>{r}</li>
                          ))}
                        </ul>
                        {b.key_change && (
                          <div class="key-change" data-testid="key-change">
                            <p class="small">
                              {t("review-key-change-before")} <code>{b.key_change.previous_key_id}</code>
                              <span class="muted">（{t("review-key-change-fingerprint")} {b.key_change.previous_fingerprint}）</span>
                              <br />
                              {t("review-key-change-now")} <code>{b.key_change.key_id}</code>
                              <span class="muted">（{t("review-key-change-fingerprint")} {b.key_change.fingerprint}）</span>
                            </p>
                            <p class="small">
                              {t("review-key-change-call", {
                                who: b.key_change.contact_name || b.unit,
                                phone: b.key_change.contact_phone || t("review-key-change-no-phone"),
                              })}
                            </p>
                            <button class="primary small" data-testid="accept-key-change" onClick={() => importPaths(b.key_change!.paths, true)}>
                              {t("review-key-change-accept")}
                            </button>
                          </div>
                        )}
                        {b.details.length > 0 && (
                          <details class="small muted">
                            <summary>{t("review-details")}</summary>
                            {b.details.join("；")}
                          </details>
                        )}
                      </>
                    )}
                    {b.chain.length > 0 && (
                      <ul class="plain small chain" data-testid="chain" aria-label={t("review-chain")}>
                        {b.chain.map((c, k) => (
                          <li key={k} class={c.ok ? "ok-text" : "error-text"}>
                            {c.ok ? "✓" : "✗"} {c.text}
                          </li>
                        ))}
                      </ul>
                    )}
                    {b.files.length > 0 && (
                      <details class="small">
                        <summary>{t("review-files", { ok: b.files.filter((f) => f.ok).length, n: b.files.length })}</summary>
                        <ul class="plain">
                          {b.files.map((f) => (
                            <li key={f.path} class={f.ok ? "ok-text" : "error-text"}>
                              {f.ok ? "✓" : "✗"} {f.path.replace(/^data\//, "")}
                            </li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </td>
                  <td>
                    {b.id != null && (
                      <span class={b.errors ? "error-text" : b.warnings ? "warning-text" : "ok-text"}>
                        {t("findings-errors", { n: b.errors })} · {t("findings-warnings", { n: b.warnings })}
                      </span>
                    )}
                    {b.problems.length > 0 && (
                      <ul class="plain small">
                        {b.problems.map((p, k) => (
                          <li key={k}>{p}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {b.late ? <span class="chip warning">{t("review-yes")}</span> : t("review-no")}
                    {b.example_as_of && (
                      <div class="muted small" data-testid="example-as-of">
                        {t("review-example-as-of", { d: b.example_as_of })}
                      </div>
                    )}
                  </td>
                  <td>
                    {b.previous_id != null ? (
                      <>
                        <span class="chip warning">{t("review-v2", { n: 2 })}</span>
                        <span class="small"> {b.changes.join("，")}</span>
                      </>
                    ) : (
                      t("review-no")
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section class="panel">
          <h2>{t("review-candidates")}</h2>
          <div class="filters" role="group" aria-label={t("review-candidates")}>
            <select value={unitFilter} onChange={(e) => setUnitFilter(e.currentTarget.value)} aria-label={t("review-col-unit")}>
              <option value="">{t("review-filter-unit")}</option>
              {units.map((u) => (
                <option key={u}>{u}</option>
              ))}
            </select>
            {(["problems", "late", "resubmitted", "duplicate"] as const).map((k) => (
              <label key={k} class="check">
                <input type="checkbox" checked={flags[k]} onChange={(e) => setFlags({ ...flags, [k]: e.currentTarget.checked })} />
                {t(`review-filter-${k}`)}
              </label>
            ))}
          </div>
          <div class="forward-bar">
            <span class="muted small">{picked.size > 0 ? t("review-picked", { n: picked.size }) : t("review-pick-hint")}</span>
            <button class="primary" disabled={picked.size === 0} onClick={() => setForwarding(true)} data-testid="forward">
              {t("review-forward")}
            </button>
          </div>
          <table class="table" data-testid="candidates">
            <thead>
              <tr>
                <th>
                  <span class="sr-only">{t("review-pick")}</span>
                </th>
                {header("seq", t("review-col-seq"))}
                {header("name", t("review-col-name"))}
                {header("gender", t("review-col-gender"))}
                {header("unit", t("review-col-unit"))}
                {header("domain", t("review-col-domain"))}
                {header("problems", t("review-col-problems"))}
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <tr>
                  <td colSpan={7} class="muted">
                    {t("review-no-candidates")}
                  </td>
                </tr>
              )}
              {rows.map(({ c, seq }) => (
                <tr key={`${c.unit_id}-${c.candidate_id}`} class="clickable" onClick={() => setDetail(c)}>
                  <td onClick={(e) => e.stopPropagation()}>
                    <input
                      type="checkbox"
                      aria-label={t("review-pick-one", { name: c.name })}
                      checked={picked.has(c.candidate_id)}
                      data-testid="pick-candidate"
                      onChange={(e) => {
                        const n = new Set(picked);
                        if (e.currentTarget.checked) n.add(c.candidate_id);
                        else n.delete(c.candidate_id);
                        setPicked(n);
                      }}
                    />
                  </td>
                  <td>{seq}</td>
                  <td>
                    <button class="link">{c.name}</button>
                  </td>
                  <td>{c.gender}</td>
                  <td>{c.unit}</td>
                  <td>{c.domain}</td>
                  <td>
                    {c.late && <span class="chip warning">{t("review-filter-late")}</span>}
                    {c.resubmitted && <span class="chip warning">{t("review-filter-resubmitted")}</span>}
                    {c.duplicate_of && <span class="chip error">{t("review-duplicate-of", { unit: c.duplicate_of })}</span>}
                    {c.problems.length > 0 && <span class={c.errors ? "error-text small" : "warning-text small"}> {c.problems.length}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <KnownKeys review={review} onChange={load} />
      </main>
      {detail && <Detail c={detail} onClose={() => setDetail(null)} />}
      {forwarding && review && (
        <ForwardDialog
          picked={review.candidates.filter((c) => picked.has(c.candidate_id))}
          onClose={() => setForwarding(false)}
        />
      )}
    </>
  );
}

/** 转报上级: the next level's campaign and this organiser's name, then what was carried over. */
function ForwardDialog({ picked, onClose }: { picked: ReviewCandidate[]; onClose: () => void }) {
  const profiles = home.value?.profiles ?? [];
  const [profile, setProfile] = useState(profiles[0]?.id ?? "");
  const [organiser, setOrganiser] = useState(home.value?.organiser ?? "");
  const [originals, setOriginals] = useState(false);
  const [report, setReport] = useState<ForwardReport | null>(null);
  const go = async () => {
    const r = await guard(() => api.forward(picked.map((c) => c.candidate_id), profile, organiser, originals));
    if (r) {
      setReport(r);
      refreshHome();
    }
  };
  return (
    <div class="modal-backdrop">
      <div class="modal" role="dialog" aria-modal="true" aria-label={t("review-forward")} data-testid="forward-dialog">
        <div class="modal-body">
          <h2>{t("review-forward-title")}</h2>
          {!report ? (
            <>
              <p>{t("review-forward-who", { names: picked.map((c) => `${c.name}（${c.unit}）`).join("、") })}</p>
              <label class="stack">
                {t("review-forward-profile")}
                <select value={profile} onChange={(e) => setProfile(e.currentTarget.value)} data-testid="forward-profile">
                  {profiles.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.title}
                    </option>
                  ))}
                </select>
              </label>
              <p class="muted small">{t("review-forward-profile-help")}</p>
              <label class="stack">
                {t("review-forward-organiser")}
                <input type="text" value={organiser} onInput={(e) => setOrganiser(e.currentTarget.value)} data-testid="forward-organiser" />
              </label>
              <p class="muted small">{t("review-forward-explain")}</p>
              <label class="check">
                <input type="checkbox" checked={originals} onChange={(e) => setOriginals(e.currentTarget.checked)} data-testid="forward-originals" />
                {t("review-forward-originals")}
              </label>
            </>
          ) : (
            <div data-testid="forward-report">
              <p class="ok-text">{t("review-forward-done", { n: report.candidates.length })}</p>
              {report.candidates.map((c, i) => (
                <section key={i} class="forward-candidate">
                  <h3>
                    {c.name} <span class="muted">· {c.unit}</span>
                  </h3>
                  <p class="small">{t("review-forward-carried", { fields: c.copied.filter((m) => m.code !== "forward-file").length, files: c.files })}</p>
                  {!c.evidence && <p class="error-text small">{t("review-forward-no-evidence")}</p>}
                  {originals && <p class="small">{t("review-forward-originals-done", { n: c.originals })}</p>}
                  {c.not_copied.length > 0 && (
                    <ul class="plain small">
                      {c.not_copied.map((m, k) => (
                        <li key={k} class={m.code === "forward-to-fill" || m.code === "forward-recommender" ? "" : "warning-text"}>
                          {m.message}
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              ))}
            </div>
          )}
        </div>
        <div class="modal-foot">
          <button class="ghost" onClick={onClose}>
            {report ? t("review-close") : t("wizard-back")}
          </button>
          {!report ? (
            <button class="primary" disabled={!profile} onClick={go} data-testid="forward-go">
              {t("review-forward-go")}
            </button>
          ) : (
            <button class="primary" onClick={() => (route.value = { page: "unit", unit: report.unit_id })} data-testid="forward-open">
              {t("review-forward-open")}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

function Detail({ c, onClose }: { c: ReviewCandidate; onClose: () => void }) {
  const [unit, setUnit] = useState<UnitView | null>(null);
  const [profile, setProfile] = useState<Profile | null>(null);
  const [pdf, setPdf] = useState<{ name: string; data: ArrayBuffer } | null>(null);
  useEffect(() => {
    guard(async () => {
      const u = await api.unit(c.unit_id);
      setUnit(u);
      setProfile(await api.profile(u.profile_id));
    });
  }, [c]);
  const cand = unit?.candidates.find((x) => x.id === c.candidate_id);
  const work = useTask();
  const showPdf = async () => {
    const files = await work.run((task) => api.preview(task, c.unit_id, null));
    const f = files?.find((x) => x.name.endsWith(".pdf") && x.name.includes(c.name) && x.name.startsWith("推荐表"));
    if (f) {
      const data = await guard(() => api.outputBytes(f.path));
      if (data) setPdf({ name: f.name, data });
    }
  };
  return (
    <div class="drawer" role="dialog" aria-label={t("review-detail")} data-testid="detail">
      <div class="drawer-head">
        <h2>
          {c.name} <span class="muted">· {c.unit}</span>
        </h2>
        <button class="ghost" onClick={onClose} data-testid="detail-close">
          {t("review-close")}
        </button>
      </div>
      {c.problems.length > 0 && (
        <ul class="plain">
          {c.problems.map((p, i) => (
            <li key={i} class="warning-text small">
              {p}
            </li>
          ))}
        </ul>
      )}
      {cand && profile && (
        <>
          <div class="thumbs">
            {cand.files
              .filter((f) => f.kind === "jpeg")
              .map((f) => (
                <DetailThumb key={f.id} sha={f.sha256} title={`${f.packet_name} · ${f.facts}`} />
              ))}
          </div>
          <dl class="fields">
            {profile.candidate_form.fields
              .filter((f) => f.kind !== "photo" && cand.fields[f.id] != null)
              .map((f) => (
                <div key={f.id}>
                  <dt>{plain(f.label)}</dt>
                  <dd>{show(cand.fields[f.id])}</dd>
                </div>
              ))}
          </dl>
          <button class="primary" onClick={showPdf} disabled={work.busy}>
            {t("review-pdf")}
          </button>
          {work.view}
          {pdf && <PdfView data={pdf.data} name={pdf.name} />}
        </>
      )}
    </div>
  );
}

function show(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => (typeof x === "object" && x ? Object.values(x).join(" ") : String(x))).join("；");
  return String(v ?? "");
}

function DetailThumb({ sha, title }: { sha: string; title: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    // The object URL is revoked when the thumbnail goes (or shows another file): no blob outlives it.
    let made: string | null = null;
    let gone = false;
    api
      .thumbnail(sha)
      .then((b) => {
        if (gone) return;
        made = URL.createObjectURL(new Blob([b], { type: "image/jpeg" }));
        setUrl(made);
      })
      .catch(() => {});
    return () => {
      gone = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [sha]);
  return url ? <img class="thumb large" src={url} alt={title} title={title} /> : null;
}

/** Units' registered keys, and registering one ahead of its bundles. */
function KnownKeys({ review, onChange }: { review: ReviewView | null; onChange: () => void }) {
  const [unit, setUnit] = useState("");
  const [replace, setReplace] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const register = async () => {
    setDone(null);
    const p = await guard(() => api.pick({ title: t("review-trust-pick"), kind: "file", filter: [t("review-trust-files"), ["pub"]] }));
    if (!p?.[0]) return;
    const k = await guard(() => api.trustKey(unit, p[0], replace));
    if (!k) return;
    setDone(
      k.replaced
        ? t("review-trusted-replaced", { unit: k.unit, old: k.replaced, key: k.key, fingerprint: k.fingerprint })
        : t("review-trusted", { unit: k.unit, key: k.key, fingerprint: k.fingerprint }),
    );
    setUnit("");
    setReplace(false);
    onChange();
  };
  return (
    <section class="panel" data-testid="known-keys">
      <h2>{t("review-keys")}</h2>
      <p class="muted small">{t("review-keys-help")}</p>
      {review && review.keys.length === 0 && <p class="muted">{t("review-keys-none")}</p>}
      {review && review.keys.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th>{t("review-col-unit")}</th>
              <th>{t("review-col-signature")}</th>
              <th>{t("review-col-fingerprint")}</th>
            </tr>
          </thead>
          <tbody>
            {review.keys.map((k) => (
              <tr key={k.unit}>
                <td>{k.unit}</td>
                <td>
                  <code>{k.key}</code>
                </td>
                <td>
                  <code class="small">{k.fingerprint || "—"}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="trust-form">
        <label>
          {t("review-trust-unit")}
          <input type="text" value={unit} onInput={(e) => setUnit((e.target as HTMLInputElement).value)} data-testid="trust-unit" />
        </label>
        <label class="check">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace((e.target as HTMLInputElement).checked)} />
          {t("review-trust-replace")}
        </label>
        <button class="ghost" disabled={!unit.trim()} onClick={register} data-testid="trust-key">
          {t("review-trust-pick")}
        </button>
      </div>
      {done && (
        <p class="ok-text" role="status" data-testid="trusted">
          {done}
        </p>
      )}
    </section>
  );
}
