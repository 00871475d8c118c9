// Forms of the notifications module: Settings > Buyer messages, and the buyer's preferences page.
import { z } from "zod";
import { ALL_TRIGGERS, CHANNELS, PREFERENCE_TOPICS } from "./triggers";

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((v) => v === "on" || v === "true");

export const buyerMessagesFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save-template"),
    trigger: z.enum(ALL_TRIGGERS, "unknown message trigger"),
    channel: z.enum(CHANNELS, "channel must be email or sms"),
    enabled: checkbox,
    subject: z.string().max(1000).optional().default(""),
    body: z.string().max(10_000, "the message is far too long"),
  }),
  z.object({
    intent: z.literal("reset-template"),
    trigger: z.enum(ALL_TRIGGERS, "unknown message trigger"),
    channel: z.enum(CHANNELS, "channel must be email or sms"),
  }),
  z.object({
    intent: z.literal("save-general"),
    enabled: checkbox,
    supportEmail: z
      .string()
      .trim()
      .max(254)
      .refine((v) => v === "" || z.email().safeParse(v).success, "not a valid email address"),
  }),
]);

export const unsubscribeFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("everything") }),
  z.object({ intent: z.literal("resubscribe") }),
  z.object({
    intent: z.literal("choose"),
    topicsOn: z.array(z.enum(PREFERENCE_TOPICS, "unknown message type")).default([]),
    channelsOn: z.array(z.enum(CHANNELS, "unknown channel")).default([]),
  }),
]);
