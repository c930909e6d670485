/**
 * A delivery as people read it (任务清单): status, money granted / paid / spent per fund and per
 * budget line, milestones, the progress timeline with photos, tranches and spending. Shown on
 * the public project page and above the forms of the secretary's and the street's pages.
 */
import type { SerializeFrom } from "@remix-run/node";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { DeliveryStatus } from "~/domain/enums";
import { formatYuan } from "~/domain/money";
import type { DeliveryDetail } from "~/models/delivery.server";

export type DeliveryData = SerializeFrom<DeliveryDetail>;

const STATUS_CLASS: Record<DeliveryStatus, string> = {
  not_started: "bg-stone-100 text-stone-700",
  in_progress: "bg-sky-100 text-sky-900",
  late: "bg-amber-100 text-amber-900",
  done: "bg-emerald-100 text-emerald-900",
  terminated: "bg-rose-100 text-rose-900",
};

export function DeliveryStatusBadge({
  status,
  atRisk,
}: {
  status: DeliveryStatus;
  atRisk: boolean;
}) {
  const { t } = useTranslation();
  return (
    <span className="inline-flex flex-wrap gap-1" data-delivery-status={status}>
      <span className={`rounded-full px-2 py-0.5 text-sm font-medium ${STATUS_CLASS[status]}`}>
        {t(`delivery.statuses.${status}`)}
      </span>
      {atRisk ? (
        <span className="rounded-full bg-orange-100 px-2 py-0.5 text-sm font-medium text-orange-900">
          {t("delivery.atRisk")}
        </span>
      ) : null}
    </span>
  );
}

/** A bar of paid (or spent) against granted (or budget), readable without it. */
function Bar({ part, whole }: { part: number; whole: number }) {
  const pct = whole > 0 ? Math.min(100, Math.round((part / whole) * 100)) : 0;
  return (
    <div className="mt-1 h-2 w-full rounded bg-stone-200" aria-hidden="true">
      <div className="h-2 rounded bg-brand-600" style={{ width: `${pct}%` }} />
    </div>
  );
}

const yuan = (fen: number) => formatYuan(fen);

export function DeliveryMoney({ delivery }: { delivery: DeliveryData }) {
  const { t } = useTranslation();
  const granted = delivery.grants.reduce((s, g) => s + g.grantedFen, 0);
  const paid = delivery.grants.reduce((s, g) => s + g.paidFen, 0);
  const spent = delivery.budgetLines.reduce((s, l) => s + l.spentFen, 0);
  return (
    <section className="card space-y-4" aria-labelledby="delivery-money">
      <h2 id="delivery-money" className="text-lg font-semibold">
        {t("delivery.perFund")}
      </h2>
      <dl className="grid grid-cols-3 gap-2 text-center" data-testid="delivery-totals">
        {[
          ["granted", granted],
          ["paid", paid],
          ["spent", spent],
        ].map(([key, fen]) => (
          <div key={key as string} className="rounded-lg bg-stone-50 p-2">
            <dt className="text-sm text-stone-500">{t(`delivery.${key as "granted"}`)}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-money={key}>
              {yuan(fen as number)}
            </dd>
          </div>
        ))}
      </dl>
      <ul className="space-y-3">
        {delivery.grants.map((g) => (
          <li key={g.fundId} data-fund={g.kind}>
            <div className="flex flex-wrap justify-between gap-x-3 text-base">
              <span className="font-medium">{g.fundName}</span>
              <span className="tabular-nums">
                {t("delivery.paid")} {yuan(g.paidFen)} / {t("delivery.granted")}{" "}
                {yuan(g.grantedFen)} {t("common.yuan")}
              </span>
            </div>
            <Bar part={g.paidFen} whole={g.grantedFen} />
          </li>
        ))}
      </ul>
      {delivery.budgetLines.length ? (
        <div>
          <h3 className="mb-2 font-semibold">{t("delivery.perLine")}</h3>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-stone-500">
                <tr>
                  <th className="py-1 pr-2 font-normal">{t("delivery.line")}</th>
                  <th className="py-1 pr-2 text-right font-normal">{t("delivery.budget")}</th>
                  <th className="py-1 text-right font-normal">{t("delivery.spent")}</th>
                </tr>
              </thead>
              <tbody>
                {delivery.budgetLines.map((l) => (
                  <tr key={l.id} className="border-t border-stone-100" data-line={l.id}>
                    <td className="py-1 pr-2">{l.item}</td>
                    <td className="py-1 pr-2 text-right tabular-nums">{yuan(l.budgetFen)}</td>
                    <td className="py-1 text-right tabular-nums">{yuan(l.spentFen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </section>
  );
}

export function DeliveryMilestones({
  delivery,
  action,
}: {
  delivery: DeliveryData;
  /** A form per milestone (the secretary's page). */
  action?: (m: DeliveryData["milestones"][number]) => ReactNode;
}) {
  const { t } = useTranslation();
  if (!delivery.milestones.length) return null;
  const done = delivery.milestones.filter((m) => m.doneOn).length;
  return (
    <section className="card" aria-labelledby="delivery-milestones">
      <h2 id="delivery-milestones" className="text-lg font-semibold">
        {t("delivery.milestonesDone", { done, total: delivery.milestones.length })}
      </h2>
      <ol className="mt-2 space-y-2">
        {delivery.milestones.map((m) => (
          <li key={m.id} className="flex flex-wrap items-start gap-2" data-milestone={m.id}>
            <span aria-hidden="true" className={m.doneOn ? "text-emerald-600" : "text-stone-400"}>
              {m.doneOn ? "✔" : "○"}
            </span>
            <div className="min-w-0 flex-1">
              <p className="font-medium">{m.title}</p>
              <p className="text-sm text-stone-500">
                {m.dueOn ? t("delivery.due", { date: m.dueOn }) : null}
                {m.doneOn ? ` · ${t("delivery.doneOn", { date: m.doneOn })}` : null}
              </p>
            </div>
            {action?.(m)}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function DeliveryTimeline({ delivery }: { delivery: DeliveryData }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="delivery-timeline">
      <h2 id="delivery-timeline" className="text-lg font-semibold">
        {t("delivery.timeline")}
      </h2>
      {delivery.updates.length === 0 ? (
        <p className="mt-2 text-stone-500">{t("delivery.noProgress")}</p>
      ) : (
        <ol className="mt-3 space-y-5 border-l-2 border-brand-200 pl-4">
          {delivery.updates.map((u) => (
            <li key={u.id} data-update={u.id}>
              <p className="text-sm font-medium text-brand-700">{u.happenedOn}</p>
              <p className="mt-1 whitespace-pre-wrap text-base leading-relaxed">{u.body}</p>
              {u.photos.length ? (
                <div className="mt-2 grid grid-cols-3 gap-2">
                  {u.photos.map((p) => (
                    <a key={p.id} href={`/files/${p.sha256}`} target="_blank" rel="noreferrer">
                      <img
                        src={`/files/${p.sha256}`}
                        alt={p.name}
                        loading="lazy"
                        className="aspect-square w-full rounded-lg object-cover"
                      />
                    </a>
                  ))}
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function DeliveryLedger({ delivery }: { delivery: DeliveryData }) {
  const { t } = useTranslation();
  const fundName = (id: number) => delivery.grants.find((g) => g.fundId === id)?.fundName ?? "";
  const lineName = (id: number) => delivery.budgetLines.find((l) => l.id === id)?.item ?? "";
  return (
    <section className="card space-y-4" aria-labelledby="delivery-ledger">
      <div>
        <h2 id="delivery-ledger" className="text-lg font-semibold">
          {t("delivery.tranches")}
        </h2>
        {delivery.disbursements.length === 0 ? (
          <p className="text-stone-500">{t("delivery.noTranches")}</p>
        ) : (
          <ul className="mt-1 divide-y divide-stone-100">
            {delivery.disbursements.map((d) => (
              <li
                key={d.id}
                className="flex items-baseline justify-between gap-3 py-1"
                data-tranche={d.id}
              >
                <span className="min-w-0">
                  {d.paidOn} · {fundName(d.fundId)}
                  {d.note ? ` · ${d.note}` : null}
                </span>
                <span className="shrink-0 tabular-nums">{yuan(d.amountFen)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3 className="font-semibold">{t("delivery.spending")}</h3>
        {delivery.spending.length === 0 ? (
          <p className="text-stone-500">{t("delivery.noSpending")}</p>
        ) : (
          <ul className="mt-1 divide-y divide-stone-100">
            {delivery.spending.map((s) => (
              <li key={s.id} className="py-1" data-spending={s.id}>
                <div className="flex items-baseline justify-between gap-3">
                  <span className="min-w-0">
                    {s.spentOn} · {lineName(s.budgetLineId)} · {s.description}
                  </span>
                  <span className="shrink-0 tabular-nums">{yuan(s.amountFen)}</span>
                </div>
                {s.receipts.map((r) => (
                  <a
                    key={r.id}
                    href={`/files/${r.sha256}`}
                    target="_blank"
                    rel="noreferrer"
                    className="mr-2 text-sm text-brand-700 underline"
                  >
                    {t("delivery.receipt")}: {r.name}
                  </a>
                ))}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

/**
 * The whole reading: status line, money, milestones, timeline, ledger. A page whose header shows
 * the status already leaves it out here (`status={false}`).
 */
export function DeliveryView({
  delivery,
  status = true,
}: {
  delivery: DeliveryData;
  status?: boolean;
}) {
  return (
    <div className="space-y-4">
      {status ? <DeliveryHeaderNotes delivery={delivery} /> : null}
      <DeliveryMoney delivery={delivery} />
      <DeliveryMilestones delivery={delivery} />
      <DeliveryTimeline delivery={delivery} />
      <DeliveryLedger delivery={delivery} />
    </div>
  );
}

export function DeliveryHeaderNotes({ delivery }: { delivery: DeliveryData }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <DeliveryStatusBadge status={delivery.status} atRisk={delivery.atRisk} />
      {delivery.status === "terminated" ? (
        <span className="text-rose-800">
          {t("delivery.terminatedReason", { reason: delivery.terminatedReason })}
        </span>
      ) : delivery.flagNote && (delivery.status === "late" || delivery.atRisk) ? (
        <span className="text-amber-800">
          {t("delivery.flagNote", { note: delivery.flagNote })}
        </span>
      ) : null}
    </div>
  );
}
