/** The frame of residents' pages: large type, high contrast, nothing else to tap by mistake. */
import { useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export function VoteFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="min-h-dvh bg-white text-lg leading-relaxed text-stone-950">
      <header className="bg-brand-700 px-4 py-3 text-white">
        <p className="text-base opacity-90">{t("app.name")}</p>
        <h1 className="text-2xl font-bold leading-snug">{title}</h1>
      </header>
      <main className="mx-auto max-w-xl px-4 pt-4 pb-36">{children}</main>
    </div>
  );
}

export function Notice({
  tone = "info",
  children,
}: {
  tone?: "info" | "error" | "success";
  children: ReactNode;
}) {
  const styles = {
    info: "border-sky-700 bg-sky-50 text-sky-950",
    error: "border-red-700 bg-red-50 text-red-950",
    success: "border-emerald-700 bg-emerald-50 text-emerald-950",
  };
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={`rounded-xl border-2 p-4 text-xl ${styles[tone]}`}
    >
      {children}
    </div>
  );
}

/** The confirm step's two buttons: cast the ballot as shown, or go back and change it. */
export function ConfirmButtons() {
  const { t } = useTranslation();
  const navigation = useNavigation();
  return (
    <>
      <button
        type="submit"
        name="intent"
        value="confirm"
        className="btn-primary min-h-16 w-full text-2xl"
        disabled={navigation.state !== "idle"}
      >
        {t("vote.confirm")}
      </button>
      <button
        type="submit"
        name="intent"
        value="back"
        className="btn-secondary min-h-14 w-full text-xl"
        formNoValidate
      >
        {t("vote.back")}
      </button>
    </>
  );
}
