import { useEffect, useState } from "preact/hooks";
import { api } from "./api";
import { t } from "./i18n";
import { fontSize, guard, home, mb, route } from "./state";
import { useTask } from "./task";
import { CreateKey } from "./export";
import { LangSwitch, TopBar } from "./app";

/** The recipient's QR code, from the workspace's key folder. */
function Qr({ path, alt }: { path: string; alt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let made: string | null = null;
    api
      .outputBytes(path)
      .then((b) => {
        made = URL.createObjectURL(new Blob([b], { type: "image/png" }));
        setUrl(made);
      })
      .catch(() => {});
    return () => {
      if (made) URL.revokeObjectURL(made);
    };
  }, [path]);
  // The box keeps its size while the image loads, so nothing below it moves under the pointer.
  return url ? <img class="qr" src={url} alt={alt} data-testid="recipient-qr" /> : <div class="qr" aria-hidden="true" />;
}

export function Settings() {
  const h = home.value;
  const [msg, setMsg] = useState<string | null>(null);
  const [careMsg, setCareMsg] = useState<string | null>(null);
  const work = useTask();
  const r = route.value;
  const back = r.page === "settings" && r.from ? r.from : { page: "start" as const };
  const setFont = (n: number) => {
    fontSize.value = Math.min(20, Math.max(13, n));
    localStorage.setItem("jianbao.font", String(fontSize.value));
  };
  return (
    <>
      <TopBar title={t("settings-title")} />
      <main class="settings sheet" data-testid="settings">
        <button class="ghost" onClick={() => (route.value = back)} data-testid="settings-back">
          ← {t("settings-back")}
        </button>
        <dl>
          <dt>{t("settings-lang")}</dt>
          <dd>
            <LangSwitch />
          </dd>
          <dt>{t("settings-font")}</dt>
          <dd class="seg">
            <button onClick={() => setFont(fontSize.value - 1)} aria-label="A−">
              A−
            </button>
            <span class="font-size">{fontSize.value}</span>
            <button onClick={() => setFont(fontSize.value + 1)} aria-label="A+">
              A+
            </button>
          </dd>
          <dt>{t("settings-workspace")}</dt>
          <dd>
            <code class="path">{h?.workspace}</code>{" "}
            <button class="ghost" onClick={() => h && guard(() => api.openPath(h.workspace))}>
              {t("settings-open-workspace")}
            </button>
          </dd>
          <dt>{t("settings-keys")}</dt>
          <dd>
            {h?.key ? (
              <>
                <code data-testid="settings-key">{h.key.id}</code>{" "}
                <button
                  class="ghost"
                  onClick={async () => {
                    const p = await guard(() => api.pick({ title: t("settings-export-pub"), kind: "save", name: "jianbao.pub" }));
                    if (p?.[0]) {
                      const f = await guard(() => api.exportPublicKey(p[0]));
                      if (f) setMsg(t("settings-pub-exported", { path: f.path }));
                    }
                  }}
                >
                  {t("settings-export-pub")}
                </button>
              </>
            ) : (
              <CreateKey />
            )}
            {msg && <p class="ok-text">{msg}</p>}
          </dd>
          <dt>{t("settings-recipient")}</dt>
          <dd>
            <p class="muted small">{t("settings-recipient-help")}</p>
            {h?.recipient ? (
              <>
                <code class="recipient" data-testid="settings-recipient">
                  {h.recipient}
                </code>{" "}
                <button
                  class="ghost"
                  onClick={async () => {
                    const p = await guard(() => api.pick({ title: t("settings-export-recipient"), kind: "save", name: "jianbao-age.pub" }));
                    if (p?.[0]) {
                      const f = await guard(() => api.exportRecipient(p[0]));
                      if (f) setMsg(t("settings-pub-exported", { path: f.path }));
                    }
                  }}
                >
                  {t("settings-export-recipient")}
                </button>
                <button
                  class="ghost"
                  onClick={async () => {
                    const p = await guard(() => api.pick({ title: t("settings-export-qr"), kind: "save", name: "jianbao-age.png" }));
                    if (p?.[0]) {
                      const f = await guard(() => api.exportRecipient(p[0]));
                      if (f) setMsg(t("settings-pub-exported", { path: f.path }));
                    }
                  }}
                >
                  {t("settings-export-qr")}
                </button>
                {h.recipient_qr && <Qr path={h.recipient_qr} alt={t("settings-qr-alt")} />}
              </>
            ) : (
              <button
                class="ghost"
                data-testid="create-encryption-key"
                onClick={() =>
                  guard(async () => {
                    home.value = await api.createEncryptionKey();
                  })
                }
              >
                {t("settings-create-recipient")}
              </button>
            )}
          </dd>
          <dt>{t("settings-care")}</dt>
          <dd data-testid="workspace-care">
            <p class="muted small">{t("settings-care-help")}</p>
            <div class="actions">
              <button
                class="ghost"
                data-testid="backup-workspace"
                disabled={work.busy}
                onClick={async () => {
                  setCareMsg(null);
                  const p = await guard(() =>
                    api.pick({ title: t("settings-backup"), kind: "save", name: t("settings-backup-name"), filter: [t("settings-backup-files"), ["jianbao-backup"]] }),
                  );
                  if (!p?.[0]) return;
                  const done = await work.run((task) => api.backupWorkspace(task, p[0]));
                  if (done) setCareMsg(t("settings-backup-done", { path: done.path, files: done.files, size: mb(done.bytes) }));
                }}
              >
                {t("settings-backup")}
              </button>
              <button
                class="ghost"
                data-testid="restore-workspace"
                disabled={work.busy}
                onClick={async () => {
                  setCareMsg(null);
                  const f = await guard(() => api.pick({ title: t("settings-restore"), kind: "file", filter: [t("settings-backup-files"), ["jianbao-backup"]] }));
                  if (!f?.[0]) return;
                  const to = await guard(() => api.pick({ title: t("settings-restore-to"), kind: "folder" }));
                  if (!to?.[0]) return;
                  const h2 = await work.run((task) => api.restoreWorkspace(task, f[0], to[0]));
                  if (h2) {
                    home.value = h2;
                    setCareMsg(t("settings-restored", { path: h2.workspace }));
                  }
                }}
              >
                {t("settings-restore")}
              </button>
              <button
                class="ghost"
                data-testid="move-workspace"
                disabled={work.busy}
                onClick={async () => {
                  setCareMsg(null);
                  const to = await guard(() => api.pick({ title: t("settings-move-to"), kind: "folder" }));
                  if (!to?.[0]) return;
                  const h2 = await work.run((task) => api.moveWorkspace(task, to[0]));
                  if (h2) {
                    home.value = h2;
                    setCareMsg(t("settings-moved", { path: h2.workspace }));
                  }
                }}
              >
                {t("settings-move")}
              </button>
            </div>
            {work.view}
            {careMsg && (
              <p class="ok-text" data-testid="care-done" role="status">
                {careMsg}
              </p>
            )}
          </dd>
        </dl>
        <details class="tech">
          <summary>{t("settings-tech-fold")}</summary>
          <p>{t("settings-tech")}</p>
        </details>
      </main>
    </>
  );
}
