/**
 * The `prep_workspace` operation (`codegen-lab init`): the folders, Makefile
 * target, `.dockerignore` block and MCP client configs a project needs.
 *
 * @module
 */
import { z } from "zod";
import {
  defineOperation,
  type Operation,
  type OperationContext,
  resolveInWorkspace,
  unifiedDiff,
  writeFileAtomic,
} from "../core/mod.ts";
import { DRAFTS_DIR, RULES_DIR, STANDARD_CATEGORIES } from "../rules/mod.ts";
import { planDockerignore } from "./_setup_dockerignore.ts";
import { planMakefile } from "./_setup_makefile.ts";
import { MCP_CLIENT_FORMATS, MCP_CLIENTS, planMcpConfig } from "./_setup_mcp.ts";
import type { FilePlan } from "./_setup_plan.ts";

/**
 * The MCP server command written into client configs by default: the
 * published CLI (`jsr:@codegen-lab/cli/cli`, the package's executable entry)
 * with read and write access to the current directory only. That directory is
 * the project, because Cursor (like Claude Code) starts a project's servers
 * there. Tools that also need `/tmp`, subprocesses or more environment
 * variables (sandbox, git changes) report a permission error under it; pass
 * `server` to widen it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_SERVER } from "./prep_workspace.ts";
 * assert.equal(DEFAULT_SERVER.args.at(-1), "serve");
 * ```
 */
export const DEFAULT_SERVER: Readonly<{ command: string; args: readonly string[] }> = {
  command: "deno",
  args: [
    "run",
    "--allow-read=.",
    "--allow-write=.",
    "--allow-env=CODEGEN_LAB_*",
    "jsr:@codegen-lab/cli/cli",
    "serve",
  ],
};

/** Where an updated file's previous content is copied: `<dir>/<run time>/<path>`. */
const BACKUP_DIR = ".codegen-lab/backups";

const DIRS = [
  ...STANDARD_CATEGORIES.map((category) => `${RULES_DIR}/${category}`),
  ".cursor/templates",
  ".ai",
  DRAFTS_DIR,
];

const input = z.strictObject({
  apply: z.boolean().default(false).describe(
    "Create folders and write files; without it, only the plan and diffs are returned",
  ),
  clients: z.array(z.enum(MCP_CLIENTS)).default(["cursor"]).describe(
    "MCP client configs to write: cursor (.cursor/mcp.json), claude-code (.mcp.json), vscode (.vscode/mcp.json)",
  ),
  makefile: z.boolean().default(true).describe(
    "Add an update-cursor-rules target to the Makefile (created when missing)",
  ),
  dockerignore: z.boolean().default(true).describe(
    "Keep a managed codegen-lab block in .dockerignore",
  ),
  server: z.strictObject({
    command: z.string().min(1).describe("The executable, e.g. deno"),
    args: z.array(z.string()).describe("Its arguments"),
  }).optional().describe(
    `The MCP server command for the configs (default: ${DEFAULT_SERVER.command} ${
      DEFAULT_SERVER.args.join(" ")
    })`,
  ),
});

const Change = z.object({
  path: z.string().describe("Workspace-relative path; folders end with /"),
  kind: z.enum(["dir", "makefile", "dockerignore", "mcp-config"]),
  action: z.enum(["create", "update", "unchanged", "skipped"]),
  reason: z.string().optional().describe("Why it is skipped, or a note to read"),
  diff: z.string().optional().describe("Unified diff, for files created or updated"),
  backup: z.string().optional().describe("Where the previous content was copied (applied updates)"),
});

const output = z.object({
  applied: z.boolean(),
  changes: z.array(Change).describe("Every path considered, unchanged ones included"),
});

type ChangeOut = z.input<typeof Change>;

/**
 * Prepares a workspace for Codegen Lab. Dry run unless `apply`: nothing is
 * created or written without it. With it, requires `--allow-read` and
 * `--allow-write` on the workspace; each updated file's previous content is
 * first copied to `.codegen-lab/backups/<run time>/<path>` (reported as
 * `backup`), and every write is atomic.
 *
 * @example Plan, then apply, on an empty workspace
 * ```ts
 * import assert from "node:assert/strict";
 * import { invoke, testContext } from "../core/mod.ts";
 * import { prepWorkspace } from "./prep_workspace.ts";
 * const root = await Deno.makeTempDir({ prefix: "codegen_lab_" });
 * const ctx = await testContext(root);
 * const plan = await invoke(prepWorkspace, {}, ctx);
 * assert.ok(plan.changes.every((change) => change.action === "create"));
 * assert.deepEqual(await Array.fromAsync(Deno.readDir(root)), []);
 * await invoke(prepWorkspace, { apply: true }, ctx);
 * const again = await invoke(prepWorkspace, { apply: true }, ctx);
 * assert.ok(again.changes.every((change) => change.action === "unchanged"));
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export const prepWorkspace: Operation<typeof input, typeof output> = defineOperation({
  name: "prep_workspace",
  title: "Prepare the workspace",
  description:
    "Set up a project for Cursor rules: the .cursor/rules category folders, .cursor/templates/, .ai/ and hack/drafts/cursor_rules/; a Makefile target update-cursor-rules that migrates the drafts; a managed block in .dockerignore; and the codegen-lab MCP server entry in .cursor/mcp.json, .mcp.json (claude-code) or .vscode/mcp.json. Dry run by default (plan and diffs, nothing written); apply writes atomically, backs up updated files under .codegen-lab/backups/, keeps every user line and other server untouched, and is idempotent. Files it cannot edit safely (invalid JSON, JSON with comments, an existing update-cursor-rules target) are skipped with the reason.",
  group: "workflows",
  input,
  output,
  effects: ["read", "write"],
  requiresApproval: true,
  idempotent: true,
  cli: {
    command: "init",
    examples: [
      { command: "init", description: "Show what would be created or changed" },
      {
        command: "init --apply --clients cursor --clients vscode",
        description: "Write it all, with Cursor and VS Code MCP configs",
      },
      { command: "init --apply --no-makefile", description: "Everything but the Makefile" },
    ],
    render: (out) =>
      [
        ...out.changes.map((change) =>
          `${change.action} ${change.path}${change.reason ? ` (${change.reason})` : ""}`
        ),
        ...(out.applied ? [] : ["Dry run: nothing written; add --apply to write"]),
      ].join("\n"),
    exitCode: (out) =>
      out.changes.some((change) => change.action === "skipped" && change.kind !== "makefile")
        ? 1
        : 0,
  },
  async handler(input, ctx) {
    const changes: ChangeOut[] = [];
    for (const dir of DIRS) changes.push(await planDir(ctx, dir, input.apply));
    const files: Array<[string, ChangeOut["kind"], (before?: string) => FilePlan]> = [];
    if (input.makefile) files.push(["Makefile", "makefile", planMakefile]);
    if (input.dockerignore) files.push([".dockerignore", "dockerignore", planDockerignore]);
    const server = input.server ?? DEFAULT_SERVER;
    for (const client of new Set(input.clients)) {
      const { command, args } = server;
      files.push([
        MCP_CLIENT_FORMATS[client].path,
        "mcp-config",
        (before) => planMcpConfig(client, before, { command, args: [...args] }),
      ]);
    }
    const stamp = ctx.now().toISOString().replace(/[:.]/g, "-");
    for (const [path, kind, plan] of files) {
      changes.push(await planFile(ctx, { path, kind, plan, apply: input.apply, stamp }));
    }
    return { applied: input.apply, changes };
  },
});

async function planDir(ctx: OperationContext, dir: string, apply: boolean): Promise<ChangeOut> {
  const target = await resolveInWorkspace(ctx.root, dir);
  const base = { path: `${target.relative}/`, kind: "dir" as const };
  const info = await Deno.stat(target.absolute).catch(() => undefined);
  if (info?.isDirectory) return { ...base, action: "unchanged" };
  if (info) {
    return {
      ...base,
      action: "skipped",
      reason: "a file has this name; rename or remove it, then run init again",
    };
  }
  if (apply) await Deno.mkdir(target.absolute, { recursive: true });
  return { ...base, action: "create" };
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

interface FileStep {
  path: string;
  kind: ChangeOut["kind"];
  plan: (before?: string) => FilePlan;
  apply: boolean;
  stamp: string;
}

async function planFile(ctx: OperationContext, step: FileStep): Promise<ChangeOut> {
  const target = await resolveInWorkspace(ctx.root, step.path);
  const base = { path: target.relative, kind: step.kind };
  const info = await Deno.stat(target.absolute).catch(() => undefined);
  if (info && !info.isFile) {
    return {
      ...base,
      action: "skipped",
      reason: "it is not a regular file; rename or remove it, then run init again",
    };
  }
  let before: string | undefined;
  try {
    before = info ? utf8.decode(await Deno.readFile(target.absolute)) : undefined;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return {
      ...base,
      action: "skipped",
      reason: "it is not UTF-8 text; convert it to UTF-8, then run init again",
    };
  }
  const plan = step.plan(before);
  const change: ChangeOut = {
    ...base,
    action: plan.action,
    ...(plan.reason === undefined ? {} : { reason: plan.reason }),
  };
  if (plan.after === undefined || (plan.action !== "create" && plan.action !== "update")) {
    return change;
  }
  change.diff = unifiedDiff(target.relative, before, plan.after);
  if (step.apply) {
    const backup = before === undefined
      ? undefined
      : await resolveInWorkspace(ctx.root, `${BACKUP_DIR}/${step.stamp}/${base.path}`);
    if (backup !== undefined) change.backup = backup.relative;
    await writeFileAtomic(
      target.absolute,
      plan.after,
      backup === undefined ? {} : { backupPath: backup.absolute },
    );
  }
  return change;
}
