/** Fields the delivery forms share: a sum of money in 元 and a day that has already come. */
import type { ComponentProps } from "react";
import { todayInBeijing } from "~/forms/delivery-form";
import { BoundField } from "./forms";

type Props = Omit<ComponentProps<typeof BoundField>, "type">;

/** A sum in 元, typed as text (the decimal keyboard on phones); the server reads it into 分. */
export function YuanField({ inputProps, ...rest }: Props) {
  return <BoundField {...rest} inputProps={{ inputMode: "decimal", ...inputProps }} />;
}

/** A day up to today in Beijing (a payment, a spending, a piece of progress). */
export function PastDayField({ inputProps, ...rest }: Props) {
  return <BoundField {...rest} type="date" inputProps={{ max: todayInBeijing(), ...inputProps }} />;
}
