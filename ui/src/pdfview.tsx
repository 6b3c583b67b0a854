import { useEffect, useRef, useState } from "preact/hooks";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import workerUrl from "pdfjs-dist/legacy/build/pdf.worker.min.mjs?url";
import { t } from "./i18n";

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

/** Pixels drawn per PDF point: sharp at 200 % zoom on an ordinary screen. */
const SCALE = 2;

/** A PDF drawn page by page (pdf.js, bundled: nothing is fetched from outside the app). */
export function PdfView({ data, name }: { data: ArrayBuffer; name: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState(0);
  const [failed, setFailed] = useState<string | null>(null);
  // "fit": each page as wide as the pane; else a zoom of the page's printed size (1 = 100 %).
  const [zoom, setZoom] = useState<number | "fit">("fit");
  const size = (c: HTMLCanvasElement) => {
    c.style.width = zoom === "fit" ? "100%" : `${Math.round((c.width / SCALE) * zoom)}px`;
  };
  useEffect(() => {
    host.current?.querySelectorAll("canvas").forEach((c) => size(c as HTMLCanvasElement));
  }, [zoom]);
  useEffect(() => {
    let cancelled = false;
    const el = host.current;
    if (!el) return;
    el.innerHTML = "";
    setFailed(null);
    const task = pdfjs.getDocument({ data: new Uint8Array(data.slice(0)), isEvalSupported: false });
    const draw = async () => {
      const doc = await task.promise;
      if (cancelled) return;
      setPages(doc.numPages);
      for (let i = 1; i <= doc.numPages && !cancelled; i++) {
        const page = await doc.getPage(i);
        const viewport = page.getViewport({ scale: SCALE });
        const canvas = document.createElement("canvas");
        canvas.width = viewport.width;
        canvas.height = viewport.height;
        canvas.className = "pdf-page";
        canvas.setAttribute("aria-label", `${name} ${i}/${doc.numPages}`);
        size(canvas);
        el.appendChild(canvas);
        await page.render({ canvasContext: canvas.getContext("2d")!, viewport }).promise;
      }
      el.dataset.rendered = "1";
    };
    draw().catch((e: unknown) => {
      // Leaving the preview stops the drawing (pdf.js then rejects what was under way): not a
      // problem. A PDF pdf.js cannot read is said in the pane, in words.
      if (cancelled) return;
      setFailed(e instanceof Error ? e.message : String(e));
    });
    return () => {
      cancelled = true;
      task.destroy();
    };
  }, [data]);
  return (
    <div class="pdf">
      <div class="pdf-tools">
        <span class="muted small">{pages > 0 && t("preview-pages", { n: pages })}</span>
        <button type="button" class={`ghost small ${zoom === "fit" ? "on" : ""}`} onClick={() => setZoom("fit")}>
          {t("preview-fit")}
        </button>
        <button type="button" class="ghost small" aria-label={t("preview-zoom-out")} onClick={() => setZoom((z) => Math.max(0.5, (z === "fit" ? 1 : z) - 0.25))}>
          −
        </button>
        <span class="small" aria-live="polite">{zoom === "fit" ? t("preview-fit") : `${Math.round(zoom * 100)}%`}</span>
        <button type="button" class="ghost small" aria-label={t("preview-zoom-in")} onClick={() => setZoom((z) => Math.min(3, (z === "fit" ? 1 : z) + 0.25))}>
          +
        </button>
      </div>
      {failed && (
        <p class="error-text" role="alert" data-testid="pdf-failed">
          {t("preview-unreadable", { name, detail: failed })}
        </p>
      )}
      <div class="pdf-pages" ref={host} data-testid="pdf-pages" />
    </div>
  );
}
