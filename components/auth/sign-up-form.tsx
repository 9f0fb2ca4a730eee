"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Input } from "@/components/ui/input";
import { loadAccountSchemas } from "./account-schemas";
import { signInWithCredentials } from "./auth-client";
import { type FieldErrors, focusFirstInvalid, zodFieldErrors } from "./field-errors";
import { PasswordInput } from "./password-input";

type Fields = "name" | "email" | "password" | "organization";

/** The server side of the form (a server action calling registerAccount), given by the page. */
export type SignUpAction = (
  values: Record<Fields, string>,
) => Promise<
  { ok: true; email: string } | { ok: false; message: string; fieldErrors: Record<string, string> }
>;

export interface SignUpFormProps {
  action: SignUpAction;
  /** Where to land once the account exists and is signed in. */
  callbackUrl: string;
}

function valuesOf(form: HTMLFormElement): Record<Fields, string> {
  const data = new FormData(form);
  const text = (name: Fields) => {
    const value = data.get(name);
    return typeof value === "string" ? value : "";
  };
  return {
    name: text("name"),
    email: text("email"),
    password: text("password"),
    organization: text("organization"),
  };
}

/**
 * Name, email, password, organization. The shared zod schema checks fields as the user leaves
 * them (once touched) and on submit; the server checks again and its field errors show inline.
 */
export function SignUpForm({ action, callbackUrl }: SignUpFormProps) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors<Fields>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [submitCount, setSubmitCount] = useState(0);

  // Runs after each failed submit, once the error texts are rendered.
  useEffect(() => {
    if (submitCount > 0) focusFirstInvalid(formRef.current);
  }, [submitCount]);

  /** Re-checks one field (on blur, or while typing once it has an error). */
  const checkField = async (field: Fields) => {
    if (!formRef.current) return;
    const { signUpSchema } = await loadAccountSchemas();
    const parsed = signUpSchema.safeParse(valuesOf(formRef.current));
    const message = parsed.success ? undefined : zodFieldErrors<Fields>(parsed.error)[field];
    setErrors((current) =>
      current[field] === message ? current : { ...current, [field]: message },
    );
  };
  const touched = (field: Fields) => ({
    onBlur: (event: { currentTarget: HTMLInputElement }) => {
      if (event.currentTarget.value !== "" || errors[field]) void checkField(field);
    },
    onChange: () => {
      if (errors[field]) void checkField(field);
    },
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = valuesOf(event.currentTarget);
    setPending(true);
    const { signUpSchema } = await loadAccountSchemas();
    const parsed = signUpSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(zodFieldErrors<Fields>(parsed.error));
      setFormError(null);
      setPending(false);
      setSubmitCount((n) => n + 1);
      return;
    }
    setErrors({});
    setFormError(null);
    try {
      const result = await action(values);
      if (!result.ok) {
        setErrors(result.fieldErrors as FieldErrors<Fields>);
        setFormError(result.message);
        setPending(false);
        setSubmitCount((n) => n + 1);
        return;
      }
      const signedIn = await signInWithCredentials({
        email: parsed.data.email,
        password: values.password,
        callbackUrl,
      });
      if (!signedIn.ok) {
        // The account exists; only the automatic sign-in failed (e.g. throttled): sign in by hand.
        router.replace(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
        return;
      }
      router.replace(callbackUrl);
    } catch {
      setFormError("Could not create the account right now. Please try again.");
      setPending(false);
    }
  };

  return (
    <form
      ref={formRef}
      onSubmit={(e) => void onSubmit(e)}
      onFocus={() => void loadAccountSchemas()}
      noValidate
      className="grid gap-4"
    >
      {formError ? (
        <InlineAlert label="Sign-up failed" data-testid="sign-up-error">
          {formError}
        </InlineAlert>
      ) : null}
      <Field label="Your name" error={errors.name}>
        <Input name="name" autoComplete="name" required maxLength={100} {...touched("name")} />
      </Field>
      <Field label="Work email" error={errors.email}>
        <Input
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          {...touched("email")}
        />
      </Field>
      <Field label="Password" error={errors.password} description="At least 10 characters.">
        <PasswordInput
          name="password"
          autoComplete="new-password"
          required
          minLength={10}
          {...touched("password")}
        />
      </Field>
      <Field
        label="Organization name"
        error={errors.organization}
        description="Your team or company. You can invite others later."
      >
        <Input
          name="organization"
          autoComplete="organization"
          required
          maxLength={80}
          {...touched("organization")}
        />
      </Field>
      <Button type="submit" className="mt-1 w-full" loading={pending}>
        Create account
      </Button>
    </form>
  );
}
