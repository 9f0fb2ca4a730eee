export type FieldErrors<K extends string> = Partial<Record<K, string>>;

interface IssueLike {
  path: PropertyKey[];
  message: string;
}

/** The first message per field from a zod error (what the form shows under each control). */
export function zodFieldErrors<K extends string>(error: { issues: IssueLike[] }): FieldErrors<K> {
  const errors: FieldErrors<K> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "") as K;
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

/** Moves focus to the first invalid control, in the form's order. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  form?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
}
