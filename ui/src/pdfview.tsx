import { useEffect, useRef, useState } from "preact/hooks";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import workerUrl from "pdfjs-dist/legacy/build/pdf.worker.min.mjs?url";
import { t } from "./i18n";

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

/** A PDF drawn page by page (pdf.js, bundled: nothing is fetched from outside the app). */
export function PdfView({ data, name }: { data: ArrayBuffer; name: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState(0);
  useEffect(() => {
    let cancelled = false;
    const el = host.current;
    if (!el) return;
    el.innerHTML = "";
    const task = pdfjs.getDocument({ data: new Uint8Array(data.slice(0)), isEvalSupported: false });
    task.promise.then(async (doc) => {
      if (cancelled) return;
      setPages(doc.numPages);
      for (let i = 1; i <= doc.numPages && !cancelled; i++) {
        const page = await doc.getPage(i);
        const viewport = page.getViewport({ scale: 1.4 });
        const canvas = document.createElement("canvas");
        canvas.width = viewport.width;
        canvas.height = viewport.height;
        canvas.className = "pdf-page";
        canvas.setAttribute("aria-label", `${name} ${i}/${doc.numPages}`);
        el.appendChild(canvas);
        await page.render({ canvasContext: canvas.getContext("2d")!, viewport }).promise;
      }
      el.dataset.rendered = "1";
    });
    return () => {
      cancelled = true;
      task.destroy();
    };
  }, [data]);
  return (
    <div class="pdf">
      <p class="muted small">{pages > 0 && t("preview.pages", { n: pages })}</p>
      <div class="pdf-pages" ref={host} data-testid="pdf-pages" />
    </div>
  );
}
