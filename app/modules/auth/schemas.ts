import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password."),
  redirectTo: z.string().optional(),
});

export const forgotPasswordSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").email("Enter a valid email address."),
});

/** A new password typed twice; the policy itself (length, guessability) is password-policy.server.ts. */
const newPasswordFields = {
  password: z.string().min(1, "Choose a password.").max(200, "Use at most 200 characters."),
  confirm: z.string(),
};
const sameTwice = (v: { password: string; confirm: string }) => v.password === v.confirm;
const notSame = { message: "The two passwords are not the same.", path: ["confirm"] };

export const resetPasswordSchema = z.object(newPasswordFields).refine(sameTwice, notSame);

export const changePasswordSchema = z
  .object({ current: z.string().min(1, "Enter your current password."), ...newPasswordFields })
  .refine(sameTwice, notSame);

export const invitationAnswerSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), name: z.string().trim().min(1, "Enter your name.").max(80, "Use at most 80 characters."), ...newPasswordFields }).refine(sameTwice, notSame),
  z.object({ intent: z.literal("accept") }),
  z.object({ intent: z.literal("decline") }),
]);
