import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listUsers } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, { role: "street_admin" });
  return json({ users: await listUsers(args.context.services.db) });
}

export default function UsersPage() {
  const { t } = useTranslation();
  const { users } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-6xl px-4 py-6">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("users.title")}</h1>
        <Link to="/admin/users/new" className="btn-primary">
          {t("users.create")}
        </Link>
      </div>
      <div className="card overflow-x-auto p-0 sm:p-0">
        <table className="table">
          <thead>
            <tr>
              <th>{t("users.username")}</th>
              <th>{t("users.displayName")}</th>
              <th>{t("users.role")}</th>
              <th className="hidden md:table-cell">{t("users.community")}</th>
              <th className="hidden md:table-cell">{t("users.status")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className={u.active ? "" : "text-stone-400"}>
                <td className="font-mono">{u.username}</td>
                <td>
                  {u.displayName}
                  {u.title ? <div className="text-xs text-stone-500">{u.title}</div> : null}
                </td>
                <td className="whitespace-nowrap">{t(`roles.${u.role}`)}</td>
                <td className="hidden md:table-cell">
                  {u.communityName ?? t("users.noCommunity")}
                </td>
                <td className="hidden md:table-cell">
                  {u.active ? t("users.active") : t("users.inactive")}
                </td>
                <td className="whitespace-nowrap text-right">
                  <Link to={`/admin/users/${u.id}`} className="text-brand-700 underline">
                    {t("users.edit")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
