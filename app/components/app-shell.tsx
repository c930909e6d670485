/** The page frame: a header with the navigation of the signed-in role. */
import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Role } from "~/domain/enums";
import { homeFor } from "~/utils/roles";

interface ShellUser {
  displayName: string;
  username: string;
  role: Role;
}

type NavKey =
  | "nav.home"
  | "nav.users"
  | "nav.audit"
  | "nav.competitions"
  | "nav.needs"
  | "nav.allNeeds"
  | "nav.proposals"
  | "nav.resources"
  | "nav.myOffers"
  | "nav.claimNeeds"
  | "nav.match"
  | "nav.deliveries"
  | "nav.dashboard"
  | "nav.sandbox"
  | "nav.brands";

const NAV: Record<Role, Array<{ to: string; key: NavKey; end?: boolean }>> = {
  street_admin: [
    { to: "/admin", key: "nav.home", end: true },
    { to: "/admin/competitions", key: "nav.competitions" },
    { to: "/admin/needs", key: "nav.allNeeds" },
    { to: "/admin/resources", key: "nav.resources" },
    { to: "/resources/match", key: "nav.match" },
    { to: "/admin/dashboard", key: "nav.dashboard" },
    { to: "/admin/sandbox", key: "nav.sandbox" },
    { to: "/admin/brands", key: "nav.brands" },
    { to: "/admin/users", key: "nav.users" },
    { to: "/audit", key: "nav.audit" },
  ],
  secretary: [
    { to: "/secretary", key: "nav.home", end: true },
    { to: "/secretary/needs", key: "nav.needs" },
    { to: "/secretary/proposals", key: "nav.proposals" },
    { to: "/secretary/resources", key: "nav.resources" },
    { to: "/resources/match", key: "nav.match" },
    { to: "/secretary/deliveries", key: "nav.deliveries" },
    { to: "/secretary/dashboard", key: "nav.dashboard" },
  ],
  judge: [{ to: "/judge", key: "nav.home", end: true }],
  clerk: [{ to: "/clerk", key: "nav.home", end: true }],
  observer: [
    { to: "/observer", key: "nav.home", end: true },
    { to: "/admin/competitions", key: "nav.competitions" },
    { to: "/admin/needs", key: "nav.allNeeds" },
    { to: "/admin/resources", key: "nav.resources" },
    { to: "/admin/dashboard", key: "nav.dashboard" },
    { to: "/admin/sandbox", key: "nav.sandbox" },
    { to: "/admin/brands", key: "nav.brands" },
    { to: "/audit", key: "nav.audit" },
  ],
  partner: [
    { to: "/partner", key: "nav.myOffers", end: true },
    { to: "/partner/needs", key: "nav.claimNeeds" },
  ],
};

export function AppShell({ user, children }: { user: ShellUser | null; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const otherLocale = i18n.language === "en" ? "zh-CN" : "en";
  const here = location.pathname + location.search;
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-stone-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link to={user ? homeFor(user.role) : "/"} className="flex items-center gap-2">
            <span className="grid size-9 place-items-center rounded-lg bg-brand-600 text-lg font-bold text-white">
              路
            </span>
            <span className="text-lg font-semibold">{t("app.name")}</span>
          </Link>
          {user ? (
            <nav aria-label={t("nav.menu")} className="flex flex-wrap gap-1">
              {NAV[user.role].map((item) => (
                <NavLink
                  key={item.to}
                  to={item.to}
                  end={item.end}
                  className={({ isActive }) =>
                    `rounded-md px-3 py-2 text-sm font-medium ${
                      isActive ? "bg-brand-50 text-brand-700" : "text-stone-600 hover:bg-stone-100"
                    }`
                  }
                >
                  {t(item.key)}
                </NavLink>
              ))}
            </nav>
          ) : null}
          <div className="ml-auto flex flex-wrap items-center gap-2 text-sm">
            <a
              href={`/language?${new URLSearchParams({ lng: otherLocale, redirectTo: here })}`}
              className="rounded-md px-2 py-2 text-stone-600 hover:bg-stone-100"
              lang={otherLocale}
            >
              {t("nav.language")}
            </a>
            {user ? (
              <>
                <span className="hidden text-stone-600 sm:inline" data-testid="current-user">
                  {user.displayName} · {t(`roles.${user.role}`)}
                </span>
                <Link
                  to="/me/password"
                  className="rounded-md px-2 py-2 text-stone-600 hover:bg-stone-100"
                >
                  {t("nav.password")}
                </Link>
                <Form method="post" action="/logout">
                  <input type="hidden" name="intent" value="logout" />
                  <button type="submit" className="btn-secondary min-h-9 px-3 py-1 text-sm">
                    {t("nav.logout")}
                  </button>
                </Form>
              </>
            ) : (
              <Link to="/login" className="btn-primary min-h-9 px-3 py-1 text-sm">
                {t("nav.login")}
              </Link>
            )}
          </div>
        </div>
      </header>
      <div className="flex-1">{children}</div>
      <footer className="border-t border-stone-200 bg-white py-4 text-center text-xs text-stone-500 print:hidden">
        {t("app.fullName")}
      </footer>
    </div>
  );
}
