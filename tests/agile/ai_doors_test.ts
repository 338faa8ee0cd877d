/**
 * The agile operations through the CLI and MCP doors, in-process, with a
 * catalogue holding just them (src/catalog.ts registers them separately).
 */
import assert from "node:assert/strict";
import {
  aiContext,
  aiDocUpdate,
  aiInit,
  aiNext,
  aiStatus,
  aiStoryCreate,
  aiStoryUpdate,
  aiValidate,
} from "../../src/agile/mod.ts";
import { commandOf, loadConfig, ResourceEvents } from "../../src/core/mod.ts";
import { createMcpServer } from "../../src/mcp/mod.ts";
import { catalogOf, runOperationsCli } from "../_cli_in_process.ts";
import { Client, InMemoryTransport } from "../_sdk_client.ts";
import { APPROVED_DOCS, storyText, withProject } from "./_project.ts";

const OPERATIONS = [
  aiInit,
  aiStatus,
  aiNext,
  aiStoryCreate,
  aiStoryUpdate,
  aiDocUpdate,
  aiValidate,
  aiContext,
];

const catalog = () => catalogOf(OPERATIONS);

async function cli(
  root: string,
  argv: string[],
): Promise<{ code: number; out: string; err: string }> {
  const { code, stdout, stderr } = await runOperationsCli(OPERATIONS, root, argv);
  return { code, out: stdout, err: stderr };
}

Deno.test("agile operations register under group agile with the ai command words", () => {
  const registry = catalog().operations;
  assert.deepEqual(
    registry.list().map((op) => [op.name, commandOf(op), op.group]),
    [
      ["ai_init", "ai init", "agile"],
      ["ai_status", "ai status", "agile"],
      ["ai_next", "ai next", "agile"],
      ["ai_story_create", "ai story create", "agile"],
      ["ai_story_update", "ai story update", "agile"],
      ["ai_doc_update", "ai doc update", "agile"],
      ["ai_validate", "ai validate", "agile"],
      ["ai_context", "ai context", "agile"],
    ],
  );
  for (const op of OPERATIONS) {
    assert.equal(op.requiresApproval, op.effects.includes("write"), op.name);
  }
});

Deno.test("codegen-lab ai: init, create, approve, start, tick, review, done, validate", async () => {
  await withProject({}, async (root) => {
    assert.equal((await cli(root, ["ai", "init", "--name", "Shop"])).code, 0);
    const created = await cli(root, [
      "ai",
      "story",
      "create",
      "1",
      "Login form",
      "--points",
      "3",
      "--criteria",
      "Shows errors",
      "--tasks",
      "Form",
      "--tasks",
      "API",
    ]);
    assert.equal(created.code, 0, created.err);
    assert.equal(
      created.out,
      "Created .ai/epic-1/story-1.story.md (epic-1/story-1, Draft)\n" +
        "warning: the PRD (.ai/prd.md) is Draft; the story cannot start until it is approved\n" +
        "warning: the architecture (.ai/arch.md) is Draft; the story cannot start until it is approved\n",
    );
    const update = (...args: string[]) =>
      cli(root, ["ai", "story", "update", "epic-1/story-1", ...args]);
    assert.equal((await update("--status", "Approved")).code, 0);
    const early = await update("--status", "InProgress");
    assert.equal(early.code, 1);
    assert.equal(
      early.err,
      "error: Cannot move epic-1/story-1 from Approved to InProgress: the PRD (.ai/prd.md) is Draft; approve it first\n" +
        "hint: Ask the user to approve .ai/prd.md, then run `codegen-lab ai doc update prd Approved`\n",
    );
    assert.equal((await cli(root, ["ai", "doc", "update", "prd", "Approved"])).code, 0);
    assert.equal((await cli(root, ["ai", "doc", "update", "arch", "Approved"])).code, 0);
    assert.equal((await update("--status", "InProgress")).code, 0);
    const next = await cli(root, ["ai", "next", "--json"]);
    assert.equal(JSON.parse(next.out).action, "continue");
    assert.equal(
      (await update(
        "--tick",
        "task:1",
        "--tick",
        "API",
        "--tick",
        "Shows errors",
        "--status",
        "Review",
      ))
        .code,
      0,
    );
    assert.equal((await update("--status", "Done")).code, 0);
    const board = await cli(root, ["ai", "status"]);
    assert.match(
      board.out,
      /\n {2}story-1 {3}Done {7}3 pts {3}tasks 2\/2 {2}criteria 1\/1 {2}Login form\n/,
    );
    assert.match(board.out, /Overall 100% \(3\/3 pts\)\n$/);
    const valid = await cli(root, ["ai", "validate"]);
    assert.deepEqual([valid.code, valid.out], [0, "3 files checked: 0 errors, 0 warnings\n"]);
    await Deno.writeTextFile(`${root}/.ai/epic-1/story-1.story.md`, "---\nstatus: Done\n---\n");
    const invalid = await cli(root, ["ai", "validate"]);
    assert.equal(invalid.code, 1);
    const context = await cli(root, ["ai", "context", "--no-git"]);
    assert.equal(context.code, 0);
    assert.ok(context.out.startsWith("# Resume the .ai/ workflow\n"));
  });
});

Deno.test("MCP: the agile tools are listed and an illegal move is an isError result with the rule's message", async () => {
  const files = { ...APPROVED_DOCS, ".ai/epic-1/story-1.story.md": storyText({ status: "Draft" }) };
  await withProject(files, async (root) => {
    const { config } = await loadConfig(root, { env: { get: () => undefined } });
    const server = createMcpServer({
      catalog: catalog(),
      root,
      config,
      groups: ["agile"],
      logSink: () => {},
      logLevel: "error",
      events: new ResourceEvents(),
    });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = new Client({ name: "agile", version: "1" });
    await client.connect(clientSide);
    try {
      const { tools } = await client.listTools();
      assert.deepEqual(
        tools.map((tool) => tool.name).sort(),
        OPERATIONS.map((op) => op.name).sort(),
      );
      const refused = await client.callTool({
        name: "ai_story_update",
        arguments: { story: "epic-1/story-1", status: "Done" },
      });
      assert.equal(refused.isError, true);
      assert.deepEqual(refused.content, [{
        type: "text",
        text:
          "Cannot move epic-1/story-1 from Draft to Done: a story goes to Review before Done (InProgress → Review → Done)\nhint: Set it to Review and let the user check it",
      }]);
      const status = await client.callTool({ name: "ai_status", arguments: {} });
      assert.equal(status.isError, undefined);
      const board = status.structuredContent as {
        epics: Array<{ stories: Array<{ status: string }> }>;
      };
      assert.equal(board.epics[0]!.stories[0]!.status, "Draft");
    } finally {
      await client.close();
      await server.close();
    }
  });
});
