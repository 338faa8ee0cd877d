/**
 * The error classes every operation throws. Each carries a stable `code`, a
 * std-style `message` (no final period) and a `hint` saying what to do next.
 * The CLI maps them to exit codes and the MCP door to `isError` tool results,
 * so core code never decides how an error is shown.
 *
 * @module
 */

/** Stable machine-readable error codes. Callers may switch on these. */
export type ErrorCode =
  /** Bad command-line usage or tool arguments that fail the input schema. */
  | "USAGE"
  /** A tool's input failed its schema; `data.issues` lists each field. */
  | "INVALID_INPUT"
  /** A file's content is invalid; `file`, `line` and `column` locate it. */
  | "VALIDATION_FAILED"
  /** A configuration value (file or environment) is invalid. */
  | "INVALID_CONFIG"
  /** The named thing (file, rule, operation, story…) does not exist. */
  | "NOT_FOUND"
  /** A path escapes the workspace, or Deno denied a permission. */
  | "PERMISSION_DENIED"
  /** A write would clobber something that exists (use force/backup). */
  | "CONFLICT"
  /** Sandboxed code could not run or was stopped. */
  | "SANDBOX_FAILED"
  /** The caller cancelled the operation (abort signal). */
  | "CANCELLED"
  /** An operation returned data that does not match its own output schema. */
  | "INTERNAL";

/** Options shared by every {@linkcode CodegenError} constructor. */
export interface CodegenErrorOptions {
  /** One sentence telling the user what to do next. */
  hint?: string;
  /** Structured details (JSON-serialisable). */
  data?: Record<string, unknown>;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * Base class of every error Codegen Lab reports to a user.
 *
 * @example Throw and inspect
 * ```ts
 * import assert from "node:assert/strict";
 * import { CodegenError } from "./errors.ts";
 * const err = new CodegenError("NOT_FOUND", "Cannot find rule \"x\"", { hint: "Run `rules list`" });
 * assert.ok(err.code === "NOT_FOUND" && err.hint === "Run `rules list`");
 * ```
 */
export class CodegenError extends Error {
  /** Stable machine-readable code. */
  readonly code: ErrorCode;
  /** What the user should do next, if known. */
  readonly hint: string | undefined;
  /** Structured details for machine consumers. */
  readonly data: Record<string, unknown> | undefined;

  /**
   * @param code Stable error code.
   * @param message What went wrong, std style ("Cannot …: …"), no final period.
   * @param options Hint, data and cause.
   */
  constructor(code: ErrorCode, message: string, options: CodegenErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CodegenError";
    this.code = code;
    this.hint = options.hint;
    this.data = options.data;
  }

  /** A JSON-friendly view: code, message, hint and data. */
  toJSON(): { code: ErrorCode; message: string; hint?: string; data?: Record<string, unknown> } {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.data === undefined ? {} : { data: this.data }),
    };
  }
}

/**
 * The user called something wrongly (unknown flag, bad argument). CLI exit 2.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { UsageError } from "./errors.ts";
 * assert.ok(new UsageError("Cannot parse --limit").code === "USAGE");
 * ```
 */
export class UsageError extends CodegenError {
  /** @param message What was wrong. @param options Hint and data. */
  constructor(message: string, options: CodegenErrorOptions = {}) {
    super("USAGE", message, options);
    this.name = "UsageError";
  }
}

/** One failed field of a schema check. */
export interface InputIssue {
  /** Dotted path of the field, or `(input)` for the whole value. */
  path: string;
  /** What is wrong with it. */
  message: string;
}

/**
 * Tool or command input that fails its zod schema. Both doors raise exactly
 * this error from the same check, so the CLI and MCP report the same text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { InputError } from "./errors.ts";
 * const err = new InputError("list_files", [{ path: "limit", message: "expected number" }]);
 * assert.ok(err.message.includes("limit"));
 * ```
 */
export class InputError extends UsageError {
  /** Each failing field. */
  readonly issues: readonly InputIssue[];

  /** @param operation Operation name. @param issues Failing fields. */
  constructor(operation: string, issues: readonly InputIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message}`);
    super(`Invalid input for "${operation}":\n${lines.join("\n")}`, {
      hint:
        `See the accepted fields with \`codegen-lab help ${operation}\` or the tool's input schema`,
      data: { issues: [...issues] },
    });
    // Keep the USAGE exit code but a more precise machine code.
    (this as { code: ErrorCode }).code = "INVALID_INPUT";
    this.name = "InputError";
    this.issues = issues;
  }
}

/** Where in a file a {@linkcode ValidationError} points. 1-based. */
export interface SourceLocation {
  /** Workspace-relative file path. */
  file: string;
  /** 1-based line, if known. */
  line?: number;
  /** 1-based column, if known. */
  column?: number;
}

/**
 * A file's content is invalid (a rule, a config file, a story).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ValidationError } from "./errors.ts";
 * const err = new ValidationError("Cannot parse frontmatter", { file: "a.mdc", line: 3 });
 * assert.ok(err.message.startsWith("a.mdc:3: "));
 * ```
 */
export class ValidationError extends CodegenError {
  /** Workspace-relative file. */
  readonly file: string;
  /** 1-based line, if known. */
  readonly line: number | undefined;
  /** 1-based column, if known. */
  readonly column: number | undefined;

  /** @param message What is wrong. @param location Where. @param options Hint and data. */
  constructor(message: string, location: SourceLocation, options: CodegenErrorOptions = {}) {
    const where = [location.file, location.line, location.line ? location.column : undefined]
      .filter((part) => part !== undefined).join(":");
    super("VALIDATION_FAILED", `${where}: ${message}`, options);
    this.name = "ValidationError";
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
  }
}

/**
 * A configuration value is invalid.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ConfigError } from "./errors.ts";
 * assert.ok(new ConfigError("Bad value").code === "INVALID_CONFIG");
 * ```
 */
export class ConfigError extends CodegenError {
  /** @param message What is wrong and where. @param options Hint and data. */
  constructor(message: string, options: CodegenErrorOptions = {}) {
    super("INVALID_CONFIG", message, options);
    this.name = "ConfigError";
  }
}

/**
 * The named thing does not exist.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { NotFoundError } from "./errors.ts";
 * assert.ok(new NotFoundError("Cannot find x").code === "NOT_FOUND");
 * ```
 */
export class NotFoundError extends CodegenError {
  /** @param message What is missing. @param options Hint and data. */
  constructor(message: string, options: CodegenErrorOptions = {}) {
    super("NOT_FOUND", message, options);
    this.name = "NotFoundError";
  }
}

/**
 * A path escapes the workspace, or the runtime denied a permission.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PermissionDeniedError } from "./errors.ts";
 * assert.ok(new PermissionDeniedError("No").code === "PERMISSION_DENIED");
 * ```
 */
export class PermissionDeniedError extends CodegenError {
  /** @param message What was refused. @param options Hint and data. */
  constructor(message: string, options: CodegenErrorOptions = {}) {
    super("PERMISSION_DENIED", message, options);
    this.name = "PermissionDeniedError";
  }
}

/**
 * A write would replace something that exists.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ConflictError } from "./errors.ts";
 * assert.ok(new ConflictError("Exists").code === "CONFLICT");
 * ```
 */
export class ConflictError extends CodegenError {
  /** @param message What conflicts. @param options Hint and data. */
  constructor(message: string, options: CodegenErrorOptions = {}) {
    super("CONFLICT", message, options);
    this.name = "ConflictError";
  }
}

/**
 * Sandboxed code could not be run, or the sandbox itself failed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SandboxError } from "./errors.ts";
 * assert.ok(new SandboxError("Deno not found").code === "SANDBOX_FAILED");
 * ```
 */
export class SandboxError extends CodegenError {
  /** @param message What failed. @param options Hint and data. */
  constructor(message: string, options: CodegenErrorOptions = {}) {
    super("SANDBOX_FAILED", message, options);
    this.name = "SandboxError";
  }
}

/**
 * The caller aborted the operation.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CancelledError } from "./errors.ts";
 * assert.ok(new CancelledError("list_files").message === "Operation \"list_files\" was cancelled");
 * ```
 */
export class CancelledError extends CodegenError {
  /** @param operation The operation that was cancelled. */
  constructor(operation: string) {
    super("CANCELLED", `Operation "${operation}" was cancelled`, {
      hint: "Run it again when you are ready; nothing was left half-written",
    });
    this.name = "CancelledError";
  }
}

/**
 * Converts anything thrown into a {@linkcode CodegenError}: Deno permission
 * errors become `PERMISSION_DENIED` with the flag to add; other unknown errors
 * become `INTERNAL` and keep the original as `cause`.
 *
 * @param error Whatever was thrown.
 * @returns A CodegenError (the same object if it already was one).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toCodegenError } from "./errors.ts";
 * assert.ok(toCodegenError(new Error("boom")).code === "INTERNAL");
 * ```
 */
export function toCodegenError(error: unknown): CodegenError {
  if (error instanceof CodegenError) return error;
  if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
    const flag = /--allow-[a-z]+/.exec(error.message)?.[0];
    return new PermissionDeniedError(`Deno denied access: ${firstLine(error.message)}`, {
      hint: flag
        ? `Run with ${flag} for that resource, or choose a path inside the allowed directories`
        : "Run with the permission named in the message",
      cause: error,
    });
  }
  if (error instanceof Deno.errors.NotFound) {
    return new NotFoundError(firstLine(error.message), { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CodegenError("INTERNAL", `Unexpected failure: ${firstLine(message)}`, {
    hint: "This is a bug in Codegen Lab; rerun with --verbose and report the stack trace",
    cause: error,
  });
}

function firstLine(text: string): string {
  return text.split("\n", 1)[0] ?? text;
}
