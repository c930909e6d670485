/**
 * Accessible form fields: a label, the control, and its errors (aria-invalid, aria-describedby).
 * The Bound* fields take a Conform field and read its props and errors from it.
 */
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
  type FormMetadata,
} from "@conform-to/react";
import { Form } from "@remix-run/react";
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

type Bound = FieldMetadata<unknown>;
type InputType = Parameters<typeof getInputProps>[1]["type"];

/** A Field bound to a Conform field; `inputProps` adds to (or overrides) what Conform gives. */
export function BoundField({
  field,
  type = "text",
  inputProps,
  ...rest
}: FieldProps & {
  field: Bound;
  type?: Exclude<InputType, "checkbox" | "radio">;
  large?: boolean;
  inputProps?: InputHTMLAttributes<HTMLInputElement>;
}) {
  return (
    <Field
      {...rest}
      errors={field.errors}
      inputProps={{ ...getInputProps(field, { type }), ...inputProps }}
    />
  );
}

/** A TextareaField bound to a Conform field (4 rows unless `rows` says otherwise). */
export function BoundTextarea({
  field,
  rows,
  ...rest
}: FieldProps & { field: Bound; rows?: number }) {
  const props = getTextareaProps(field);
  return (
    <TextareaField
      {...rest}
      errors={field.errors}
      textareaProps={rows ? { ...props, rows } : props}
    />
  );
}

/**
 * A SelectField bound to a Conform field: one option a value of `options` labelled by
 * `optionLabel`, or one a row of `rows` (its id, its name); `children` (an empty choice, say)
 * come first.
 */
export function BoundSelect<V extends string | number>({
  field,
  options = [],
  optionLabel = String,
  rows = [],
  children,
  ...rest
}: FieldProps & {
  field: Bound;
  options?: readonly V[];
  optionLabel?: (value: V) => ReactNode;
  rows?: ReadonlyArray<{ id: number; name: string }>;
  children?: ReactNode;
}) {
  return (
    <SelectField {...rest} errors={field.errors} selectProps={getSelectProps(field)}>
      {children}
      {options.map((v) => (
        <option key={v} value={v}>
          {optionLabel(v)}
        </option>
      ))}
      {rows.map((r) => (
        <option key={r.id} value={r.id}>
          {r.name}
        </option>
      ))}
    </SelectField>
  );
}

/** A CheckboxField bound to a Conform field. */
export function BoundCheckbox({ field, ...rest }: FieldProps & { field: Bound }) {
  return (
    <CheckboxField
      {...rest}
      errors={field.errors}
      inputProps={getInputProps(field, { type: "checkbox" })}
    />
  );
}

/** The errors of the whole form in a box of their own; nothing when there are none. */
export function FormErrors({
  form,
  className,
}: {
  form: { errorId: string; errors?: ListOfErrors };
  className?: string;
}) {
  if (!form.errors?.length) return null;
  return (
    <div className={className}>
      <ErrorList id={form.errorId} errors={form.errors} />
    </div>
  );
}

/**
 * A form's submit button in its own row and the errors of the whole form: below the row, or
 * inside it above the button (`errorsAbove`).
 */
export function SubmitRow({
  label,
  form,
  className,
  buttonClassName = "btn-primary",
  errorsAbove = false,
}: {
  label: ReactNode;
  form: { errorId: string; errors?: ListOfErrors };
  className?: string;
  buttonClassName?: string;
  errorsAbove?: boolean;
}) {
  const errors = <ErrorList id={form.errorId} errors={form.errors} />;
  const button = (
    <button type="submit" className={buttonClassName}>
      {label}
    </button>
  );
  if (errorsAbove)
    return (
      <div className={className}>
        {errors}
        {button}
      </div>
    );
  return (
    <>
      <div className={className}>{button}</div>
      {errors}
    </>
  );
}

/** A card with one form: the heading names the section, the form follows. */
export function FormCard({
  id,
  title,
  level = 3,
  className = "card",
  titleClassName = "mb-3 font-semibold",
  children,
}: {
  /** The form's id: the heading is `${id}-title`. */
  id: string;
  title: ReactNode;
  level?: 2 | 3;
  className?: string;
  titleClassName?: string;
  children: ReactNode;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section className={className} aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`} className={titleClassName}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/** A posted Conform form that says which of the page's forms it is (`intent`). */
export function IntentForm<Schema extends Record<string, unknown>>({
  form,
  intent,
  multipart = false,
  className,
  children,
}: {
  form: FormMetadata<Schema, string[]>;
  intent: string;
  /** Sends files (multipart/form-data). */
  multipart?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Form
      method="post"
      encType={multipart ? "multipart/form-data" : undefined}
      {...getFormProps(form)}
      className={className}
    >
      <input type="hidden" name="intent" value={intent} />
      {children}
    </Form>
  );
}

/** A submit button for a final step: asked once more (without JavaScript it sends at once). */
export function ConfirmSubmit({
  confirm,
  className,
  children,
}: {
  confirm: string;
  className: string;
  children: ReactNode;
}) {
  return (
    <button
      type="submit"
      className={className}
      onClick={(e) => {
        if (!window.confirm(confirm)) e.preventDefault();
      }}
    >
      {children}
    </button>
  );
}
