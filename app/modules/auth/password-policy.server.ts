// What a new password must be: at least 10 characters (NIST SP 800-63B asks for 8 and no
// composition rules; we ask a little more because a few words are easy to remember), at most 200,
// and not guessable: zxcvbn (the zxcvbn-ts port, with its common-password lists drawn from
// breached-password data, English words, names, keyboard patterns, dates, repeats and sequences)
// must estimate at least 10^8 guesses (its score 3), with the person's own email and name counted
// as known words. The message says why in the person's words, with zxcvbn's own hint.
// Server-only: the dictionaries are megabytes, and are loaded once, on first use.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
/** zxcvbn's score: 3 means about 10^8 guesses or more. */
const MIN_SCORE = 3;

let checker: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  checker ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return checker;
}

/** Words a guesser would try first for this person. */
function personalWords(about: { email?: string | null; name?: string | null }): string[] {
  const words = ["parcel", "parceldesk", "parcel desk"];
  const email = (about.email ?? "").toLowerCase();
  if (email) words.push(email, ...email.split(/[@.+_-]+/).filter((w) => w.length >= 3));
  for (const part of (about.name ?? "").toLowerCase().split(/\s+/)) if (part.length >= 3) words.push(part);
  return words;
}

/** Null when the password is fine, else one or two sentences saying what to change. */
export function passwordProblem(password: string, about: { email?: string | null; name?: string | null } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `Use at least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a long password that is easy to remember.`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  // zxcvbn's matching grows with length; the first 100 characters decide well enough.
  const result = zxcvbn().check(password.slice(0, 100), personalWords(about));
  if (result.score >= MIN_SCORE) return null;
  const why = result.feedback.warning ?? "It follows a pattern that password-guessing programs try early.";
  const tip = result.feedback.suggestions[0] ?? "Add another word or two that do not belong together.";
  return `This password is too easy to guess. ${why} ${tip}`;
}
