import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  json,
  Links,
  LiveReload,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useMatches,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AppShell } from "./components/app-shell";
import { GeneralErrorBoundary } from "./components/error-boundary";
import { ToastBanner } from "./components/toast";
import { getLocale } from "./i18n/locale.server";
import { getUser } from "./server/auth.server";
import { readToast } from "./server/toast.server";
import stylesheet from "./tailwind.css";
import { useNonce } from "./utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "社区路演 Roadshow" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [user, locale, { toast, headers }] = await Promise.all([
    getUser({ request, context }),
    getLocale(request),
    readToast(context, request),
  ]);
  return json({ user, locale, toast }, { headers });
}

function Document({ children, locale }: { children: ReactNode; locale: string }) {
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <LiveReload nonce={nonce} />
      </body>
    </html>
  );
}

/** Routes whose `handle` says `{ chromeless: true }` (the big screen) render without the app frame. */
export interface RouteHandle {
  chromeless?: boolean;
}

export default function App() {
  const { user, locale, toast } = useLoaderData<typeof loader>();
  const chromeless = useMatches().some((m) => (m.handle as RouteHandle | undefined)?.chromeless);
  return (
    <Document locale={locale}>
      {chromeless ? (
        <Outlet />
      ) : (
        <AppShell user={user}>
          <ToastBanner toast={toast} />
          <Outlet />
        </AppShell>
      )}
    </Document>
  );
}

export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>("root");
  const { i18n } = useTranslation();
  return (
    <Document locale={data?.locale ?? i18n.language}>
      <AppShell user={data?.user ?? null}>
        <GeneralErrorBoundary />
      </AppShell>
    </Document>
  );
}
