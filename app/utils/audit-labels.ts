/**
 * Words for what the audit log stores as codes: action codes ("proposal.accept"), actor labels
 * ("admin (street_admin)", "system", "ip 1.2.3.4") and subject types. The log itself keeps the
 * codes (they are hashed into the chain); only their display is translated.
 */
import type { TFunction } from "i18next";
import { ROLES } from "~/domain/enums";

type T = TFunction<"translation">;

export function actionLabel(t: T, code: string) {
  return t(`audit.actions.${code}` as "audit.actions.auth.login", { defaultValue: code });
}

export function actorLabel(t: T, label: string) {
  if (label === "system") return t("audit.actors.system");
  if (label === "resident") return t("audit.actors.resident");
  const ip = /^ip (.+)$/.exec(label);
  if (ip) return t("audit.actors.ip", { ip: ip[1] });
  const cli = /^cli (.+)$/.exec(label);
  if (cli) return t("audit.actors.cli", { name: cli[1] });
  const withRole = /^(.+) \(([a-z_]+)\)$/.exec(label);
  if (withRole && (ROLES as readonly string[]).includes(withRole[2]!))
    return t("audit.actors.withRole", {
      name: withRole[1],
      role: t(`roles.${withRole[2] as (typeof ROLES)[number]}`),
    });
  return label;
}

export function subjectLabel(t: T, type: string, id: string | number | null) {
  const name = t(`audit.subjects.${type}` as "audit.subjects.user", { defaultValue: type });
  return id === null || id === "" ? name : `${name} #${id}`;
}
