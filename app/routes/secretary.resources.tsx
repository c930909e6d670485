/** A secretary's 资源: claims and matches on the community's needs; confirm, link, decline. */
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ClaimsList } from "~/components/resources/claims-list";
import { readForm } from "~/forms/form-data.server";
import { SecretaryResourcesSchema } from "~/forms/resource-form";
import { listProposals } from "~/models/proposal.server";
import { decideClaim, listClaims, withdrawClaim } from "~/models/resource.server";
import { requireUser } from "~/server/auth.server";
import { invalid, orRefusal } from "~/server/resource-actions.server";
import { redirectWithToast } from "~/server/toast.server";

async function secretary(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: "secretary" });
  invariantResponse(user.communityId, "Forbidden", { status: 403 });
  return { ...user, communityId: user.communityId };
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await secretary(args);
  const { db } = args.context.services;
  const proposals = await listProposals(db, { communityId: user.communityId });
  return json({
    claims: await listClaims(db, { communityId: user.communityId }),
    proposals: proposals
      .filter((p) => !["withdrawn", "rejected"].includes(p.status))
      .map((p) => ({ id: p.id, title: p.title })),
  });
}

export async function action(args: ActionFunctionArgs) {
  const user = await secretary(args);
  const { db } = args.context.services;
  const formData = await readForm(args.request);
  const submission = parseWithZod(formData, { schema: SecretaryResourcesSchema });
  if (submission.status !== "success") return invalid(formData, submission);
  const v = submission.value;
  const done = await orRefusal(formData, submission, () =>
    v.intent === "withdraw"
      ? withdrawClaim(db, user, v.claimId)
      : decideClaim(db, user, v.claimId, {
          confirm: v.intent === "confirm",
          proposalId: v.proposalId ?? null,
        }),
  );
  if (!done.ok) return done.response;
  const message =
    v.intent === "withdraw"
      ? "resources.withdrawnDone"
      : v.intent === "confirm"
        ? "resources.confirmed"
        : "resources.linked";
  return redirectWithToast(args.context, args.request, "/secretary/resources", { message });
}

export default function SecretaryResources() {
  const { t } = useTranslation();
  const { claims, proposals } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main className="mx-auto max-w-4xl space-y-4 px-4 py-6">
      <header>
        <h1 className="text-2xl font-semibold">{t("resources.claims")}</h1>
        <p className="mt-1 text-stone-600">{t("resources.secretaryIntro")}</p>
        <Link to="/resources/match" className="mt-2 inline-block text-brand-700 underline">
          {t("nav.match")} →
        </Link>
      </header>
      <section className="card">
        <ClaimsList
          claims={claims}
          proposals={proposals}
          canWithdraw
          withdrawLabel={t("resources.decline")}
          lastResult={actionData}
        />
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
