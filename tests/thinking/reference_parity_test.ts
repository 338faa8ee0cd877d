/**
 * Contract parity with the reference server
 * @modelcontextprotocol/server-sequential-thinking: the same calls go to the
 * reference (node, over stdio, newline-delimited JSON-RPC) and to our
 * `sequential_thinking` through our MCP door in-process, and the results must
 * agree field by field (and, for successes, byte for byte in the text).
 */
import assert from "node:assert/strict";
import type { Catalog } from "../../src/catalog.ts";
import {
  type AnyPrompt,
  type AnyResource,
  loadConfig,
  NamedRegistry,
  OperationRegistry,
} from "../../src/core/mod.ts";
import { createMcpServer } from "../../src/mcp/mod.ts";
import { sequentialThinking, thinkingReset, thinkingSummary } from "../../src/thinking/mod.ts";
import { Client, InMemoryTransport } from "../_sdk_client.ts";
import { makeWorkspace, removeWorkspace, REPO_ROOT } from "../_support.ts";

const PACKAGE = "@modelcontextprotocol/server-sequential-thinking";
const REFERENCE_DIR = `${Deno.env.get("TMPDIR") || "/tmp"}/codegen_lab_bench_reference`;

type Args = Record<string, unknown>;
interface ToolResult {
  isError?: boolean;
  content: Array<{ type: string; text: string }>;
  structuredContent?: Record<string, unknown>;
}

/** The version bench/startup.ts pins, so both use the same reference. */
async function pinnedVersion(): Promise<string> {
  const bench = await Deno.readTextFile(`${REPO_ROOT}/bench/startup.ts`);
  const version = /const REFERENCE_VERSION = "([^"]+)"/.exec(bench)?.[1];
  assert.ok(version, "bench/startup.ts pins REFERENCE_VERSION");
  return version;
}

/** The reference entry point, installed like bench/startup.ts does; or why it is missing. */
async function referenceEntry(): Promise<{ entry: string } | { skip: string }> {
  const version = await pinnedVersion();
  const entry = `${REFERENCE_DIR}/node_modules/${PACKAGE}/dist/index.js`;
  const node = await new Deno.Command("node", { args: ["--version"], stdout: "null" }).output()
    .catch(() => undefined);
  if (!node?.success) return { skip: "node is not installed" };
  const installed = await Deno.readTextFile(`${REFERENCE_DIR}/node_modules/${PACKAGE}/package.json`)
    .then((text) => JSON.parse(text).version as string).catch(() => undefined);
  if (installed === version) return { entry };
  const install = await new Deno.Command("npm", {
    args: [
      "install",
      "--silent",
      "--no-audit",
      "--no-fund",
      "--prefix",
      REFERENCE_DIR,
      `${PACKAGE}@${version}`,
    ],
    stdout: "null",
    stderr: "piped",
  }).output().catch((error: Error) => ({
    success: false,
    stderr: new TextEncoder().encode(error.message),
  }));
  if (!install.success) {
    return {
      skip: `cannot install ${PACKAGE}@${version}: ${
        new TextDecoder().decode(install.stderr).trim()
      }`,
    };
  }
  return { entry };
}

/** One reference server process, answering one request at a time. */
class ReferenceServer {
  readonly #child: Deno.ChildProcess;
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;
  readonly #lines: AsyncIterator<string>;
  #id = 0;

  constructor(entry: string) {
    this.#child = new Deno.Command("node", {
      args: [entry],
      env: { DISABLE_THOUGHT_LOGGING: "true" },
      stdin: "piped",
      stdout: "piped",
      stderr: "null",
    }).spawn();
    this.#writer = this.#child.stdin.getWriter();
    this.#lines = this.#child.stdout.pipeThrough(new TextDecoderStream()).pipeThrough(splitLines())
      [Symbol.asyncIterator]();
  }

  async start(): Promise<void> {
    await this.request("initialize", {
      protocolVersion: "2025-06-18",
      capabilities: {},
      clientInfo: { name: "parity", version: "1" },
    });
    await this.#send({ jsonrpc: "2.0", method: "notifications/initialized" });
  }

  async request(method: string, params: Args): Promise<Record<string, unknown>> {
    const id = ++this.#id;
    await this.#send({ jsonrpc: "2.0", id, method, params });
    while (true) {
      const next = await this.#lines.next();
      if (next.done) throw new Error(`reference server closed before answering ${method}`);
      const message = JSON.parse(next.value);
      if (message.id !== id) continue;
      if (message.error) {
        throw new Error(`reference ${method} failed: ${JSON.stringify(message.error)}`);
      }
      return message.result;
    }
  }

  async call(args: Args): Promise<ToolResult> {
    const result = await this.request("tools/call", {
      name: "sequentialthinking",
      arguments: args,
    });
    return result as unknown as ToolResult;
  }

  async close(): Promise<void> {
    await this.#writer.close().catch(() => {});
    await this.#child.status;
  }

  #send(message: Args): Promise<void> {
    return this.#writer.write(new TextEncoder().encode(`${JSON.stringify(message)}\n`));
  }
}

function splitLines(): TransformStream<string, string> {
  let buffer = "";
  return new TransformStream({
    transform(chunk, controller) {
      buffer += chunk;
      const lines = buffer.split("\n");
      buffer = lines.pop()!;
      for (const line of lines) if (line.trim() !== "") controller.enqueue(line);
    },
  });
}

/** Our MCP door in-process, with only the thinking operations. */
async function ourClient(root: string): Promise<Client> {
  const catalog: Catalog = {
    operations: new OperationRegistry().add(sequentialThinking).add(thinkingSummary).add(
      thinkingReset,
    ),
    resources: new NamedRegistry<AnyResource>("resource"),
    prompts: new NamedRegistry<AnyPrompt>("prompt"),
    watchers: [],
  };
  const { config } = await loadConfig(root, { env: { get: () => undefined } });
  const server = createMcpServer({
    catalog,
    root,
    config,
    groups: ["thinking"],
    logSink: () => {},
    logLevel: "error",
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "parity", version: "1" });
  await client.connect(clientSide);
  return client;
}

/** Runs the same calls on a fresh reference process and a fresh session of ours. */
async function both(
  entry: string,
  calls: readonly Args[],
): Promise<Array<{ args: Args; theirs: ToolResult; ours: ToolResult }>> {
  const root = await makeWorkspace();
  const reference = new ReferenceServer(entry);
  const client = await ourClient(root);
  try {
    await reference.start();
    await client.callTool({ name: "thinking_reset", arguments: {} });
    const results = [];
    for (const args of calls) {
      const theirs = await reference.call(args);
      const ours = await client.callTool({
        name: "sequential_thinking",
        arguments: args,
      }) as ToolResult;
      results.push({ args, theirs, ours });
    }
    return results;
  } finally {
    await client.close();
    await reference.close();
    await removeWorkspace(root);
  }
}

function assertSame(results: Awaited<ReturnType<typeof both>>): void {
  for (const { args, theirs, ours } of results) {
    const label = JSON.stringify(args);
    assert.equal(ours.isError ?? false, theirs.isError ?? false, `isError differs for ${label}`);
    if (theirs.isError) continue;
    const parsed = JSON.parse(theirs.content[0]!.text);
    assert.deepEqual(ours.structuredContent, parsed, `output differs for ${label}`);
    assert.deepEqual(
      ours.structuredContent,
      theirs.structuredContent,
      `structuredContent differs for ${label}`,
    );
    assert.equal(ours.content[0]!.text, theirs.content[0]!.text, `text differs for ${label}`);
  }
}

const found = await referenceEntry();
const skip = "skip" in found ? found.skip : undefined;
const entry = "entry" in found ? found.entry : "";
const name = (title: string): string => skip ? `${title} (skipped: ${skip})` : title;
const step = (n: number, total: number, next: boolean, extra: Args = {}): Args => ({
  thought: `step ${n}`,
  thoughtNumber: n,
  totalThoughts: total,
  nextThoughtNeeded: next,
  ...extra,
});

Deno.test({
  name: name("sequential_thinking matches the reference on a linear chain"),
  ignore: skip !== undefined,
  async fn() {
    const results = await both(entry, [step(1, 3, true), step(2, 3, true), step(3, 3, false)]);
    assertSame(results);
    assert.equal(results[2]!.ours.structuredContent?.thoughtHistoryLength, 3);
  },
});

Deno.test({
  name: name(
    "sequential_thinking matches the reference on revisions and thoughtNumber > totalThoughts",
  ),
  ignore: skip !== undefined,
  async fn() {
    const results = await both(entry, [
      step(1, 2, true),
      step(2, 2, true, { isRevision: true, revisesThought: 1 }),
      step(3, 2, true, { needsMoreThoughts: true }),
      step(4, 3, false, { isRevision: true, revisesThought: 2 }),
      step(9, 1, true),
    ]);
    assertSame(results);
    assert.equal(
      results[2]!.theirs.structuredContent?.totalThoughts,
      3,
      "the reference raises the total",
    );
    assert.equal(results[4]!.ours.structuredContent?.totalThoughts, 9);
  },
});

Deno.test({
  name: name("sequential_thinking matches the reference on branches and their order"),
  ignore: skip !== undefined,
  async fn() {
    const results = await both(entry, [
      step(1, 4, true),
      step(2, 4, true, { branchFromThought: 1, branchId: "b" }),
      step(2, 4, true, { branchFromThought: 1, branchId: "2" }),
      step(3, 4, true, { branchFromThought: 2, branchId: "b" }),
      step(2, 4, true, { branchFromThought: 1, branchId: "1" }),
      step(3, 4, true, { branchId: "only-id" }),
      step(3, 4, true, { branchFromThought: 1 }),
      step(3, 4, true, { branchFromThought: 1, branchId: "" }),
      step(3, 4, true, { branchFromThought: 1, branchId: "007" }),
      step(4, 4, false, { branchFromThought: 3, branchId: "a" }),
    ]);
    assertSame(results);
    assert.deepEqual(results.at(-1)!.ours.structuredContent?.branches, ["1", "2", "b", "007", "a"]);
  },
});

Deno.test({
  name: name("sequential_thinking coerces strings and numbers like the reference"),
  ignore: skip !== undefined,
  async fn() {
    assertSame(
      await both(entry, [
        { thought: "", thoughtNumber: "2", totalThoughts: "5", nextThoughtNeeded: "TRUE" },
        { thought: "x", thoughtNumber: 3, totalThoughts: true, nextThoughtNeeded: "false" },
        step(4, 4, false, { isRevision: "true", revisesThought: "1", needsMoreThoughts: "False" }),
        step(5, 5, false, { branchFromThought: "4", branchId: "z", isRevision: false }),
      ]),
    );
  },
});

Deno.test({
  name: name("sequential_thinking rejects the same invalid input as the reference"),
  ignore: skip !== undefined,
  async fn() {
    const invalid: Args[] = [
      step(0, 3, true),
      step(1, 0, true),
      step(1, 3, true, { revisesThought: 0 }),
      step(1, 3, true, { branchFromThought: 0 }),
      step(1.5, 3, true),
      step(1, 3, true, { thoughtNumber: "abc" }),
      step(1, 3, true, { thoughtNumber: null }),
      step(1, 3, true, { totalThoughts: -2 }),
      step(1, 3, true, { nextThoughtNeeded: "maybe" }),
      step(1, 3, true, { nextThoughtNeeded: 1 }),
      step(1, 3, true, { isRevision: "yes" }),
      step(1, 3, true, { thought: 5 }),
      step(1, 3, true, { branchId: 3 }),
      { thoughtNumber: 1, totalThoughts: 1, nextThoughtNeeded: true },
      { thought: "x", thoughtNumber: 1, totalThoughts: 1 },
      { thought: "x", nextThoughtNeeded: true, totalThoughts: 1 },
    ];
    const results = await both(entry, [...invalid, step(1, 1, false)]);
    for (const { args, theirs, ours } of results.slice(0, -1)) {
      assert.equal(theirs.isError, true, `the reference accepts ${JSON.stringify(args)}`);
      assert.equal(ours.isError, true, `we accept ${JSON.stringify(args)}`);
    }
    assertSame(results);
    assert.equal(
      results.at(-1)!.ours.structuredContent?.thoughtHistoryLength,
      1,
      "rejected calls record nothing",
    );
  },
});

Deno.test({
  name: name("sequential_thinking lists the reference's input and output schema"),
  ignore: skip !== undefined,
  async fn() {
    const root = await makeWorkspace();
    const reference = new ReferenceServer(entry);
    const client = await ourClient(root);
    try {
      await reference.start();
      const theirs = ((await reference.request("tools/list", {})).tools as Array<Args>)[0]!;
      const ours = (await client.listTools()).tools.find((tool) =>
        tool.name === "sequential_thinking"
      )!;
      const shape = (schema: unknown, drop: string[] = []) => {
        const { properties, required } = schema as {
          properties: Record<string, Record<string, unknown>>;
          required: string[];
        };
        const fields = Object.entries(properties).filter(([key]) => !drop.includes(key)).map((
          [key, { description: _d, type, ...rest }],
        ) => [key, { type: Array.isArray(type) ? [...type].sort() : type, ...rest }]);
        return { properties: Object.fromEntries(fields), required: [...required].sort() };
      };
      assert.deepEqual(shape(ours.inputSchema, ["persist"]), shape(theirs.inputSchema));
      assert.deepEqual(
        shape(ours.outputSchema, ["droppedThoughts", "persistedTo"]),
        shape(theirs.outputSchema),
      );
    } finally {
      await client.close();
      await reference.close();
      await removeWorkspace(root);
    }
  },
});

Deno.test({
  name: name("sequential_thinking accepts branch ids the reference breaks on (known divergence)"),
  ignore: skip !== undefined,
  async fn() {
    const results = await both(entry, [
      step(1, 3, true, { branchFromThought: 1, branchId: "constructor" }),
      step(2, 3, true, { branchFromThought: 1, branchId: "toString" }),
      step(3, 3, false),
    ]);
    for (const { theirs, ours } of results.slice(0, 2)) {
      // The reference keeps branches in a plain object: `{}["constructor"].push` throws.
      assert.equal(theirs.isError, true);
      assert.match(theirs.content[0]!.text, /push is not a function/);
      assert.equal(ours.isError, undefined);
    }
    // It had already stored the thought, so the history lengths stay in step.
    assert.equal(results[2]!.theirs.structuredContent?.thoughtHistoryLength, 3);
    assert.deepEqual(results[2]!.ours.structuredContent, {
      ...results[2]!.theirs.structuredContent,
      branches: ["constructor", "toString"],
    });
  },
});

Deno.test({
  name: name("sequential_thinking rejects unknown fields the reference drops (known divergence)"),
  ignore: skip !== undefined,
  async fn() {
    const [result] = await both(entry, [step(1, 1, false, { total_thoughts: 3 })]);
    assert.equal(result!.theirs.isError, undefined);
    assert.equal(result!.ours.isError, true);
    assert.match(result!.ours.content[0]!.text, /total_thoughts/);
  },
});
