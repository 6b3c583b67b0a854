import { useEffect } from "preact/hooks";
import { listen } from "@tauri-apps/api/event";
import { api } from "./api";
import { lang, t, type Lang } from "./i18n";
import { fontSize, guard, home, problem, refreshHome, route, when } from "./state";
import { UnitWorkspace } from "./unit";
import { ReviewWorkspace } from "./review";
import { Settings } from "./settings";
import { DraftCampaign } from "./draft";

export function App() {
  useEffect(() => {
    guard(async () => {
      home.value = await api.setLang(lang.value);
    });
    // The first start's example arrives a moment after the window.
    const un = listen("home-changed", () => guard(refreshHome));
    return () => {
      un.then((f) => f());
    };
  }, []);
  useEffect(() => {
    document.documentElement.style.fontSize = `${fontSize.value}px`;
    document.documentElement.lang = lang.value === "zh" ? "zh-CN" : "en";
  }, [fontSize.value, lang.value]);
  const r = route.value;
  return (
    <div class="app">
      {r.page === "start" && <Start />}
      {r.page === "unit" && <UnitWorkspace key={r.unit} unitId={r.unit} />}
      {r.page === "review" && <ReviewWorkspace />}
      {r.page === "settings" && <Settings />}
      {r.page === "draft" && <DraftCampaign />}
      {problem.value && (
        <div class="toast error" role="alert" data-testid="problem">
          <div>
            <strong>{t("common-error")}</strong>
            <span class="code">{problem.value.code}</span>
          </div>
          <p>{problem.value.message}</p>
          <button onClick={() => (problem.value = null)}>{t("common-dismiss")}</button>
        </div>
      )}
    </div>
  );
}

export function TopBar({ title, children }: { title?: string; children?: preact.ComponentChildren }) {
  return (
    <header class="topbar">
      <button class="brand" onClick={() => (route.value = { page: "start" })} title={t("nav-home")}>
        <span class="seal" aria-hidden="true">
          荐
        </span>
        <span>{t("app-name")}</span>
      </button>
      {title && <h1 class="title">{title}</h1>}
      <div class="spacer" />
      {children}
      <LangSwitch />
      <button
        class="ghost"
        onClick={() => (route.value = { page: "settings", from: route.value })}
        data-testid="nav-settings"
      >
        {t("nav-settings")}
      </button>
    </header>
  );
}

export function LangSwitch() {
  const set = (l: Lang) =>
    guard(async () => {
      lang.value = l;
      localStorage.setItem("jianbao.lang", l);
      home.value = await api.setLang(l);
      window.dispatchEvent(new Event("jianbao-lang"));
    });
  return (
    <div class="seg" role="group" aria-label={t("settings-lang")}>
      <button aria-pressed={lang.value === "zh"} onClick={() => set("zh")} data-testid="lang-zh">
        中文
      </button>
      <button aria-pressed={lang.value === "en"} onClick={() => set("en")} data-testid="lang-en">
        EN
      </button>
    </div>
  );
}

function Start() {
  const h = home.value;
  if (!h) return <div class="loading">{t("common-working")}</div>;
  const sample = h.units.find((u) => u.sample);
  const create = async (e: Event) => {
    e.preventDefault();
    const sel = (document.getElementById("new-campaign") as HTMLSelectElement).value;
    const id = await guard(() => api.createUnit(sel));
    if (id != null) {
      await refreshHome();
      route.value = { page: "unit", unit: id };
    }
  };
  const addProfile = async () => {
    const picked = await guard(() => api.pick({ title: t("start-add-profile"), kind: "file", filter: ["TOML", ["toml"]] }));
    if (picked?.[0]) {
      await guard(() => api.addProfile(picked[0]));
      await refreshHome();
    }
  };
  return (
    <>
      <TopBar />
      <main class="start" data-testid="start">
        <p class="tagline">{t("app-tagline")}</p>
        <div class="choices">
          <button
            class="choice"
            data-testid="choose-unit"
            onClick={() => {
              const first = h.units[0];
              if (first) route.value = { page: "unit", unit: first.id };
              else document.getElementById("new-campaign")?.focus();
            }}
          >
            <span class="big">{t("start-unit")}</span>
            <span class="who">（{t("start-unit-who")}）</span>
            <span class="what">{t("start-unit-what")}</span>
          </button>
          <button class="choice" data-testid="choose-review" onClick={() => (route.value = { page: "review" })}>
            <span class="big">{t("start-review")}</span>
            <span class="who">（{t("start-review-who")}）</span>
            <span class="what">{t("start-review-what")}</span>
            {h.received > 0 && <span class="pill">{t("start-received", { n: h.received })}</span>}
          </button>
        </div>
        {h.sample_pending && (
          <div class="banner sample" data-testid="sample-pending">
            <span class="badge">{t("sample-badge")}</span>
            <span>{t("sample-preparing")}</span>
          </div>
        )}
        {sample && (
          <div class="banner sample" data-testid="sample-banner">
            <span class="badge">{t("sample-badge")}</span>
            <span>{t("sample-banner")}</span>
            <button
              class="ghost"
              onClick={() => guard(async () => (home.value = await api.removeUnit(sample.id)))}
              data-testid="remove-sample"
            >
              {t("sample-remove")}
            </button>
          </div>
        )}
        <section class="panel">
          <h2>{t("start-recent")}</h2>
          {h.units.length === 0 && <p class="muted">{t("start-none")}</p>}
          <ul class="units">
            {h.units.map((u) => (
              <li key={u.id} class="unit-card">
                <button class="open" onClick={() => (route.value = { page: "unit", unit: u.id })} data-testid={`open-unit-${u.id}`}>
                  <span class="name">
                    {u.name || t("cand-unnamed")} {u.sample && <span class="badge">{t("sample-badge")}</span>}
                  </span>
                  <span class="muted">{u.profile_title}</span>
                  <span class="muted small">
                    {t("start-candidates", { n: u.candidates })} · {t("start-updated", { t: when(u.updated_at) })}
                  </span>
                </button>
                <button class="ghost" onClick={() => (route.value = { page: "unit", unit: u.id })}>
                  {t("start-open")}
                </button>
                <button
                  class="ghost danger"
                  onClick={() => {
                    if (confirm(t("start-remove-confirm", { name: u.name || u.profile_title })))
                      guard(async () => (home.value = await api.removeUnit(u.id)));
                  }}
                >
                  {t("start-remove")}
                </button>
              </li>
            ))}
          </ul>
          <form class="new-unit" onSubmit={create}>
            <h3>{t("start-new")}</h3>
            <label for="new-campaign">{t("start-campaign")}</label>
            <select
              id="new-campaign"
              data-testid="new-campaign"
              value={
                (route.value.page === "start" ? route.value.created : undefined) ??
                [...h.profiles].sort((a, b) => b.year - a.year)[0]?.id
              }
            >
              {h.profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}（{p.organiser}）
                </option>
              ))}
            </select>
            <button type="submit" class="primary">
              {t("start-create")}
            </button>
            <button type="button" class="ghost" onClick={() => (route.value = { page: "draft" })} data-testid="new-campaign-draft">
              {t("start-draft-profile")}
            </button>
            <button type="button" class="ghost" onClick={addProfile}>
              {t("start-add-profile")}
            </button>
            {!sample && !h.sample_pending && (
              <button
                type="button"
                class="ghost"
                onClick={() =>
                  guard(async () => {
                    await api.addSample();
                    await refreshHome();
                  })
                }
              >
                {t("start-restore-sample")}
              </button>
            )}
          </form>
        </section>
      </main>
    </>
  );
}
