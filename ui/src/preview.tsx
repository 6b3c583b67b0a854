import { useState } from "preact/hooks";
import { api, type OutputFile, type Profile } from "./api";
import { t } from "./i18n";
import { guard } from "./state";
import { PdfView } from "./lazy";
import { useTask } from "./task";

/** The rendered 推荐表 and 汇总表 as they will print, with the blank 推荐单位 variant where asked. */
export function Preview({ unit, profile }: { unit: number; profile: Profile }) {
  const [files, setFiles] = useState<OutputFile[] | null>(null);
  const work = useTask();
  const busy = work.busy;
  const [current, setCurrent] = useState<{ file: OutputFile; data: ArrayBuffer } | null>(null);
  const blank = profile.candidate_form.layout?.blank_variant;
  const make = async (variant: string | null) => {
    setCurrent(null);
    const f = await work.run((task) => api.preview(task, unit, variant));
    if (f) {
      setFiles(f);
      const first = f.find((x) => x.name.endsWith(".pdf"));
      if (first) show(first);
    }
  };
  const show = async (file: OutputFile) => {
    const data = await guard(() => api.outputBytes(file.path));
    if (data) setCurrent({ file, data });
  };
  return (
    <section class="sheet preview" data-testid="preview">
      <div class="sheet-head">
        <h2>{t("preview-title")}</h2>
        <div class="actions">
          <button class="primary" onClick={() => make(null)} disabled={busy} data-testid="preview-make">
            {t("preview-make")}
          </button>
          {blank && (
            <button class="ghost" onClick={() => make(blank.name)} disabled={busy} title={blank.label}>
              {t("preview-blank")}
            </button>
          )}
        </div>
      </div>
      {busy && <p class="muted">{t("preview-loading")}</p>}
      {work.view}
      {files && (
        <div class="preview-body">
          <ul class="file-list" aria-label={t("preview-choose")}>
            {files.map((f) => (
              <li key={f.path}>
                {f.name.endsWith(".pdf") ? (
                  <button class={`link ${current?.file.path === f.path ? "active" : ""}`} onClick={() => show(f)}>
                    {f.name}
                  </button>
                ) : (
                  <span class="muted">{f.name}</span>
                )}
              </li>
            ))}
          </ul>
          <div class="viewer">
            {current && (
              <>
                <div class="actions">
                  <button class="ghost" onClick={() => guard(() => api.openPath(current.file.path))}>
                    {t("preview-print")}
                  </button>
                  <button class="ghost" onClick={() => guard(() => api.openPath(current.file.path.replace(/[\\/][^\\/]*$/, "")))}>
                    {t("preview-folder")}
                  </button>
                </div>
                <PdfView data={current.data} name={current.file.name} />
              </>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
