/** One partner unit for the street: its details and private contact, its logins, its offers. */
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field } from "~/components/forms";
import { OfferForm } from "~/components/resources/offer-form";
import { OffersTable } from "~/components/resources/offers-table";
import { UnitForm } from "~/components/resources/unit-form";
import { readForm } from "~/forms/form-data.server";
import { msg } from "~/forms/messages";
import { AdminUnitSchema, UnitLoginSchema } from "~/forms/resource-form";
import { listCommunities } from "~/models/community.server";
import { createOffer, getUnit, listOffers, unitLogins, updateUnit } from "~/models/resource.server";
import { actorOf, createUser, UsernameTakenError } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { formIdOf, invalid, orRefusal, type FormReply } from "~/server/resource-actions.server";
import { redirectWithToast } from "~/server/toast.server";
import { idParam } from "~/utils/params";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ["street_admin", "observer"] });
  const { db } = args.context.services;
  const id = idParam(args.params.unitId);
  const canEdit = user.role === "street_admin";
  const unit = await getUnit(db, id);
  invariantResponse(unit, "Not found", { status: 404 });
  // The contact is the street's (and the unit's own): observers read the unit without it.
  const withContact = canEdit ? await getUnit(db, id, { withContact: true }) : null;
  return json({
    unit,
    contact: withContact
      ? { contactName: withContact.contactName, contactPhone: withContact.contactPhone }
      : null,
    canEdit,
    logins: canEdit ? await unitLogins(db, id) : [],
    offers: await listOffers(db, { unitId: id }),
    communities: await listCommunities(db),
  });
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const { db } = args.context.services;
  const id = idParam(args.params.unitId);
  invariantResponse(await getUnit(db, id), "Not found", { status: 404 });
  const formData = await readForm(args.request);
  const submission = parseWithZod(formData, { schema: AdminUnitSchema });
  if (submission.status !== "success") return invalid(formData, submission);
  const here = `/admin/resources/units/${id}`;
  const v = submission.value;

  if (v.intent === "login") {
    try {
      await createUser(db, actorOf(admin), {
        username: v.username,
        displayName: v.displayName,
        role: "partner",
        partnerUnitId: id,
        password: v.password,
      });
    } catch (error) {
      if (!(error instanceof UsernameTakenError)) throw error;
      return json<FormReply>(
        {
          formId: formIdOf(formData),
          result: submission.reply({
            fieldErrors: { username: [msg("errors.usernameTaken")] },
            hideFields: ["password"],
          }),
        },
        { status: 400 },
      );
    }
    return redirectWithToast(args.context, args.request, here, {
      message: "resources.loginCreated",
      values: { username: v.username },
    });
  }

  const done = await orRefusal(formData, submission, async () => {
    if (v.intent === "unit") {
      const { intent: _, ...unit } = v;
      await updateUnit(db, admin, id, unit);
    } else {
      const { intent: _, ...offer } = v;
      await createOffer(db, admin, id, offer);
    }
  });
  if (!done.ok) return done.response;
  return redirectWithToast(args.context, args.request, here, {
    message: v.intent === "unit" ? "resources.unitSaved" : "resources.offerCreated",
  });
}

export default function AdminUnit() {
  const { t } = useTranslation();
  const { unit, contact, canEdit, logins, offers, communities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const last = (formId: string) =>
    actionData && "formId" in actionData && actionData.formId === formId
      ? actionData.result
      : undefined;
  return (
    <main className="mx-auto max-w-4xl space-y-6 px-4 py-6">
      <Link to="/admin/resources" className="text-sm text-brand-700 underline">
        ← {t("resources.back")}
      </Link>
      <section className="card">
        <h1 className="mb-1 text-2xl font-semibold">{unit.name}</h1>
        <p className="mb-4 text-stone-600">
          {t(`resources.types.${unit.type}`)} ·{" "}
          {unit.active ? t("resources.active") : t("resources.inactive")}
        </p>
        {canEdit && contact ? (
          <UnitForm
            id="unit"
            lastResult={last("unit")}
            submitLabel={t("resources.save")}
            defaultValue={{
              name: unit.name,
              type: unit.type,
              description: unit.description,
              contactName: contact.contactName,
              contactPhone: contact.contactPhone,
              active: unit.active ? "on" : undefined,
            }}
          />
        ) : (
          <p>{unit.description}</p>
        )}
      </section>
      {canEdit ? <Logins logins={logins} lastResult={last("login")} /> : null}
      <section className="card">
        <h2 className="mb-3 text-xl font-semibold">{t("resources.offers")}</h2>
        <OffersTable
          offers={offers}
          showUnit={false}
          editHref={canEdit ? (offerId) => `/admin/resources/offers/${offerId}` : undefined}
        />
        {canEdit ? (
          <div className="mt-6 border-t border-stone-100 pt-4">
            <h3 className="mb-3 text-lg font-semibold">{t("resources.newOffer")}</h3>
            <OfferForm
              id="offer"
              lastResult={last("offer")}
              communities={communities}
              submitLabel={t("resources.newOffer")}
            />
          </div>
        ) : null}
      </section>
    </main>
  );
}

function Logins({
  logins,
  lastResult,
}: {
  logins: Array<{ id: number; username: string; displayName: string; active: boolean }>;
  lastResult: FormReply["result"] | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    constraint: getZodConstraint(UnitLoginSchema),
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UnitLoginSchema }),
  });
  return (
    <section className="card">
      <h2 className="mb-3 text-xl font-semibold">{t("resources.logins")}</h2>
      {logins.length ? (
        <ul className="mb-4 space-y-1">
          {logins.map((l) => (
            <li key={l.id}>
              <Link to={`/admin/users/${l.id}`} className="font-mono text-brand-700 underline">
                {l.username}
              </Link>{" "}
              {l.displayName} {l.active ? null : `(${t("resources.inactive")})`}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-4 text-stone-500">{t("resources.noLogins")}</p>
      )}
      <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-3">
        <input type="hidden" name="intent" value="login" />
        <Field
          label={t("resources.username")}
          errors={fields.username.errors}
          inputProps={{ ...getInputProps(fields.username, { type: "text" }), autoComplete: "off" }}
        />
        <Field
          label={t("resources.displayName")}
          errors={fields.displayName.errors}
          inputProps={getInputProps(fields.displayName, { type: "text" })}
        />
        <Field
          label={t("resources.password")}
          errors={fields.password.errors}
          inputProps={{
            ...getInputProps(fields.password, { type: "password" }),
            autoComplete: "new-password",
          }}
        />
        <div className="sm:col-span-3">
          <button type="submit" className="btn-secondary">
            {t("resources.giveLogin")}
          </button>
        </div>
        <ErrorList id={form.errorId} errors={form.errors} />
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
