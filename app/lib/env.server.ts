// Reads and validates process.env once. Production mode (NODE_ENV=production) refuses to start
// without SESSION_SECRET; elsewhere a random secret is generated and kept in the data folder so
// sessions survive a restart.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const envSchema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATA_DIR: z.string().min(1).default("./data"),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: z.string().url().optional(),
  UPLOAD_LIMIT_MB: z.coerce.number().positive().default(200),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().optional(),
});

export interface Env {
  production: boolean;
  databaseUrl: string | undefined;
  dataDir: string;
  sessionSecret: string;
  port: number;
  publicUrl: string;
  uploadLimitBytes: number;
  smtpUrl: string | undefined;
  smtpFrom: string;
}

export class EnvError extends Error {}

declare global {
  // eslint-disable-next-line no-var
  var __parcelDeskEnv: Env | undefined;
}

export function env(): Env {
  globalThis.__parcelDeskEnv ??= readEnv(process.env);
  return globalThis.__parcelDeskEnv;
}

export function readEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EnvError(`Invalid configuration: ${issue.path.join(".")}: ${issue.message}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  const dataDir = path.resolve(e.DATA_DIR);
  let sessionSecret = e.SESSION_SECRET;
  if (!sessionSecret) {
    if (production) {
      throw new EnvError(
        "SESSION_SECRET is not set. In production (NODE_ENV=production) set SESSION_SECRET to at least 32 random characters.",
      );
    }
    sessionSecret = localSecret(dataDir);
  }
  return {
    production,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    sessionSecret,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    uploadLimitBytes: Math.round(e.UPLOAD_LIMIT_MB * 1024 * 1024),
    smtpUrl: e.SMTP_URL || undefined,
    smtpFrom: e.SMTP_FROM || "Parcel Desk <no-reply@parceldesk.local>",
  };
}

function localSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
