import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList } from "~/components/forms";
import { TallyTable } from "~/components/tally-table";
import { readForm } from "~/forms/form-data.server";
import { refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { ConnectionBadge } from "~/live/live-ui";
import { useLive } from "~/live/use-live";
import { useTally } from "~/live/use-tally";
import {
  computeTally,
  listBatches,
  registryCounts,
  voidBatch,
  voidToken,
} from "~/models/ballot.server";
import { listCommunities } from "~/models/community.server";
import { getCompetition, setRegistryProof } from "~/models/competition.server";
import { buildSnapshot } from "~/models/live.server";
import { createStation, listStations, PaperError } from "~/models/paper.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { routeCompetition } from "~/server/competition-route.server";
import { qrAddress } from "~/server/qr.server";
import { redirectWithToast } from "~/server/toast.server";
import { idParam } from "~/utils/params";
import { BallotBatches } from "./batches";
import { Registry } from "./registry";
import { registryImportAction } from "./registry-import.server";
import { VOTING_INTENTS, VotingPageSchema, type VotingIntent } from "./schema";
import { Stations } from "./stations";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ["street_admin", "observer"] });
  const { db, id, competition } = await routeCompetition(args);
  const [tally, batches, communities, registry, stations, snapshot] = await Promise.all([
    computeTally(db, id),
    listBatches(db, id),
    listCommunities(db),
    registryCounts(db, id),
    listStations(db, id),
    buildSnapshot(db, id, "host"),
  ]);
  // After a batch is voided whole, the form to issue it again comes filled in.
  const again = batches.find(
    (b) => b.id === Number(new URL(args.request.url).searchParams.get("reissue")),
  );
  return json({
    competition: {
      id,
      slug: competition.slug,
      verificationMode: competition.verificationMode,
      registryProof: competition.registryProof,
      voteRule: competition.voteRule,
    },
    tally,
    batches,
    reissue: again
      ? {
          batchId: again.id,
          name: again.name,
          communityId: again.communityId,
          count: Math.max(1, again.issued - again.used),
        }
      : null,
    qrAddress: qrAddress(args.request, args.context.services.config.publicUrl),
    communities,
    registry,
    stations: stations.map((s) => ({
      id: s.id,
      name: s.name,
      communityName: s.communityName,
      status: s.reconciliation.status,
    })),
    snapshot,
    canEdit: user.role === "street_admin",
  });
}

/**
 * One action for the tab's forms, told apart by `intent` (see ./schema). A refusal answers the
 * form that was sent, beside its fields, with what was typed; the registry CSV (multipart) is
 * read on its own.
 */
export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const { db, broadcaster } = args.context.services;
  const id = idParam(args.params.competitionId);
  invariantResponse(await getCompetition(db, id), "Not found", { status: 404 });
  const here = `/admin/competitions/${id}/voting`;
  /** A refusal answers the form that was sent (an unknown intent: the page). */
  const refuse = (intent: VotingIntent | "unknown", result: SubmissionResult<string[]>) =>
    json({ intent, result }, { status: 400 });
  if ((args.request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data"))
    return registryImportAction(args, actorOf(admin), id, here);

  const form = await readForm(args.request);
  const submission = parseWithZod(form, { schema: VotingPageSchema });
  if (submission.status !== "success") {
    const sent = form.get("intent");
    const intent = VOTING_INTENTS.find((i) => i === sent) ?? "unknown";
    return refuse(intent, refusal(submission));
  }
  const v = submission.value;
  switch (v.intent) {
    case "void": {
      const result = await voidToken(
        db,
        actorOf(admin),
        id,
        v.batchId,
        v.checkCode,
        v.reason ?? "",
      );
      // A code that matches no card, or one that cannot be voided: said beside the code typed.
      if (result !== "voided")
        return refuse(
          "void",
          refusal(submission, {
            fieldErrors: { checkCode: [msg(`voting.voidResults.${result}`)] },
          }),
        );
      return redirectWithToast(args.context, args.request, here, {
        message: "voting.voidResults.voided",
      });
    }
    case "voidBatch": {
      const result = await voidBatch(db, actorOf(admin), id, v.batchId, v.reason);
      if (result.status !== "voided")
        return redirectWithToast(args.context, args.request, here, {
          kind: "error",
          message: `voting.voidBatch.${result.status}`,
        });
      broadcaster.tallyChanged(id);
      return redirectWithToast(
        args.context,
        args.request,
        `${here}?reissue=${v.batchId}#generate`,
        {
          message: "voting.voidBatch.done",
          values: { name: result.batch.name, voided: result.voided, used: result.used },
        },
      );
    }
    case "registryProof":
      await setRegistryProof(db, actorOf(admin), id, v.registryProof);
      return redirectWithToast(args.context, args.request, here, {
        message: "voting.registryProof.saved",
      });
    case "station": {
      if (!(await listCommunities(db)).some((c) => c.id === v.communityId))
        return refuse(
          "station",
          refusal(submission, { fieldErrors: { communityId: [msg("errors.invalidChoice")] } }),
        );
      let station: Awaited<ReturnType<typeof createStation>>;
      try {
        station = await createStation(db, actorOf(admin), {
          competitionId: id,
          communityId: v.communityId,
          name: v.name,
        });
      } catch (error) {
        if (!(error instanceof PaperError && error.refusal === "stationsClosed")) throw error;
        return refuse(
          "station",
          refusal(submission, { formErrors: [msg("paper.errors.stationsClosed")] }),
        );
      }
      if (!station)
        return refuse(
          "station",
          refusal(submission, { fieldErrors: { name: [msg("voting.stationExists")] } }),
        );
      // The tally counts stations (confirmed / all): everyone watching it gets the new total.
      broadcaster.tallyChanged(id);
      return redirectWithToast(args.context, args.request, here, {
        message: "voting.stationAdded",
      });
    }
  }
}

export default function VotingAdmin() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const refused = (intent: VotingIntent | "registryImport") =>
    actionData?.intent === intent ? actionData.result : undefined;
  const { connected, socket } = useLive(data.competition.id, "host", data.snapshot);
  const tally = useTally(socket, data.tally, connected);
  const turnout = tally?.turnout ?? data.tally?.turnout ?? [];
  return (
    <div className="space-y-6">
      {actionData?.intent === "unknown" ? (
        <ErrorList errors={actionData.result.error?.[""]} />
      ) : null}
      <section className="card">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 className="text-lg font-semibold">{t("tally.title")}</h2>
          <ConnectionBadge connected={connected} />
        </div>
        {tally ? <TallyTable tally={tally} /> : null}
        {turnout.length ? (
          <>
            <h3 className="mt-4 mb-2 font-semibold">{t("tally.turnout")}</h3>
            <ul className="grid gap-2 text-sm sm:grid-cols-3" data-testid="turnout">
              {turnout.map((c) => (
                <li
                  key={c.communityId}
                  className="flex justify-between rounded-lg bg-stone-50 px-3 py-2"
                >
                  <span>{c.communityName}</span>
                  <span className="tabular-nums">
                    {c.used} / {c.issued}
                    {c.issued ? `(${Math.round((c.used / c.issued) * 100)}%)` : ""}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <BallotBatches
        competitionId={data.competition.id}
        batches={data.batches}
        communities={data.communities}
        canEdit={data.canEdit}
        qrAddress={data.qrAddress}
        reissue={data.reissue}
        voidCard={refused("void")}
        voidBatch={refused("voidBatch")}
      />

      <Stations
        competitionId={data.competition.id}
        stations={data.stations}
        communities={data.communities}
        canEdit={data.canEdit}
        lastResult={refused("station")}
      />

      {data.competition.verificationMode !== "token" || data.registry.length ? (
        <Registry
          competitionId={data.competition.id}
          registry={data.registry}
          registryProof={data.competition.registryProof}
          canEdit={data.canEdit}
          proofResult={refused("registryProof")}
          importResult={refused("registryImport")}
          importLines={actionData && "lines" in actionData ? actionData.lines : []}
        />
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
