import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { message: "Email is too long" })
  .email({ message: "Enter a valid email address" });

export const passwordSchema = z
  .string()
  .min(10, { message: "Password must be at least 10 characters" })
  .max(200, { message: "Password must be at most 200 characters" });

export const organizationNameSchema = z
  .string()
  .trim()
  .min(2, { message: "Organization name must be at least 2 characters" })
  .max(80, { message: "Organization name must be at most 80 characters" });

export const signUpSchema = z.object({
  name: z.string().trim().min(1, { message: "Enter your name" }).max(100),
  email: emailSchema,
  password: passwordSchema,
  organization: organizationNameSchema,
});

export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { message: "Enter your password" }).max(200),
});
