// Small constructors that keep the carrier tables readable: one line per code.
import type { ExceptionType } from "../../../../db/types";
import type { CodeRule, EddEffect } from "./types";

type Extra = Partial<Pick<CodeRule, "clears" | "physical" | "edd">>;

export const infoReceived = (substatus: string, meaning: string): CodeRule => ({ status: "info_received", substatus, meaning, physical: false });
export const inTransit = (substatus: string, meaning: string, extra: Extra = {}): CodeRule => ({ status: "in_transit", substatus, meaning, ...extra });
/** An in-transit line that is not a scan (EDD notice, system-generated "in transit to next facility"). */
export const notice = (substatus: string, meaning: string, extra: Extra = {}): CodeRule => ({ status: "in_transit", substatus, meaning, physical: false, ...extra });
export const outForDelivery = (substatus: string, meaning: string, extra: Extra = {}): CodeRule => ({ status: "out_for_delivery", substatus, meaning, ...extra });
export const delivered = (substatus: string, meaning: string, exceptions?: ExceptionType[]): CodeRule => ({ status: "delivered", substatus, meaning, exceptions });
export const pickup = (substatus: string, meaning: string): CodeRule => ({ status: "available_for_pickup", substatus, meaning });
export const attemptFailed = (substatus: string, meaning: string, withCase = true): CodeRule => ({
  status: "attempt_failed",
  substatus,
  meaning,
  exceptions: withCase ? ["failed_attempt"] : undefined,
});
export const refused = (meaning: string): CodeRule => ({ status: "exception", substatus: "refused", meaning, exceptions: ["failed_attempt"], edd: "none" });
export const exception = (type: ExceptionType | null, substatus: string, meaning: string, extra: Extra = {}): CodeRule => ({
  status: "exception",
  substatus,
  meaning,
  exceptions: type ? [type] : undefined,
  ...extra,
});
/** A carrier-declared delay: opens a delayed case and pushes the EDD. */
export const delay = (substatus: string, meaning: string, edd: EddEffect = "push"): CodeRule => exception("delayed", substatus, meaning, { edd });
/** A hint of delay the table marks "(signal)": the EDD moves, no case opens on this event alone. */
export const delaySignal = (substatus: string, meaning: string): CodeRule => exception(null, substatus, meaning, { edd: "push" });
export const returned = (substatus: string, meaning: string, also: ExceptionType[] = []): CodeRule => ({
  status: "returned_to_sender",
  substatus,
  meaning,
  exceptions: ["returned_to_sender", ...also],
});
export const voided = (substatus: string, meaning: string): CodeRule => ({ status: "voided", substatus, meaning, physical: false });
