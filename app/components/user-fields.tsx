/** The role and community of a user account, the same on the new-user and edit-user forms. */
import { type FieldMetadata, getSelectProps } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { SelectField } from "~/components/forms";
import { ASSIGNABLE_ROLES, ROLES } from "~/domain/enums";

export function RoleAndCommunityFields({
  role,
  communityId,
  communities,
  keepPartner = false,
}: {
  /** A partner login keeps its role on the edit page; new partner logins come from a unit's page. */
  keepPartner?: boolean;
  role: FieldMetadata<unknown>;
  communityId: FieldMetadata<unknown>;
  communities: Array<{ id: number; name: string }>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField label={t("users.role")} errors={role.errors} selectProps={getSelectProps(role)}>
        {(keepPartner ? ROLES : ASSIGNABLE_ROLES).map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("users.community")}
        errors={communityId.errors}
        selectProps={getSelectProps(communityId)}
      >
        <option value="">{t("users.noCommunity")}</option>
        {communities.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
    </>
  );
}
