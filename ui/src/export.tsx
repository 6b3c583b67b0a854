import { useEffect, useState } from "preact/hooks";
import { api, newTask, onProgress, type ExportDone, type OutputFile, type Profile, type Snapshot, type UnitView } from "./api";
import type { FindingView } from "./bindings/FindingView";
import { t } from "./i18n";
import { guard, home, mb, refreshHome } from "./state";

type Step = 1 | 2 | 3 | 4 | 5;

/** The export wizard: 检查 → 数字签名 → 报送方式 → 进度 → 完成. */
export function ExportWizard({ view, profile, onClose, onFix }: { view: UnitView; profile: Profile; onClose: () => void; onFix: (f?: FindingView) => void }) {
  const [step, setStep] = useState<Step>(1);
  const warnings = view.findings.filter((f) => f.severity === "warning");
  const errors = view.findings.filter((f) => f.severity === "error");
  const [acked, setAcked] = useState<Set<number>>(new Set());
  const [mode, setMode] = useState<"mail" | "usb">(profile.delivery.emails?.length ? "mail" : "usb");
  const [partMb, setPartMb] = useState(50);
  const [usbDir, setUsbDir] = useState<string | null>(null);
  const [progress, setProgress] = useState<Snapshot | null>(null);
  const [task, setTask] = useState<number | null>(null);
  const [done, setDone] = useState<ExportDone | null>(null);
  const [copied, setCopied] = useState<OutputFile[] | null>(null);
  const [phase, setPhase] = useState<"export" | "copy">("export");
  const [sealTo, setSealTo] = useState("");
  const key = home.value?.key;

  useEffect(() => {
    const un = onProgress((s) => setProgress((p) => (task != null && s.id === task ? s : p)));
    return () => {
      un.then((f) => f());
    };
  }, [task]);

  const run = async () => {
    setStep(4);
    const id = newTask();
    setTask(id);
    setPhase("export");
    const out = await guard(() =>
      api.exportBundle(id, view.id, {
        // USB sticks are often FAT32, whose largest file is 4 GiB − 1 byte.
        part_size: mode === "mail" ? Math.round(partMb * 1000 * 1000) : 4 * 1024 ** 3 - 1,
        accept_warnings: warnings.length > 0,
        encrypt_to: sealTo.trim() || null,
      }),
    );
    if (!out) {
      setStep(3);
      setTask(null);
      return;
    }
    setDone(out);
    if (mode === "usb" && usbDir) {
      const cid = newTask();
      setTask(cid);
      setPhase("copy");
      const c = await guard(() => api.copyToUsb(cid, view.id, out.parts.map((p) => p.file.path), usbDir));
      if (c) setCopied(c);
    }
    setTask(null);
    setStep(5);
  };

  const chooseUsb = async () => {
    const p = await guard(() => api.pick({ title: t("wizard-usb-folder"), kind: "folder" }));
    if (p?.[0]) setUsbDir(p[0]);
  };

  const steps: [Step, string][] = [
    [1, t("wizard-step1")],
    [2, t("wizard-step2")],
    [3, t("wizard-step3")],
    [4, t("wizard-step4")],
    [5, t("wizard-step5")],
  ];
  return (
    <div class="modal-backdrop">
      <div class="modal wizard" role="dialog" aria-modal="true" aria-label={t("export-title")} data-testid="wizard">
        <ol class="steps">
          {steps.map(([n, label]) => (
            <li key={n} class={n === step ? "current" : n < step ? "done" : ""}>
              <span class="n">{n}</span> {label}
            </li>
          ))}
        </ol>
        <div class="modal-body">
          {step === 1 && (
            <div data-testid="wizard-check">
              {errors.length > 0 ? (
                <>
                  <p class="error-text">{t("wizard-errors", { n: errors.length })}</p>
                  <ul class="plain">
                    {errors.map((f, i) => (
                      <li key={i}>
                        <button class="link" onClick={() => onFix(f)}>
                          {f.message}
                        </button>
                      </li>
                    ))}
                  </ul>
                </>
              ) : warnings.length === 0 ? (
                <p class="ok-text">{t("wizard-no-problems")}</p>
              ) : (
                <>
                  <p>{t("wizard-ack-all")}</p>
                  <ul class="plain">
                    {warnings.map((f, i) => (
                      <li key={i}>
                        <label class="check">
                          <input
                            type="checkbox"
                            checked={acked.has(i)}
                            onChange={(e) => {
                              const n = new Set(acked);
                              if (e.currentTarget.checked) n.add(i);
                              else n.delete(i);
                              setAcked(n);
                            }}
                          />
                          {f.message}
                        </label>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
          {step === 2 && (
            <div data-testid="wizard-key">
              <p>{t("wizard-key-explain")}</p>
              {key ? (
                <p class="key-id">
                  {t("wizard-key-id")}：<code data-testid="key-id">{key.id}</code>
                </p>
              ) : (
                <CreateKey />
              )}
            </div>
          )}
          {step === 3 && (
            <div class="delivery" data-testid="wizard-delivery">
              <label class="option">
                <input type="radio" name="mode" checked={mode === "mail"} onChange={() => setMode("mail")} data-testid="mode-mail" />
                <span>
                  <strong>{t("wizard-mail")}</strong>
                  <span class="muted"> {t("wizard-mail-help")}</span>
                  {profile.delivery.emails?.length ? <span class="muted"> · {profile.delivery.emails.join("，")}</span> : null}
                </span>
              </label>
              {mode === "mail" && (
                <label class="inline">
                  {t("wizard-part-size")}
                  <input type="number" min={2} max={4000} value={partMb} onInput={(e) => setPartMb(Number(e.currentTarget.value) || 50)} />
                </label>
              )}
              <label class="option">
                <input type="radio" name="mode" checked={mode === "usb"} onChange={() => setMode("usb")} data-testid="mode-usb" />
                <span>
                  <strong>{t("wizard-usb")}</strong>
                  <span class="muted"> {t("wizard-usb-help")}</span>
                </span>
              </label>
              {mode === "usb" && (
                <div class="inline">
                  <button class="ghost" onClick={chooseUsb} data-testid="choose-usb">
                    {t("wizard-choose-folder")}
                  </button>
                  <code class="path">{usbDir ?? ""}</code>
                </div>
              )}
              <fieldset class="encrypt-to">
                <legend>{t("wizard-seal")}</legend>
                <p class="muted small">{t("wizard-seal-help")}</p>
                <div class="inline">
                  <input
                    type="text"
                    class="recipient"
                    placeholder="age1…"
                    aria-label={t("wizard-seal")}
                    value={sealTo}
                    spellcheck={false}
                    onInput={(e) => setSealTo(e.currentTarget.value.trim())}
                    data-testid="seal-to"
                  />
                  <button
                    class="ghost"
                    onClick={async () => {
                      const p = await guard(() => api.pick({ title: t("wizard-seal-file"), kind: "file" }));
                      if (p?.[0]) {
                        const r = await guard(() => api.readRecipient(p[0]));
                        if (r) setSealTo(r);
                      }
                    }}
                  >
                    {t("wizard-seal-file")}
                  </button>
                </div>
              </fieldset>
            </div>
          )}
          {step === 4 && (
            <div data-testid="wizard-progress">
              <p>{phase === "copy" ? t("wizard-copying") : t("wizard-working", { file: progress?.file ?? "…" })}</p>
              <progress max={progress?.total || 1} value={progress?.done ?? 0} />
              <p class="muted small">
                {progress ? `${mb(progress.done)} / ${mb(progress.total)}` : ""}
                {progress?.cancelling ? ` · ${t("wizard-cancelling")}` : ""}
              </p>
              <button class="ghost danger" disabled={task == null} onClick={() => task != null && api.cancel(task)} data-testid="wizard-cancel">
                {t("wizard-cancel")}
              </button>
            </div>
          )}
          {step === 5 && done && <Done done={done} copied={copied} unit={view.id} />}
        </div>
        <div class="modal-foot">
          {step < 4 && (
            <button class="ghost" onClick={() => (step === 1 ? onClose() : setStep((step - 1) as Step))} data-testid="wizard-back">
              {step === 1 ? t("wizard-close") : t("wizard-back")}
            </button>
          )}
          {step === 1 && errors.length > 0 && (
            <button class="primary" onClick={() => onFix(errors[0])}>
              {t("wizard-back-to-fix")}
            </button>
          )}
          {step === 1 && errors.length === 0 && (
            <button class="primary" disabled={acked.size < warnings.length} onClick={() => setStep(2)} data-testid="wizard-next">
              {t("wizard-next")}
            </button>
          )}
          {step === 2 && (
            <button class="primary" disabled={!key} onClick={() => setStep(3)} data-testid="wizard-next">
              {t("wizard-next")}
            </button>
          )}
          {step === 3 && (
            <button class="primary" disabled={mode === "usb" && !usbDir} onClick={run} data-testid="wizard-export">
              {t("wizard-export")}
            </button>
          )}
          {step === 5 && (
            <button class="primary" onClick={onClose} data-testid="wizard-close">
              {t("wizard-close")}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

/** Makes the unit's signing key (once). */
export function CreateKey() {
  return (
    <button
      class="primary"
      data-testid="create-key"
      onClick={() =>
        guard(async () => {
          await api.createKey();
          await refreshHome();
        })
      }
    >
      {t("wizard-create-key")}
    </button>
  );
}

function Done({ done, copied, unit }: { done: ExportDone; copied: OutputFile[] | null; unit: number }) {
  const storeKey = `jianbao.paper.${unit}.${done.group}`;
  const [ticked, setTicked] = useState<Set<number>>(new Set(JSON.parse(localStorage.getItem(storeKey) ?? "[]")));
  const [copiedField, setCopiedField] = useState<string | null>(null);
  const copy = async (id: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopiedField(id);
    } catch {
      const el = document.getElementById(id) as HTMLTextAreaElement | null;
      el?.select();
    }
  };
  return (
    <div class="done" data-testid="wizard-done">
      <p class="ok-text">{t("wizard-done", { id: done.key_id.match(/.{1,4}/g)?.join(" ") ?? done.key_id })}</p>
      <p>
        <code class="path" data-testid="export-dir">
          {done.dir}
        </code>{" "}
        <button class="ghost" onClick={() => guard(() => api.openPath(done.dir))}>
          {t("wizard-open-folder")}
        </button>
      </p>
      {copied && (
        <div class="ok-box">
          {t("wizard-usb-done")}
          <ul class="plain">
            {copied.map((c) => (
              <li key={c.path} title={c.path}>
                {c.name} ({mb(c.size)})
              </li>
            ))}
          </ul>
        </div>
      )}
      <h3>{t("wizard-parts")}</h3>
      {done.parts.map((p, i) => (
        <details key={p.file.path} open={i === 0} class="part">
          <summary>
            <strong>{p.file.name}</strong> <span class="muted">{mb(p.file.size)}</span>
          </summary>
          <ul class="plain small">
            {p.files.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
          {done.mail_to.length > 0 && (
            <div class="mail">
              <label>
                {t("wizard-mail-to")} <input readOnly value={done.mail_to.join("; ")} />
              </label>
              <label>
                {t("wizard-subject")}
                <input id={`subj-${i}`} readOnly value={p.subject} />
                <button class="ghost small" onClick={() => copy(`subj-${i}`, p.subject)}>
                  {copiedField === `subj-${i}` ? t("wizard-copied") : t("wizard-copy")}
                </button>
              </label>
              <label>
                {t("wizard-body")}
                <textarea id={`body-${i}`} readOnly rows={6} value={p.body} />
                <button class="ghost small" onClick={() => copy(`body-${i}`, p.body)}>
                  {copiedField === `body-${i}` ? t("wizard-copied") : t("wizard-copy")}
                </button>
              </label>
            </div>
          )}
        </details>
      ))}
      {done.paper.length > 0 && (
        <div class="paper-list printable">
          <h3>{t("wizard-paper")}</h3>
          <ul class="plain">
            {done.paper.map((item, i) => (
              <li key={i}>
                <label class="check">
                  <input
                    type="checkbox"
                    checked={ticked.has(i)}
                    onChange={(e) => {
                      const n = new Set(ticked);
                      if (e.currentTarget.checked) n.add(i);
                      else n.delete(i);
                      setTicked(n);
                      localStorage.setItem(storeKey, JSON.stringify([...n]));
                    }}
                  />
                  {item.label}：{t("rules-copies", { n: item.copies })}
                  {item.blank > 0 && `，${t("rules-blank", { n: item.blank })}`}
                  {item.sealed && `，${t("rules-sealed")}`}
                </label>
              </li>
            ))}
          </ul>
          <button class="ghost" onClick={() => window.print()}>
            {t("wizard-print-list")}
          </button>
        </div>
      )}
    </div>
  );
}
