import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { BoundField, SubmitRow } from "~/components/forms";
import { fenToInput, formatYuan } from "~/domain/money";
import { nextRoundDefaults } from "~/domain/next-round";
import { readForm } from "~/forms/form-data.server";
import { refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { NextRoundPageSchema, NextRoundSchema } from "~/forms/next-round-form";
import { listFunds } from "~/models/competition.server";
import { createNextRound, roundChain } from "~/models/next-round.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { routeCompetition } from "~/server/competition-route.server";
import { redirectWithToast } from "~/server/toast.server";

/** 新一轮: the street admin creates the next round; observers see the chain only. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ["street_admin", "observer"] });
  const { db, id, competition } = await routeCompetition(args);
  const [funds, chain] = await Promise.all([listFunds(db, id), roundChain(db, id)]);
  const next = chain[chain.findIndex((c) => c.id === id) + 1] ?? null;
  return json({
    competition: { id, kind: competition.kind },
    canEdit: user.role === "street_admin",
    defaults: nextRoundDefaults(competition),
    funds: funds.map((f) => ({
      kind: f.kind,
      name: f.name,
      totalFen: Number(f.totalFen),
      capFen: f.perProjectCapFen == null ? null : Number(f.perProjectCapFen),
    })),
    chain,
    next,
  });
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const { db, id } = await routeCompetition(args);
  const submission = parseWithZod(await readForm(args.request), { schema: NextRoundPageSchema });
  if (submission.status !== "success")
    return json({ result: refusal(submission) }, { status: 400 });
  const v = submission.value;
  const outcome = await createNextRound(db, actorOf(admin), id, {
    title: v.title,
    slug: v.slug,
    year: v.year,
    totals: v.totals,
  });
  if (outcome.ok)
    return redirectWithToast(args.context, args.request, `/admin/competitions/${outcome.id}`, {
      message: "nextRound.created",
    });
  switch (outcome.error) {
    case "slugTaken":
      return json(
        { result: refusal(submission, { fieldErrors: { slug: [msg("errors.slugTaken")] } }) },
        { status: 400 },
      );
    case "fundTotals": {
      const fieldErrors: Record<string, string[]> = {};
      for (const [kind, problem] of Object.entries(outcome.funds))
        fieldErrors[`totals.${kind}`] = [
          problem === "capAboveTotal" ? msg("errors.capAboveTotal") : msg("errors.required"),
        ];
      return json({ result: refusal(submission, { fieldErrors }) }, { status: 400 });
    }
    case "nextExists":
    case "notContest":
      return json(
        {
          result: refusal(submission, {
            formErrors: [
              outcome.error === "nextExists"
                ? msg("nextRound.nextExists")
                : msg("nextRound.evaluationRound"),
            ],
          }),
        },
        { status: 400 },
      );
    case "notFound":
      throw new Response("Not found", { status: 404 });
  }
}

export default function NextRoundPage() {
  const { t } = useTranslation();
  const { competition, canEdit, defaults, funds, chain, next } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "next-round",
    lastResult: actionData?.result,
    constraint: getZodConstraint(NextRoundSchema),
    shouldRevalidate: "onInput",
    defaultValue: {
      title: defaults.title,
      slug: defaults.slug,
      year: String(defaults.year),
      totals: Object.fromEntries(funds.map((f) => [f.kind, fenToInput(f.totalFen)])),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NextRoundSchema }),
  });
  const totals = fields.totals.getFieldset();
  return (
    <div className="space-y-6">
      {chain.length > 1 ? (
        <section className="card" aria-labelledby="chain-title">
          <h2 id="chain-title" className="mb-2 font-semibold">
            {t("nextRound.chain")}
          </h2>
          <ol className="space-y-1">
            {chain.map((c) => (
              <li key={c.id}>
                {t("nextRound.roundN", { round: c.round })} · {c.year} ·{" "}
                {c.id === competition.id ? (
                  <strong>{c.title}</strong>
                ) : (
                  <Link to={`/admin/competitions/${c.id}`} className="text-brand-700 underline">
                    {c.title}
                  </Link>
                )}
              </li>
            ))}
          </ol>
          <p className="mt-2 text-sm">
            <Link
              to={`/admin/rounds?competition=${competition.id}`}
              className="text-brand-700 underline"
            >
              {t("nextRound.compare")}
            </Link>
          </p>
        </section>
      ) : null}
      {next ? (
        <p className="card">
          {t("nextRound.exists")}{" "}
          <Link to={`/admin/competitions/${next.id}`} className="text-brand-700 underline">
            {next.title}
          </Link>
        </p>
      ) : null}
      {competition.kind !== "contest" ? (
        <p className="card">{t("nextRound.evaluationRound")}</p>
      ) : next && !actionData ? null : !canEdit ? (
        <p className="card">{t("nextRound.readOnly")}</p>
      ) : (
        <section className="card" aria-labelledby="next-round-heading">
          <h2 id="next-round-heading" className="mb-2 text-lg font-semibold">
            {t("nextRound.title")}
          </h2>
          <p className="mb-4 text-sm text-stone-600">{t("nextRound.intro")}</p>
          <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-2">
            <input type="hidden" name="intent" value="nextRound" />
            <BoundField
              className="sm:col-span-2"
              label={t("competition.title")}
              field={fields.title}
            />
            <BoundField
              label={t("competition.slug")}
              hint={t("competition.slugHint")}
              field={fields.slug}
              inputProps={{ autoCapitalize: "none" }}
            />
            <BoundField
              label={t("competition.year")}
              field={fields.year}
              inputProps={{ inputMode: "numeric" }}
            />
            {funds.map((f) => (
              <BoundField
                key={f.kind}
                label={t("nextRound.totalOf", { fund: f.name })}
                hint={[
                  t("nextRound.totalHint", { amount: formatYuan(f.totalFen) }),
                  f.capFen != null ? t("nextRound.capHint", { amount: formatYuan(f.capFen) }) : "",
                ]
                  .filter(Boolean)
                  .join(" · ")}
                field={totals[f.kind]}
                inputProps={{ inputMode: "decimal" }}
              />
            ))}
            <SubmitRow
              className="sm:col-span-2"
              label={t("nextRound.submit")}
              form={form}
              errorsAbove
            />
          </Form>
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
