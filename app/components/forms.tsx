/** Accessible form fields: a label, the control, and its errors (aria-invalid, aria-describedby). */
import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { useTranslation } from "react-i18next";
import { translateMessage } from "~/forms/messages";

export type ListOfErrors = Array<string | null | undefined> | null | undefined;

export function ErrorList({
  id,
  errors,
  className = "field-error",
}: {
  id?: string;
  errors?: ListOfErrors;
  className?: string;
}) {
  const { t } = useTranslation();
  const list = errors?.filter(Boolean) as string[] | undefined;
  if (!list?.length) return null;
  return (
    <ul id={id} className={className} role="alert">
      {list.map((e) => (
        <li key={e}>{translateMessage(t, e)}</li>
      ))}
    </ul>
  );
}

interface FieldProps {
  label: ReactNode;
  errors?: ListOfErrors;
  hint?: ReactNode;
  className?: string;
}

/** Residents' pages: large type for the label, the input and its errors. */
const LARGE_FIELD = {
  label: "label text-lg",
  input: "input text-xl",
  error: "mt-1 text-lg font-medium text-red-800",
};

export function Field({
  label,
  errors,
  hint,
  className,
  large,
  inputProps,
}: FieldProps & { large?: boolean; inputProps: InputHTMLAttributes<HTMLInputElement> }) {
  const fallbackId = useId();
  const id = inputProps.id ?? fallbackId;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className={large ? LARGE_FIELD.label : "label"}>
        {label}
      </label>
      <input
        id={id}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[errorId, hintId].filter(Boolean).join(" ") || undefined}
        className={large ? LARGE_FIELD.input : "input"}
        {...inputProps}
      />
      {hint ? (
        <p id={hintId} className="mt-1 text-sm text-stone-500">
          {hint}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={errors} className={large ? LARGE_FIELD.error : undefined} />
    </div>
  );
}

export function SelectField({
  label,
  errors,
  hint,
  className,
  selectProps,
  children,
}: FieldProps & { selectProps: SelectHTMLAttributes<HTMLSelectElement>; children: ReactNode }) {
  const fallbackId = useId();
  const id = selectProps.id ?? fallbackId;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <select
        id={id}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        className="input"
        {...selectProps}
      >
        {children}
      </select>
      {hint ? <p className="mt-1 text-sm text-stone-500">{hint}</p> : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export function CheckboxField({
  label,
  errors,
  className,
  inputProps,
}: FieldProps & { inputProps: InputHTMLAttributes<HTMLInputElement> }) {
  const fallbackId = useId();
  const id = inputProps.id ?? fallbackId;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="inline-flex min-h-11 items-center gap-2 text-base">
        <input
          id={id}
          type="checkbox"
          className="size-5 accent-brand-600"
          aria-invalid={errorId ? true : undefined}
          aria-describedby={errorId}
          {...inputProps}
        />
        {label}
      </label>
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export function TextareaField({
  label,
  errors,
  hint,
  className,
  textareaProps,
}: FieldProps & { textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement> }) {
  const fallbackId = useId();
  const id = textareaProps.id ?? fallbackId;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <textarea
        id={id}
        rows={4}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[errorId, hintId].filter(Boolean).join(" ") || undefined}
        className="input"
        {...textareaProps}
      />
      {hint ? (
        <p id={hintId} className="mt-1 text-sm text-stone-500">
          {hint}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}
