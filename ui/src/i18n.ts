// The window's words come from the same Fluent catalogue as the core's and the command line's: one
// bundle per language holds the core's messages (`assets/i18n/{zh-CN,en-US}.ftl`: names of rule
// authorities, colours, kinds…) and the window's own texts (`{zh-CN,en-US}-ui.ftl`), bundled at build
// time. Findings and errors reach the window already worded by the core. Field labels are the
// notice's own and are never translated.
import { FluentBundle, FluentNumber, FluentResource, type FluentVariable } from "@fluent/bundle";
import { signal } from "@preact/signals";
import zhCore from "../../assets/i18n/zh-CN.ftl?raw";
import enCore from "../../assets/i18n/en-US.ftl?raw";
import zhSource from "../../assets/i18n/zh-CN-ui.ftl?raw";
import enSource from "../../assets/i18n/en-US-ui.ftl?raw";

export type Lang = "zh" | "en";
export const lang = signal<Lang>(((typeof localStorage !== "undefined" && localStorage.getItem("jianbao.lang")) as Lang) || "zh");

/** The window's own texts, by language (the tests compare them). */
export const windowSources: Record<Lang, string> = { zh: zhSource, en: enSource };

function bundle(locale: string, ...sources: string[]): FluentBundle {
  // No bidi isolation marks: every text is left-to-right Chinese or English, and the marks would
  // show up in copied text and in the end-to-end tests' reading of the page.
  const b = new FluentBundle(locale, { useIsolating: false });
  for (const source of sources) {
    // (a clash of ids between the files is an error here, and a test in the core)
    const errors = b.addResource(new FluentResource(source));
    if (errors.length) throw new Error(`${locale}: ${errors.map(String).join("; ")}`);
  }
  return b;
}

export const bundles: Record<Lang, FluentBundle> = {
  zh: bundle("zh-CN", zhCore, zhSource),
  en: bundle("en-US", enCore, enSource),
};

/** The message `id` in the current language (Chinese when English lacks it), arguments filled. */
export function t(id: string, args: Record<string, string | number> = {}): string {
  const b = bundles[lang.value].hasMessage(id) ? bundles[lang.value] : bundles.zh;
  const pattern = b.getMessage(id)?.value;
  // An unknown id shows as itself: a missing text is seen, never silently blank (and a test
  // checks every id the window uses is in both catalogues).
  if (!pattern) return id;
  // The core's advice names the window's buttons, not the command line's flags.
  const vars: Record<string, FluentVariable> = { face: "window" };
  // Numbers stay numbers (English plurals select on them) but are written without grouping: a
  // year or a file count reads as typed. Sizes and counts that want grouping come pre-formatted.
  for (const [k, v] of Object.entries(args)) vars[k] = typeof v === "number" ? new FluentNumber(v, { useGrouping: false }) : v;
  return b.formatPattern(pattern, vars);
}
