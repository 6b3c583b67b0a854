import { useEffect, useState } from "preact/hooks";
import type { PdfView as View } from "./pdfview";
import { t } from "./i18n";

// pdf.js is large: it is loaded the first time a PDF is shown, not at start.
let loaded: Promise<typeof View> | null = null;

export function PdfView(props: { data: ArrayBuffer; name: string }) {
  const [C, setC] = useState<typeof View | null>(null);
  useEffect(() => {
    loaded ??= import("./pdfview").then((m) => m.PdfView);
    loaded.then((c) => setC(() => c));
  }, []);
  return C ? <C {...props} /> : <p class="muted">{t("preview-loading")}</p>;
}
