// Application-wide state: where the user is, the start screen's data, errors to show, font size.
import { signal } from "@preact/signals";
import { api, CoreError, type Home } from "./api";

export type Route =
  | { page: "start"; created?: string }
  | { page: "draft" }
  | { page: "unit"; unit: number }
  | { page: "review" }
  | { page: "settings"; from?: Route };

export const route = signal<Route>({ page: "start" });
export const home = signal<Home | null>(null);
export const problem = signal<{ code: string; message: string } | null>(null);
export const fontSize = signal<number>(Number(globalThis.localStorage?.getItem("jianbao.font")) || 15);

export async function refreshHome() {
  home.value = await api.home();
}

/** Runs an action, showing a core error (code and message) instead of throwing. */
export async function guard<T>(f: () => Promise<T>): Promise<T | undefined> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof CoreError) problem.value = { code: e.code, message: e.message };
    else problem.value = { code: "err-ui", message: String(e) };
    return undefined;
  }
}

/** A local time `HH:MM` of an RFC 3339 stamp. */
export function clock(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (isNaN(d.getTime())) return "";
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

/** A local date and time `YYYY-MM-DD HH:MM`. */
export function when(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (isNaN(d.getTime())) return "";
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function mb(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
