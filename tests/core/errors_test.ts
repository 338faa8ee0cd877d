import assert from "node:assert/strict";
import {
  CodegenError,
  InputError,
  PermissionDeniedError,
  toCodegenError,
  UsageError,
  ValidationError,
} from "../../src/core/mod.ts";

Deno.test("ValidationError prefixes the message with file, line and column", () => {
  const error = new ValidationError("alwaysApply must be true or false", {
    file: "a.mdc",
    line: 4,
    column: 14,
  }, {
    hint: "Write alwaysApply: true",
  });
  assert.equal(error.message, "a.mdc:4:14: alwaysApply must be true or false");
  assert.deepEqual([error.file, error.line, error.column, error.code], [
    "a.mdc",
    4,
    14,
    "VALIDATION_FAILED",
  ]);
  assert.equal(new ValidationError("x", { file: "b.mdc" }).message, "b.mdc: x");
});

Deno.test("InputError is a UsageError with its own code and the issues as data", () => {
  const error = new InputError("list_files", [{ path: "limit", message: "expected number" }]);
  assert.ok(error instanceof UsageError);
  assert.equal(error.code, "INVALID_INPUT");
  assert.deepEqual(error.toJSON().data, {
    issues: [{ path: "limit", message: "expected number" }],
  });
});

Deno.test("toCodegenError() maps Deno permission errors to PERMISSION_DENIED with the flag", () => {
  const denied = new Deno.errors.NotCapable(
    'Requires read access to "/etc/passwd", run again with the --allow-read flag',
  );
  const error = toCodegenError(denied);
  assert.ok(error instanceof PermissionDeniedError);
  assert.match(error.message, /^Deno denied access: Requires read access to "\/etc\/passwd"/);
  assert.match(error.hint ?? "", /--allow-read/);
  assert.equal(error.cause, denied);
});

Deno.test("toCodegenError() keeps CodegenErrors and wraps the rest as INTERNAL", () => {
  const original = new CodegenError("CONFLICT", "Exists");
  assert.equal(toCodegenError(original), original);
  assert.equal(toCodegenError("text").message, "Unexpected failure: text");
  assert.equal(toCodegenError(new Deno.errors.NotFound("No such file")).code, "NOT_FOUND");
});
