// The one error type for expected failures: it carries an HTTP status and a message that is safe to
// show the user. Anything else is a bug and becomes a generic 500.

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;

  constructor(status: number, message: string, options: { code?: string; details?: unknown } = {}) {
    super(message);
    this.name = "AppError";
    this.status = status;
    this.code = options.code ?? defaultCode(status);
    this.details = options.details;
  }
}

function defaultCode(status: number): string {
  switch (status) {
    case 400:
      return "bad_request";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 409:
      return "conflict";
    case 413:
      return "too_large";
    case 429:
      return "rate_limited";
    default:
      return "error";
  }
}

export const notFound = (what = "That page") => new AppError(404, `${what} was not found.`);
export const forbidden = (message = "You do not have access to this.") => new AppError(403, message);
export const badRequest = (message: string, details?: unknown) => new AppError(400, message, { details });
export const conflict = (message: string, details?: unknown) => new AppError(409, message, { details });

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
