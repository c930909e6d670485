/** Roles and where each lands after login. Shared by server and browser (no secrets). */
import type { Role } from "../domain/enums";

const ROLE_HOME: Record<Role, string> = {
  street_admin: "/admin",
  secretary: "/secretary",
  judge: "/judge",
  clerk: "/clerk",
  observer: "/observer",
  partner: "/partner",
};

export function homeFor(role: Role) {
  return ROLE_HOME[role];
}
