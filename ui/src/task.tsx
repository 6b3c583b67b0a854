// Long work the window starts (backup, restore, move, review materials): a task number, its progress
// events shown as a bar with bytes and the file at hand, and a cancel button. The window stays usable
// meanwhile; the core does the work on its own thread.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, newTask, onProgress, type Snapshot } from "./api";
import { t } from "./i18n";
import { guard, mb } from "./state";

export function useTask() {
  const [snap, setSnap] = useState<Snapshot | null>(null);
  const [task, setTask] = useState<number | null>(null);
  const current = useRef<number | null>(null);
  useEffect(() => {
    const un = onProgress((s) => {
      if (s.id === current.current) setSnap(s);
    });
    return () => {
      un.then((f) => f());
    };
  }, []);
  /** Runs `f` with a fresh task number; errors are shown like every core error. */
  async function run<T>(f: (task: number) => Promise<T>): Promise<T | undefined> {
    const id = newTask();
    current.current = id;
    setSnap(null);
    setTask(id);
    try {
      return await guard(() => f(id));
    } finally {
      current.current = null;
      setTask(null);
    }
  }
  const view =
    task == null ? null : (
      <div class="progress-line" data-testid="task-progress" role="status" aria-live="polite">
        <span>{snap?.file ? t(snap.kind === "recheck" ? "review-rechecking" : "settings-working", { file: snap.file }) : t("common-working")}</span>
        <progress max={snap?.total || 1} value={snap?.done ?? 0} aria-label={t("common-working")} />
        <span class="muted small">
          {snap && snap.total > 0 ? (snap.kind === "preview" || snap.kind === "recheck" ? t("task-steps", { done: snap.done, total: snap.total }) : `${mb(snap.done)} / ${mb(snap.total)}`) : ""}
        </span>
        <button class="ghost danger" onClick={() => api.cancel(task)} disabled={snap?.cancelling}>
          {snap?.cancelling ? t("wizard-cancelling") : t("wizard-cancel")}
        </button>
      </div>
    );
  return { run, view, busy: task != null };
}
