import type { Profile } from "./api";
import { Quote } from "./clause";
import { t } from "./i18n";
import { mb } from "./state";

/** 活动要求: the notice's rules in plain words, each with its clause. */
export function Rules({ profile: p }: { profile: Profile }) {
  const range = (min: number, max: number | null) => (max == null ? `≥ ${min}` : min === max ? `${min}` : `${min}–${max}`);
  return (
    <section class="sheet rules" data-testid="rules">
      <h2>{t("nav-rules")}</h2>
      <dl>
        <dt>{t("rules-notice")}</dt>
        <dd>
          {p.notice.title}
          <span class="muted">
            {" "}
            · {p.notice.issuer}
            {p.notice.number ? ` · ${p.notice.number}` : ""}
            {p.notice.issued ? ` · ${p.notice.issued}` : ""}
          </span>
          {p.form_source.borrowed_from && (
            <p class="muted small">
              {t("rules-borrowed")}：{p.form_source.borrowed_from}
            </p>
          )}
        </dd>
        {p.deadline && (
          <>
            <dt>{t("rules-deadline")}</dt>
            <dd>
              {p.deadline.date}
              {p.deadline.strict && <span class="chip error">{t("rules-strict")}</span>}
              <Quote clause={p.deadline.clause} />
            </dd>
          </>
        )}
        <dt>{t("rules-quota")}</dt>
        <dd>
          {range(p.quota.min, p.quota.max ?? null)}
          <Quote clause={p.quota.clause} />
        </dd>
        <dt>{t("rules-delivery")}</dt>
        <dd>
          {p.delivery.recipient}
          {p.delivery.emails?.length ? ` · ${p.delivery.emails.join("，")}` : ""}
          {p.delivery.address ? ` · ${p.delivery.address}` : ""}
          <Quote clause={p.delivery.clause} />
        </dd>
      </dl>
      <h3>{t("rules-files")}</h3>
      <ul class="rule-list">
        {[...p.candidate_slots, ...p.unit_slots].map((s) => (
          <li key={s.id}>
            <strong>{s.label}</strong>：{range(s.count.min, s.count.max ?? null)} · {s.formats.map((f) => f.toUpperCase()).join("/")}
            {s.min_bytes != null && ` · ≥ ${mb(s.min_bytes)}`}
            {s.max_bytes != null && ` · ≤ ${mb(s.max_bytes)}`}
            {s.min_pixels && ` · ≥ ${s.min_pixels.width}×${s.min_pixels.height} px`}
            {s.min_dpi != null && ` · ≥ ${s.min_dpi} dpi`}
            <Quote clause={s.clause} />
          </li>
        ))}
      </ul>
      {p.deliverables.some((d) => d.paper_copies > 0) && (
        <>
          <h3>{t("rules-paper")}</h3>
          <ul class="rule-list">
            {p.deliverables
              .filter((d) => d.paper_copies > 0)
              .map((d) => (
                <li key={d.id}>
                  <strong>{d.label}</strong>：{t("rules-copies", { n: d.paper_copies })}
                  {d.blank_copies > 0 && `，${t("rules-blank", { n: d.blank_copies })}`}
                  {d.sealed && `，${t("rules-sealed")}`}
                  <Quote clause={d.clause} />
                </li>
              ))}
          </ul>
        </>
      )}
      {p.declarations.length > 0 && (
        <>
          <h3>{t("rules-declarations")}</h3>
          <ul class="rule-list">
            {p.declarations.map((d) => (
              <li key={d.id}>
                {d.text}
                <Quote clause={d.clause} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
