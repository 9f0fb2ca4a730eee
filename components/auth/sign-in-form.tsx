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
import { signInErrorMessage } from "./sign-in-errors";

type Fields = "email" | "password";

export interface SignInFormProps {
  /** Where to go after signing in: a same-origin path the page has already checked. */
  callbackUrl: string;
  /** A message for an error the page was opened with (?error=...). */
  initialError?: string | null;
}

export function SignInForm({ callbackUrl, initialError = null }: SignInFormProps) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors<Fields>>({});
  const [formError, setFormError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (Object.keys(errors).length > 0) focusFirstInvalid(formRef.current);
  }, [errors]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setPending(true);
    const { signInSchema } = await loadAccountSchemas();
    const parsed = signInSchema.safeParse({
      email: data.get("email"),
      password: data.get("password"),
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors<Fields>(parsed.error));
      setFormError(null);
      setPending(false);
      return;
    }
    setErrors({});
    setFormError(null);
    try {
      const result = await signInWithCredentials({ ...parsed.data, callbackUrl });
      if (!result.ok) {
        setFormError(signInErrorMessage(result.error));
        setPending(false);
        return;
      }
      router.replace(callbackUrl);
    } catch {
      setFormError("Could not reach the server. Check your connection and try again.");
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
        <InlineAlert label="Sign-in failed" data-testid="sign-in-error">
          {formError}
        </InlineAlert>
      ) : null}
      <Field label="Email" error={errors.email}>
        <Input
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          autoFocus
        />
      </Field>
      <Field label="Password" error={errors.password}>
        <PasswordInput name="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" className="mt-1 w-full" loading={pending}>
        Sign in
      </Button>
    </form>
  );
}
