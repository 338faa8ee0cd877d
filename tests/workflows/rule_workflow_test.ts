/**
 * The 5-phase rule workflow: in-process runs on a fixture repository, crash
 * and failure recovery, and the real MCP server over stdio killed with
 * SIGKILL between phases.
 */
import assert from "node:assert/strict";
import { CodegenError, invoke, type OperationContext, testContext } from "../../src/core/mod.ts";
import { rulesValidate } from "../../src/rules/mod.ts";
import {
  workflowAbort,
  workflowAdvance,
  workflowBriefing,
  workflowList,
  workflowResume,
  workflowStart,
  workflowStatus,
} from "../../src/workflows/rule_workflow.ts";
import { copyFixtureRepo } from "../analysis/_fixture_repo.ts";
import { Client, StdioClientTransport } from "../_sdk_client.ts";
import { mainArgs, removeWorkspace } from "../_support.ts";

const BROKEN_RULE = ".cursor/rules/core-rules/broken.mdc";

/** A context whose clock moves one second per reading, from 2026-12-01. */
async function clockedContext(root: string): Promise<OperationContext> {
  let tick = 0;
  return await testContext(root, {
    now: () => new Date(Date.UTC(2026, 11, 1, 9, 0, tick++)),
  });
}

async function withRepo(fn: (root: string, ctx: OperationContext) => Promise<void>): Promise<void> {
  const root = await copyFixtureRepo("python-uv");
  try {
    await fn(root, await clockedContext(root));
  } finally {
    await removeWorkspace(root);
  }
}

async function assertRejectsCode(promise: Promise<unknown>, code: string): Promise<CodegenError> {
  let caught: unknown;
  await promise.catch((error) => caught = error);
  assert.ok(caught instanceof CodegenError, `expected a CodegenError, got ${caught}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}

/** Every file under the given folders, path → content. */
async function snapshot(root: string, dirs: readonly string[]): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  async function walk(rel: string): Promise<void> {
    for await (const entry of Deno.readDir(`${root}/${rel}`)) {
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory) await walk(path);
      else files.set(path, await Deno.readTextFile(`${root}/${path}`));
    }
  }
  for (const dir of dirs) await walk(dir);
  return files;
}

function deployedFiles(id: string): string[] {
  return ["Makefile", ".dockerignore", ".cursor/mcp.json", `.ai/workflows/${id}.summary.md`];
}

async function snapshotFiles(root: string, paths: readonly string[]): Promise<string[]> {
  return await Promise.all(paths.map((path) => Deno.readTextFile(`${root}/${path}`)));
}

async function readState(root: string, id: string): Promise<Record<string, unknown>> {
  return JSON.parse(await Deno.readTextFile(`${root}/.ai/workflows/${id}.json`));
}

/** Rewrites a state as if phase 4 had started and the process died before finishing it. */
async function markPhase4Interrupted(root: string, id: string): Promise<void> {
  const state = await readState(root, id) as {
    phase: number;
    status: string;
    phases: Record<string, Record<string, unknown>>;
  };
  const at = "2026-12-01T10:00:00.000Z";
  state.phase = 3;
  state.status = "running";
  // What a kill after the dry run leaves: the plan is saved, the output is not.
  const { plan } = state.phases.validate ?? {};
  state.phases.validate = { startedAt: at, lastStartedAt: at, attempts: 1, plan };
  delete state.phases.deploy;
  await Deno.writeTextFile(`${root}/.ai/workflows/${id}.json`, JSON.stringify(state, null, 2));
}

Deno.test("workflowAdvance() runs all five phases on a Python repository", async () => {
  await withRepo(async (root, ctx) => {
    const start = await invoke(workflowStart, {}, ctx);
    assert.match(start.id, /^wf-20261201-[0-9a-f]{4}$/);
    assert.deepEqual([start.state.phase, start.state.status, start.next?.name], [
      0,
      "running",
      "analyse",
    ]);
    const names: string[] = [];
    for (let phase = 1; phase <= 5; phase++) {
      const out = await invoke(workflowAdvance, { id: start.id }, ctx);
      assert.equal(out.ran.outcome, "completed", JSON.stringify(out.ran.error));
      assert.equal(out.state.phase, phase);
      names.push(out.ran.name);
    }
    assert.deepEqual(names, ["analyse", "recommend", "generate", "validate", "deploy"]);

    const state = await readState(root, start.id);
    assert.deepEqual([state.version, state.phase, state.status], [1, 5, "completed"]);
    assert.ok((await Deno.stat(`${root}/.ai/ai_report.md`)).isFile);
    const drafts = await snapshot(root, ["hack/drafts/cursor_rules"]);
    const pytestDraft = drafts.get("hack/drafts/cursor_rules/testing-rules/pytest.mdc.md") ?? "";
    assert.match(pytestDraft, /^---\ndescription: pytest conventions/);
    assert.match(pytestDraft, /\n<rule>\nname: pytest\n[\s\S]*\n<\/rule>\n$/);
    assert.match(pytestDraft, /pytest found in pyproject\.toml/);
    const rules = await snapshot(root, [".cursor/rules"]);
    assert.equal(rules.size, drafts.size);
    assert.match(rules.get(".cursor/rules/testing-rules/pytest.mdc") ?? "", /## Critical Rules/);
    assert.ok(rules.has(".cursor/rules/core-rules/python.mdc"));
    const validation = await invoke(rulesValidate, {}, ctx);
    assert.equal(validation.counts.errors, 0, validation.report);
    assert.match(await Deno.readTextFile(`${root}/Makefile`), /^update-cursor-rules:/m);
    assert.match(
      await Deno.readTextFile(`${root}/.dockerignore`),
      /^hack\/drafts\/(?:cursor_rules)?$/m,
    );
    const mcp = JSON.parse(await Deno.readTextFile(`${root}/.cursor/mcp.json`));
    assert.equal(Object.keys(mcp.mcpServers).length, 1);
    const summary = await Deno.readTextFile(`${root}/.ai/workflows/${start.id}.summary.md`);
    assert.match(summary, new RegExp(`^# Rule workflow ${start.id}\n`));
    assert.match(summary, /- create `\.cursor\/rules\/testing-rules\/pytest\.mdc`/);
    assert.match(summary, /- create `\.cursor\/mcp\.json` \(mcp-config\)/);

    const status = await invoke(workflowStatus, {}, ctx);
    assert.equal(status.next, null);
    assert.ok(status.files.includes(".cursor/rules/testing-rules/pytest.mdc"));
    await assertRejectsCode(invoke(workflowAdvance, { id: start.id }, ctx), "USAGE");
    const leftovers = [...Deno.readDirSync(`${root}/.ai/workflows`)].map((e) => e.name).sort();
    assert.deepEqual(leftovers, [`${start.id}.json`, `${start.id}.summary.md`]);

    // Killed after phase 5 wrote its files but before the state said so: the rerun changes nothing.
    const deployed = await snapshotFiles(root, deployedFiles(start.id));
    const crashed = await readState(root, start.id) as {
      phase: number;
      status: string;
      phases: Record<string, Record<string, unknown>>;
    };
    crashed.phase = 4;
    crashed.status = "running";
    delete crashed.phases.deploy?.finishedAt;
    delete crashed.phases.deploy?.output;
    await Deno.writeTextFile(`${root}/.ai/workflows/${start.id}.json`, JSON.stringify(crashed));
    const rerun = await invoke(workflowResume, {}, ctx);
    assert.deepEqual([rerun.ran.phase, rerun.ran.rerun, rerun.state.status], [
      5,
      true,
      "completed",
    ]);
    const output = rerun.state.phases.deploy?.output;
    assert.equal(output?.changes.find((change) => change.path === "Makefile")?.action, "create");
    assert.deepEqual(await snapshotFiles(root, deployedFiles(start.id)), deployed);
  });
});

Deno.test("workflowStart() keeps to `only` and rejects unknown catalogue ids", async () => {
  await withRepo(async (root, ctx) => {
    await assertRejectsCode(invoke(workflowStart, { only: ["core-rules/cobol"] }, ctx), "USAGE");
    const { id } = await invoke(workflowStart, {
      only: ["testing-rules/pytest", "core-rules/rust"],
      run: true,
    }, ctx);
    const recommend = await invoke(workflowAdvance, { id }, ctx);
    const output = recommend.state.phases.recommend?.output;
    assert.deepEqual(output?.recommendations.map((rec) => [rec.id, rec.confidence]), [
      ["testing-rules/pytest", 0.9],
      ["core-rules/rust", 0],
    ]);
    await invoke(workflowAdvance, { id }, ctx);
    assert.deepEqual([...(await snapshot(root, ["hack/drafts/cursor_rules"])).keys()].sort(), [
      "hack/drafts/cursor_rules/core-rules/rust.mdc.md",
      "hack/drafts/cursor_rules/testing-rules/pytest.mdc.md",
    ]);
  });
});

Deno.test("workflowResume() reruns an interrupted phase 1 and writes the same report", async () => {
  await withRepo(async (root, ctx) => {
    const { id } = await invoke(workflowStart, { run: true }, ctx);
    const report = await Deno.readTextFile(`${root}/.ai/ai_report.json`);
    const state = await readState(root, id) as { phase: number; phases: Record<string, object> };
    state.phase = 0;
    state.phases.analyse = { ...state.phases.analyse, finishedAt: undefined, output: undefined };
    await Deno.writeTextFile(`${root}/.ai/workflows/${id}.json`, JSON.stringify(state));
    const interrupted = await invoke(workflowStatus, { id }, ctx);
    assert.deepEqual([interrupted.next?.via, interrupted.next?.retry], ["resume", "interrupted"]);
    const out = await invoke(workflowResume, { id }, ctx);
    assert.deepEqual([out.ran.phase, out.ran.rerun, out.state.phases.analyse?.attempts], [
      1,
      true,
      2,
    ]);
    assert.equal(await Deno.readTextFile(`${root}/.ai/ai_report.json`), report);
  });
});

Deno.test("workflowResume() reruns an interrupted phase 4 idempotently", async () => {
  await withRepo(async (root, ctx) => {
    const { id } = await invoke(workflowStart, {}, ctx);
    for (let i = 0; i < 4; i++) await invoke(workflowAdvance, { id }, ctx);
    const before = await snapshot(root, [".cursor/rules", "hack/drafts"]);
    await markPhase4Interrupted(root, id);

    const status = await invoke(workflowStatus, { id }, ctx);
    assert.deepEqual([status.state.phase, status.next?.phase, status.next?.retry], [
      3,
      4,
      "interrupted",
    ]);
    const refused = await assertRejectsCode(invoke(workflowAdvance, { id }, ctx), "CONFLICT");
    assert.match(refused.hint ?? "", /workflow resume/);
    const out = await invoke(workflowResume, { id }, ctx);
    assert.deepEqual([out.ran.outcome, out.ran.rerun, out.state.phase], ["completed", true, 4]);
    const migrated = out.state.phases.validate?.output?.migrated ?? [];
    // rules_migrate finds them unchanged; the report keeps what the first attempt did.
    assert.ok(migrated.length > 0 && migrated.every((step) => step.action === "create"));
    assert.deepEqual(out.state.phases.validate?.plan, migrated);
    assert.equal(out.state.phases.validate?.output?.counts.create, migrated.length);
    assert.deepEqual(await snapshot(root, [".cursor/rules", "hack/drafts"]), before);
    const last = await invoke(workflowResume, { id }, ctx);
    assert.deepEqual([last.ran.phase, last.ran.rerun, last.state.status], [5, false, "completed"]);
  });
});

Deno.test("workflowAdvance() saves a failed phase 4 with its hint; resume completes once fixed", async () => {
  await withRepo(async (root, ctx) => {
    await Deno.mkdir(`${root}/.cursor/rules/core-rules`, { recursive: true });
    await Deno.writeTextFile(
      `${root}/${BROKEN_RULE}`,
      "---\ndescription: Broken\nglobs:\nalwaysApply: maybe\n---\n# Broken\n\nBody.\n",
    );
    const { id } = await invoke(workflowStart, {}, ctx);
    for (let i = 0; i < 3; i++) await invoke(workflowAdvance, { id }, ctx);
    const failed = await invoke(workflowAdvance, { id }, ctx);
    assert.equal(failed.ran.outcome, "failed");
    assert.deepEqual([failed.state.status, failed.state.phase], ["failed", 3]);
    const error = failed.state.phases.validate?.error;
    assert.equal(error?.code, "VALIDATION_FAILED");
    assert.match(error?.message ?? "", /rules_validate found 1 error\(s\) in 1 file/);
    assert.match(error?.details[0] ?? "", /broken\.mdc:4:\d+ always-apply-invalid/);
    assert.match(error?.hint ?? "", /workflow resume .* to retry phase 4/);
    assert.deepEqual(failed.next?.retry, "failed");
    assert.match(await workflowBriefing(root), /Phase 4 failed: Cannot finish phase 4/);
    await assertRejectsCode(invoke(workflowAdvance, { id }, ctx), "USAGE");
    // The migrated rules are on disk; the state says phase 4 failed.
    assert.ok((await Deno.stat(`${root}/.cursor/rules/testing-rules/pytest.mdc`)).isFile);

    await Deno.writeTextFile(
      `${root}/${BROKEN_RULE}`,
      "---\ndescription: Fixed\nglobs:\nalwaysApply: false\n---\n# Fixed\n\nBody.\n",
    );
    const fixed = await invoke(workflowResume, { id }, ctx);
    assert.deepEqual([fixed.ran.outcome, fixed.ran.rerun, fixed.state.status], [
      "completed",
      true,
      "running",
    ]);
    assert.equal(fixed.state.phases.validate?.error, undefined);
    assert.equal(fixed.state.phases.validate?.attempts, 2);
    const done = await invoke(workflowAdvance, { id }, ctx);
    assert.equal(done.state.status, "completed");
  });
});

Deno.test("workflowAbort() stops a workflow and lists the files it kept", async () => {
  await withRepo(async (root, ctx) => {
    const first = await invoke(workflowStart, { run: true }, ctx);
    const second = await invoke(workflowStart, {}, ctx);
    const list = await invoke(workflowList, {}, ctx);
    assert.deepEqual(list.workflows.map((w) => [w.id, w.phase]), [[second.id, 0], [first.id, 1]]);
    assert.equal((await invoke(workflowStatus, {}, ctx)).id, second.id);
    const aborted = await invoke(workflowAbort, { id: first.id }, ctx);
    assert.equal(aborted.state.status, "aborted");
    assert.deepEqual(aborted.files, [
      `.ai/workflows/${first.id}.json`,
      ".ai/ai_report.md",
      ".ai/ai_report.json",
    ]);
    assert.ok((await Deno.stat(`${root}/.ai/ai_report.md`)).isFile);
    assert.deepEqual(await invoke(workflowAbort, { id: first.id }, ctx), aborted);
    await assertRejectsCode(invoke(workflowResume, { id: first.id }, ctx), "USAGE");
    await assertRejectsCode(invoke(workflowStatus, { id: "../../etc/passwd" }, ctx), "USAGE");
    await assertRejectsCode(invoke(workflowStatus, { id: "wf-20261201-0000" }, ctx), "NOT_FOUND");
  });
});

Deno.test("workflowBriefing() describes the latest workflow and its next step", async () => {
  await withRepo(async (root, ctx) => {
    assert.match(await workflowBriefing(root), /No workflow yet/);
    const { id } = await invoke(workflowStart, { run: true }, ctx);
    const briefing = await workflowBriefing(root);
    assert.match(briefing, new RegExp(`^# Rule workflow ${id}\n`));
    assert.match(briefing, /1\. Analyse the repository: done/);
    assert.match(
      briefing,
      new RegExp(`Next: phase 2, .*Call \`workflow_advance\` with id \`${id}\``),
    );
  });
});

// ---------------------------------------------------------------------------
// The real server over stdio, killed with SIGKILL between phases.

interface Server {
  client: Client;
  pid: number;
  call(name: string, args?: Record<string, unknown>): Promise<Record<string, unknown>>;
}

async function startServer(workspace: string): Promise<Server> {
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: mainArgs(workspace, ["serve"]),
    cwd: workspace,
    env: { NO_COLOR: "1" },
    stderr: "pipe",
  });
  const client = new Client({ name: "codegen-lab-test", version: "1.0.0" });
  await client.connect(transport);
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const result = await client.callTool({ name, arguments: args });
    const text = (result.content as Array<{ text?: string }>)[0]?.text ?? "";
    assert.equal(result.isError, undefined, `${name}: ${text}`);
    return result.structuredContent as Record<string, unknown>;
  };
  return { client, pid: transport.pid!, call };
}

/** SIGKILL, no clean shutdown; the next request fails because the process is gone. */
async function kill(server: Server): Promise<void> {
  Deno.kill(server.pid, "SIGKILL");
  await assert.rejects(server.client.ping(), /closed/i);
  await server.client.close().catch(() => {});
}

type Ran = { phase: number; outcome: string; rerun: boolean };

Deno.test("MCP stdio: a workflow survives SIGKILL between phases and after phase 4's files", async () => {
  const workspace = await copyFixtureRepo("python-uv");
  try {
    let server = await startServer(workspace);
    const { id } = await server.call("workflow_start") as { id: string };
    for (let phase = 1; phase <= 3; phase++) {
      const out = await server.call("workflow_advance", { id });
      assert.deepEqual((out.ran as Ran).phase, phase);
    }
    await kill(server);

    server = await startServer(workspace);
    const status = await server.call("workflow_status", { id }) as {
      state: { phase: number; status: string };
      next: { phase: number; via: string };
    };
    assert.deepEqual([status.state.phase, status.state.status], [3, "running"]);
    assert.deepEqual([status.next.phase, status.next.via], [4, "advance"]);
    const phase4 = await server.call("workflow_resume", { id });
    assert.deepEqual(phase4.ran as Ran, { ...(phase4.ran as Ran), phase: 4, outcome: "completed" });
    const rules = await snapshot(workspace, [".cursor/rules"]);
    assert.ok(rules.has(".cursor/rules/testing-rules/pytest.mdc"));
    await kill(server);

    // As if the server died after phase 4 wrote the rules but before the state said so.
    await markPhase4Interrupted(workspace, id);
    server = await startServer(workspace);
    const refused = await server.client.callTool({ name: "workflow_advance", arguments: { id } });
    assert.equal(refused.isError, true);
    assert.match((refused.content as Array<{ text: string }>)[0]!.text, /call workflow_resume/);
    const rerun = await server.call("workflow_resume", { id });
    assert.deepEqual(rerun.ran as Ran, { ...(rerun.ran as Ran), phase: 4, rerun: true });
    assert.deepEqual(await snapshot(workspace, [".cursor/rules"]), rules);
    const phase5 = await server.call("workflow_advance", { id }) as {
      ran: Ran;
      state: { status: string };
    };
    assert.deepEqual([phase5.ran.phase, phase5.state.status], [5, "completed"]);
    await server.client.close();
    assert.ok((await Deno.stat(`${workspace}/.cursor/mcp.json`)).isFile);
    assert.ok((await Deno.stat(`${workspace}/.ai/workflows/${id}.summary.md`)).isFile);
  } finally {
    await removeWorkspace(workspace);
  }
});
