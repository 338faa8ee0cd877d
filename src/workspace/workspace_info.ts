/**
 * The `workspace_info` operation: where the workspace is, whether it is a git
 * repository, the configuration in force and the versions in use.
 *
 * @module
 */
import { z } from "zod";
import denoJson from "../../deno.json" with { type: "json" };
import { defineOperation, type Operation } from "../core/mod.ts";
import { findGit } from "./_git.ts";

const input = z.strictObject({});

const output = z.object({
  root: z.string().describe("Absolute real path of the workspace root"),
  git: z.object({
    isRepo: z.boolean(),
    topLevel: z.string().optional(),
    branch: z.string().optional(),
    head: z.string().optional(),
  }).describe("The git repository around the root, read without running git"),
  config: z.record(z.string(), z.unknown()).describe(
    "Configuration in force; secrets show as [redacted]",
  ),
  configFile: z.string().optional().describe("The config file read, if any"),
  versions: z.object({
    codegenLab: z.string(),
    deno: z.string(),
    v8: z.string(),
    typescript: z.string(),
  }),
});

/** Reports the workspace root, git state, config in force and versions. */
export const workspaceInfo: Operation<typeof input, typeof output> = defineOperation({
  name: "workspace_info",
  title: "Workspace info",
  description:
    "Report the workspace root, whether it is a git repository (branch, HEAD), the configuration in force (secrets redacted) and the versions of Codegen Lab and Deno. Cheap; call it first to learn where you are.",
  group: "core",
  input,
  output,
  effects: ["read"],
  requiresApproval: false,
  cli: {
    command: "info",
    examples: [
      { command: "info", description: "Show the workspace of the current directory" },
      { command: "--cwd ../other info --json", description: "Another workspace, as JSON" },
    ],
  },
  async handler(_input, ctx) {
    const git = await findGit(ctx.root);
    const configFile = await Deno.stat(`${ctx.root}/codegen-lab.json`).then(() =>
      "codegen-lab.json"
    )
      .catch(() => undefined);
    return {
      root: ctx.root,
      git,
      // A JSON round trip turns Secret values into "[redacted]".
      config: JSON.parse(JSON.stringify(ctx.config)),
      ...(configFile ? { configFile } : {}),
      versions: {
        codegenLab: denoJson.version,
        deno: Deno.version.deno,
        v8: Deno.version.v8,
        typescript: Deno.version.typescript,
      },
    };
  },
});
