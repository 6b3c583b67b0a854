// Typed calls into the desktop shell. Every type comes from ./bindings, generated from the Rust core
// by ts-rs (a test of the app package fails when they are stale).
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { Home } from "./bindings/Home";
import type { Profile } from "./bindings/Profile";
import type { UnitView } from "./bindings/UnitView";
import type { Words } from "./bindings/Words";
import type { OutputFile } from "./bindings/OutputFile";
import type { KeyInfo } from "./bindings/KeyInfo";
import type { ExportRequest } from "./bindings/ExportRequest";
import type { ExportDone } from "./bindings/ExportDone";
import type { ReviewView } from "./bindings/ReviewView";
import type { BundleRow } from "./bindings/BundleRow";
import type { Snapshot } from "./bindings/Snapshot";
import type { ErrorView } from "./bindings/ErrorView";
import type { DraftView } from "./bindings/DraftView";
import type { ForwardReport } from "./bindings/ForwardReport";
import type { Copied } from "./bindings/Copied";
import type { FieldWords } from "./bindings/FieldWords";
import type { KnownKey } from "./bindings/KnownKey";
import type { Materials } from "./bindings/Materials";

export type { Home, Profile, UnitView, Words, OutputFile, KeyInfo, ExportDone, ReviewView, BundleRow, Snapshot, ErrorView, ForwardReport, Copied, KnownKey, Materials };

/** An error from the core: a stable code and a message in the user's language. */
export class CoreError extends Error {
  code: string;
  constructor(e: ErrorView) {
    super(e.message);
    this.code = e.code;
  }
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    if (e && typeof e === "object" && "code" in e && "message" in e) throw new CoreError(e as ErrorView);
    throw new CoreError({ code: "err-io", message: String(e) });
  }
}

let nextTask = 1;
/** A number for a long task (progress events and cancel refer to it). */
export const newTask = () => nextTask++;

export type Pick = { title: string; kind: "files" | "file" | "folder" | "save"; filter?: [string, string[]]; name?: string };

export const api = {
  home: () => call<Home>("home"),
  setLang: (lang: string) => call<Home>("set_lang", { lang }),
  profile: (id: string) => call<Profile>("profile", { id }),
  addProfile: (path: string) => call<string>("add_profile", { path }),
  draftProfile: (text: string) => call<DraftView>("draft_profile", { text }),
  saveDraft: (text: string, dropped: string[], edited: string | null) => call<string>("save_draft", { text, dropped, edited }),
  readNotice: (path: string) => call<string>("read_notice", { path }),
  createUnit: (profile: string) => call<number>("create_unit", { profile }),
  removeUnit: (unit: number) => call<Home>("remove_unit", { unit }),
  addSample: () => call<number>("add_sample"),
  unit: (unit: number) => call<UnitView>("unit", { unit }),
  setUnitField: (unit: number, field: string, value: unknown) => call<UnitView>("set_unit_field", { unit, field, value }),
  setCandidateField: (unit: number, candidate: number, field: string, value: unknown) =>
    call<UnitView>("set_candidate_field", { unit, candidate, field, value }),
  addCandidate: (unit: number) => call<UnitView>("add_candidate", { unit }),
  removeCandidate: (unit: number, candidate: number) => call<UnitView>("remove_candidate", { unit, candidate }),
  attach: (task: number, unit: number, candidate: number | null, slot: string, paths: string[]) =>
    call<UnitView>("attach", { task, unit, candidate, slot, paths }),
  detach: (unit: number, attachment: number) => call<UnitView>("detach", { unit, attachment }),
  thumbnail: (sha: string) => call<ArrayBuffer>("thumbnail", { sha }),
  words: (text: string) => call<Words>("words", { text }),
  fieldWords: (unit: number, field: string, text: string) => call<FieldWords>("field_words", { unit, field, text }),
  /** A date chosen in the pickers, written by the core in the notice's layout. */
  dateText: (unit: number, field: string, column: string | null, year: number, month: number | null, day: number | null) =>
    call<string>("date_text", { unit, field, column, year, month, day }),
  preview: (task: number, unit: number, variant: string | null) => call<OutputFile[]>("preview", { task, unit, variant }),
  outputBytes: (path: string) => call<ArrayBuffer>("output_bytes", { path }),
  createKey: () => call<KeyInfo>("create_key"),
  exportPublicKey: (dest: string) => call<OutputFile>("export_public_key", { dest }),
  createEncryptionKey: () => call<Home>("create_encryption_key"),
  exportRecipient: (dest: string) => call<OutputFile>("export_recipient", { dest }),
  readRecipient: (path: string) => call<string>("read_recipient", { path }),
  forward: (candidates: number[], profile: string, organiser: string, originals: boolean) =>
    call<ForwardReport>("forward", { candidates, profile, organiser, originals }),
  exportBundle: (task: number, unit: number, request: ExportRequest) =>
    call<ExportDone>("export_bundle", { task, unit, request }),
  copyToUsb: (task: number, unit: number, parts: string[], dir: string) =>
    call<OutputFile[]>("copy_to_usb", { task, unit, parts, dir }),
  cancel: (task: number) => call<void>("cancel", { task }),
  importBundles: (task: number, paths: string[], acceptKeyChange = false) =>
    call<BundleRow[]>("import_bundles", { task, paths, acceptKeyChange }),
  /** The reviewer's tables after re-checking, as a task, what was not re-checked yet. */
  recheck: (task: number) => call<ReviewView>("recheck", { task }),
  backupWorkspace: (task: number, dest: string) => call<Copied>("backup_workspace", { task, dest }),
  restoreWorkspace: (task: number, file: string, to: string) => call<Home>("restore_workspace", { task, file, to }),
  moveWorkspace: (task: number, to: string) => call<Home>("move_workspace", { task, to }),
  trustKey: (unit: string, path: string, replace: boolean) => call<KnownKey>("trust_key", { unit, path, replace }),
  exportMaterials: (task: number, profile: string | null) => call<Materials>("export_materials", { task, profile }),
  exportSummary: (profile: string) => call<OutputFile[]>("export_summary", { profile }),
  writeReceipts: (bundles: number[]) => call<OutputFile[]>("write_receipts", { bundles }),
  pick: (what: Pick) => call<string[] | null>("pick", { what }),
  openPath: (path: string) => call<void>("open_path", { path }),
};

/** Progress of long tasks. */
export function onProgress(f: (s: Snapshot) => void): Promise<UnlistenFn> {
  return listen<Snapshot>("progress", (e) => f(e.payload));
}
