import { render } from "preact";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { App } from "./app";
import { problem } from "./state";
import "./styles.css";

// A fault in the window itself is shown, never swallowed.
window.addEventListener("error", (e) => (problem.value = { code: "err-ui", message: `${e.message} (${e.filename}:${e.lineno})` }));
window.addEventListener("unhandledrejection", (e) => (problem.value = { code: "err-ui", message: String(e.reason?.message ?? e.reason) }));

render(<App />, document.getElementById("app")!);

// Files dropped on the window arrive from the shell with their paths; they go to the drop zone under
// the pointer (a slot of a candidate, the unit's documents, or the reviewer's import).
let over: HTMLElement | null = null;
const zoneAt = (x: number, y: number) => {
  const r = window.devicePixelRatio || 1;
  return (document.elementFromPoint(x / r, y / r) as HTMLElement | null)?.closest<HTMLElement>("[data-drop]") ?? null;
};
getCurrentWebview()
  .onDragDropEvent((e) => {
    const p = e.payload;
    if (p.type === "over" || p.type === "enter") {
      const z = zoneAt(p.position.x, p.position.y);
      if (z !== over) {
        over?.classList.remove("drag-over");
        z?.classList.add("drag-over");
        over = z;
      }
    } else if (p.type === "drop") {
      over?.classList.remove("drag-over");
      over = null;
      const z = zoneAt(p.position.x, p.position.y) ?? document.querySelector<HTMLElement>("[data-drop='bundles']");
      z?.dispatchEvent(new CustomEvent("jianbao-drop", { detail: p.paths }));
    } else {
      over?.classList.remove("drag-over");
      over = null;
    }
  })
  .catch(() => {});
