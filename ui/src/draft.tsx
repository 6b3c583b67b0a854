import { useState } from "preact/hooks";
import { api } from "./api";
import type { DraftView } from "./bindings/DraftView";
import { t } from "./i18n";
import { guard, refreshHome, route } from "./state";
import { TopBar } from "./app";

/**
 * 新建活动: paste or open the notice, review each rule the core found beside the sentence it quotes
 * (keep or drop it, or edit the profile text), save it to the workspace. Every rule and check is the
 * core's (`profile draft`, `profile check`); this page only shows and sends choices.
 */
export function DraftCampaign() {
  const [text, setText] = useState("");
  const [view, setView] = useState<DraftView | null>(null);
  const [dropped, setDropped] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const open = async () => {
    const picked = await guard(() => api.pick({ title: t("draft-open"), kind: "file", filter: [t("draft-text-file"), ["txt"]] }));
    if (picked?.[0]) {
      const read = await guard(() => api.readNotice(picked[0]));
      if (read != null) setText(read);
    }
  };
  const analyse = async () => {
    setError(null);
    const v = await guard(() => api.draftProfile(text));
    if (v) {
      setView(v);
      setDropped(new Set());
      setEditing(null);
    }
  };
  const toggle = (at: string) => {
    const next = new Set(dropped);
    if (next.has(at)) next.delete(at);
    else next.add(at);
    setDropped(next);
  };
  const save = async () => {
    setError(null);
    try {
      const id = await api.saveDraft(text, [...dropped], editing);
      await refreshHome();
      route.value = { page: "start", created: id };
    } catch (e) {
      setError((e as { message?: string }).message ?? String(e));
    }
  };

  return (
    <>
      <TopBar title={t("draft-title")} />
      <main class="draft sheet" data-testid="draft">
        <button class="ghost" onClick={() => (route.value = { page: "start" })}>
          ← {t("draft-cancel")}
        </button>
        {!view && (
          <section>
            <p>{t("draft-intro")}</p>
            <label for="notice-text">{t("draft-paste")}</label>
            <textarea
              id="notice-text"
              data-testid="notice-text"
              rows={16}
              value={text}
              onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
            />
            <div class="row-actions">
              <button type="button" class="ghost" onClick={open}>
                {t("draft-open")}
              </button>
              <button type="button" class="primary" disabled={text.trim().length < 20} onClick={analyse} data-testid="draft-analyse">
                {t("draft-analyse")}
              </button>
            </div>
          </section>
        )}
        {view && editing == null && (
          <section>
            <h2>{view.title}</h2>
            <p class="muted">{t("draft-review")}</p>
            <ul class="draft-rules" data-testid="draft-rules">
              {view.rules.map((r) => (
                <li key={r.at} class={dropped.has(r.at) ? "dropped" : ""}>
                  <label>
                    <input type="checkbox" checked={!dropped.has(r.at)} onChange={() => toggle(r.at)} />
                    <strong>{r.rule}</strong>
                  </label>
                  <blockquote class="clause notice">
                    <span class="chip authority notice">{t("authority-notice")}</span>
                    {r.reference ? `${r.reference}：` : ""}“{r.sentence}”
                  </blockquote>
                </li>
              ))}
            </ul>
            {view.undecided.length > 0 && (
              <>
                <h3>{t("draft-undecided")}</h3>
                <ul class="draft-undecided">
                  {view.undecided.map((u, i) => (
                    <li key={i}>{u}</li>
                  ))}
                </ul>
              </>
            )}
            <div class="row-actions">
              <button type="button" class="ghost" onClick={() => setView(null)}>
                {t("draft-back")}
              </button>
              <button type="button" class="ghost" onClick={() => setEditing(view.toml)}>
                {t("draft-edit")}
              </button>
              <button type="button" class="primary" onClick={save} data-testid="draft-save">
                {t("draft-save")}
              </button>
            </div>
          </section>
        )}
        {view && editing != null && (
          <section>
            <p class="muted">{t("draft-edit-help")}</p>
            <textarea class="mono" rows={24} value={editing} onInput={(e) => setEditing((e.target as HTMLTextAreaElement).value)} />
            <div class="row-actions">
              <button type="button" class="ghost" onClick={() => setEditing(null)}>
                {t("draft-back")}
              </button>
              <button type="button" class="primary" onClick={save}>
                {t("draft-save")}
              </button>
            </div>
          </section>
        )}
        {error && (
          <pre class="error-text" role="alert">
            {error}
          </pre>
        )}
      </main>
    </>
  );
}
