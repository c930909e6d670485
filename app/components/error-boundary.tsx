/** One error boundary for every route: a clear message per status, in Chinese first. */
import { isRouteErrorResponse, Link, useRouteError, type ErrorResponse } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { translateMessage } from "~/forms/messages";

type StatusHandler = (info: { error: ErrorResponse }) => ReactNode;

export function GeneralErrorBoundary({
  statusHandlers,
  unexpectedErrorHandler,
}: {
  statusHandlers?: Record<number, StatusHandler>;
  unexpectedErrorHandler?: (error: unknown) => ReactNode;
}) {
  const error = useRouteError();
  const { t } = useTranslation();
  if (typeof document !== "undefined" && !isRouteErrorResponse(error)) console.error(error);

  let title = t("errors.serverTitle");
  let body: ReactNode = t("errors.serverBody");
  let status = 500;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const custom = statusHandlers?.[error.status];
    if (custom) return <ErrorPanel status={status}>{custom({ error })}</ErrorPanel>;
    if (error.status === 403) {
      title = t("errors.forbiddenTitle");
      body = t("errors.forbiddenBody");
    } else if (error.status === 404) {
      title = t("errors.notFoundTitle");
      body = t("errors.notFoundBody");
    } else if (error.status >= 400 && error.status < 500) {
      // 400, 409, 413, 415…: the message is an i18n key (or plain text) from the server.
      title = t("errors.badRequestTitle");
      body = typeof error.data === "string" ? translateMessage(t, error.data) : "";
    }
  } else if (unexpectedErrorHandler) {
    return <ErrorPanel status={500}>{unexpectedErrorHandler(error)}</ErrorPanel>;
  }
  return (
    <ErrorPanel status={status}>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-2 text-stone-600">{body}</p>
    </ErrorPanel>
  );
}

function ErrorPanel({ status, children }: { status: number; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-xl px-4 py-16" data-status={status}>
      <div className="card">
        <p className="text-sm font-mono text-stone-400">{status}</p>
        {children}
        <Link to="/" className="btn-secondary mt-6">
          {t("errors.backHome")}
        </Link>
      </div>
    </div>
  );
}
