import type { Authority } from "./bindings/Authority";
import type { Clause } from "./bindings/Clause";
import { t } from "./i18n";

/** Who says a rule holds, as the core decides it (`Clause::authority`): the notice, its form, or our advice. */
export function authorityOf(c: Clause | null | undefined): Authority {
  if (!c) return "program";
  if (c.advice != null) return "advice";
  if (c.notice != null) return "notice";
  if (c.form != null) return "form";
  return "program";
}

/** The clause's words: the quote for the notice's and form's, the advice itself for ours. */
function words(c: Clause): string {
  if (c.advice != null) return c.advice;
  const where = c.notice ?? c.form ?? "";
  return where ? `${where}：“${c.quote ?? ""}”` : `“${c.quote ?? ""}”`;
}

/** A rule's authority as a chip and its words, quoted: 通知 三、（四）：“……”, 建议 …. */
export function Quote({ clause }: { clause: Clause | null | undefined }) {
  if (!clause) return null;
  const a = authorityOf(clause);
  return (
    <blockquote class={`clause ${a}`}>
      <span class={`chip authority ${a}`}>{t(`authority-${a}`)}</span>
      {words(clause)}
    </blockquote>
  );
}

/** The same, for a finding whose clause the core has already cited. */
export function FindingClause({ authority, clause }: { authority: Authority; clause: string }) {
  return (
    <p class={`clause ${authority}`}>
      <span class={`chip authority ${authority}`}>{t(`authority-${authority}`)}</span>
      {clause}
    </p>
  );
}

/** The plain text of a clause, for tooltips and help lines. */
export function citeText(c: Clause | null | undefined): string | undefined {
  return c ? `${t(`authority-${authorityOf(c)}`)}：${words(c)}` : undefined;
}
