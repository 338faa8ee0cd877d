import assert from "node:assert/strict";
import { z } from "zod";
import {
  type AnyOperation,
  CancelledError,
  CodegenError,
  defineOperation,
  DefinitionError,
  InputError,
  invoke,
  NotFoundError,
  OperationRegistry,
  testContext,
} from "../../src/core/mod.ts";

function operation(overrides: Partial<AnyOperation> = {}): AnyOperation {
  return defineOperation({
    name: "sum",
    title: "Sum",
    description: "Adds numbers",
    group: "core",
    input: z.strictObject({
      numbers: z.array(z.number()).min(1).describe("Numbers to add"),
      label: z.string().default("total").describe("Label"),
    }),
    output: z.object({ label: z.string(), value: z.number() }),
    effects: [],
    requiresApproval: false,
    handler: (input) =>
      Promise.resolve({
        label: input.label,
        value: input.numbers.reduce((a: number, b: number) => a + b, 0),
      }),
    ...overrides,
  } as AnyOperation);
}

Deno.test("invoke() validates input, applies defaults and returns the output", async () => {
  const ctx = await testContext(".");
  assert.deepEqual(await invoke(operation(), { numbers: [1, 2, 3] }, ctx), {
    label: "total",
    value: 6,
  });
});

Deno.test("invoke() rejects bad input with a message naming each field", async () => {
  const ctx = await testContext(".");
  await assert.rejects(invoke(operation(), { numbers: ["x"], labl: 1 }, ctx), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.equal(error.code, "INVALID_INPUT");
    assert.equal(
      error.message,
      'Invalid input for "sum":\n  - numbers.0: expected number, received string\n  - (input): unknown field "labl"',
    );
    assert.deepEqual(error.issues.map((issue) => issue.path), ["numbers.0", "(input)"]);
    return true;
  });
  await assert.rejects(
    invoke(operation(), {}, ctx),
    /- numbers: expected array, received undefined/,
  );
});

Deno.test("invoke() reports output that breaks the operation's own schema as INTERNAL", async () => {
  const ctx = await testContext(".");
  const broken = operation({ handler: () => Promise.resolve({ label: 5 }) });
  await assert.rejects(invoke(broken, { numbers: [1] }, ctx), (error: unknown) => {
    assert.ok(error instanceof CodegenError);
    assert.equal(error.code, "INTERNAL");
    assert.match(
      error.message,
      /^Operation "sum" returned output that breaks its schema: label: expected string/,
    );
    return true;
  });
});

Deno.test("invoke() passes CodegenErrors through and wraps other errors", async () => {
  const ctx = await testContext(".");
  const notFound = operation({
    handler: () => Promise.reject(new NotFoundError('Cannot find rule "x"')),
  });
  await assert.rejects(invoke(notFound, { numbers: [1] }, ctx), NotFoundError);
  const crash = operation({ handler: () => Promise.reject(new TypeError("boom")) });
  await assert.rejects(invoke(crash, { numbers: [1] }, ctx), (error: unknown) => {
    assert.ok(error instanceof CodegenError);
    assert.equal(error.code, "INTERNAL");
    assert.equal(error.message, "Unexpected failure: boom");
    assert.ok(error.cause instanceof TypeError);
    return true;
  });
});

Deno.test("invoke() raises CancelledError when the signal aborts", async () => {
  const controller = new AbortController();
  const ctx = await testContext(".", { signal: controller.signal });
  const slow = operation({
    handler: (_input, context) =>
      new Promise((_, reject) =>
        context.signal.addEventListener("abort", () => reject(context.signal.reason))
      ),
  });
  const pending = invoke(slow, { numbers: [1] }, ctx);
  controller.abort(new Error("user pressed Ctrl-C"));
  await assert.rejects(pending, (error: unknown) => {
    assert.ok(error instanceof CancelledError);
    assert.equal(error.message, 'Operation "sum" was cancelled');
    return true;
  });
  await assert.rejects(invoke(operation(), { numbers: [1] }, ctx), CancelledError);
});

Deno.test("OperationRegistry.add() refuses duplicate and malformed declarations", () => {
  const registry = new OperationRegistry().add(operation());
  assert.throws(() => registry.add(operation()), /Operation "sum" is registered twice/);
  assert.throws(() => registry.add(operation({ name: "Bad-Name" })), DefinitionError);
  assert.throws(
    () => registry.add(operation({ name: "other", cli: { command: "sum" } })),
    /Operations "sum" and "other" both use CLI command "sum"/,
  );
  assert.throws(
    () => registry.add(operation({ name: "nodesc", input: z.strictObject({ n: z.number() }) })),
    /input field "n" needs \.describe\(\)/,
  );
  assert.throws(
    () => registry.add(operation({ name: "notobj", output: z.string() as never })),
    /output schema must be a z\.object\(\)/,
  );
  assert.throws(
    () => registry.add(operation({ name: "wipe", effects: ["write"], destructive: true })),
    /is destructive and must set requiresApproval/,
  );
  assert.throws(
    () => registry.add(operation({ name: "grp", group: "nope" as never })),
    /unknown group "nope"/,
  );
});

Deno.test("OperationRegistry.list() filters by group in registration order", () => {
  const registry = new OperationRegistry()
    .add(operation({ name: "a", group: "rules" }))
    .add(operation({ name: "b", group: "core" }))
    .add(operation({ name: "c", group: "rules" }));
  assert.deepEqual(registry.list(["rules"]).map((op) => op.name), ["a", "c"]);
  assert.deepEqual(registry.list().map((op) => op.name), ["a", "b", "c"]);
});
