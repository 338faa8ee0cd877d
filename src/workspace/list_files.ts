/**
 * The `list_files` operation: files of the workspace matching a glob,
 * honouring `.gitignore`.
 *
 * @module
 */
import { z } from "zod";
import {
  compileGlob,
  defineOperation,
  type Operation,
  type SkipReason,
  walkWorkspace,
} from "../core/mod.ts";

const input = z.strictObject({
  pattern: z.string().min(1).default("**").describe(
    "Glob matched against paths relative to the workspace root, e.g. src/**/*.ts",
  ),
  limit: z.int().min(1).max(100_000).default(1000).describe("Most paths to return"),
  includeIgnored: z.boolean().default(false).describe(
    "Also list files that .gitignore excludes (never .git/)",
  ),
});

const output = z.object({
  files: z.array(z.string()).describe("Matching paths, relative, sorted directory by directory"),
  count: z.int().describe("Number of paths returned"),
  truncated: z.boolean().describe("True when more files matched than the limit"),
  skipped: z.object({
    ignored: z.int().describe("Paths excluded by ignore files"),
    symlinksOutside: z.int().describe("Symlinks pointing outside the workspace, not followed"),
  }),
});

/** Lists workspace files matching a glob, honouring .gitignore. */
export const listFiles: Operation<typeof input, typeof output> = defineOperation({
  name: "list_files",
  title: "List files",
  description:
    "List files in the workspace whose relative path matches a glob (default **), honouring .gitignore at every level and never following symlinks out of the workspace. Returns relative paths.",
  group: "core",
  input,
  output,
  effects: ["read"],
  requiresApproval: false,
  cli: {
    command: "files",
    positional: ["pattern"],
    examples: [
      { command: "files 'src/**/*.ts'", description: "TypeScript files under src/" },
      { command: "files --limit 20 --json", description: "The first 20 files, as JSON" },
    ],
    render: (out) =>
      [
        ...out.files,
        ...(out.truncated ? [`… more files match; raise --limit (now ${out.count})`] : []),
      ]
        .join("\n"),
  },
  async handler(input, ctx) {
    const matches = compileGlob(input.pattern);
    const files: string[] = [];
    const skipped = { ignored: 0, symlinksOutside: 0 };
    const onSkip = (_path: string, reason: SkipReason): void => {
      if (reason === "ignored") skipped.ignored++;
      else if (reason === "symlink-outside") skipped.symlinksOutside++;
    };
    let seen = 0;
    let truncated = false;
    for await (
      const entry of walkWorkspace(ctx.root, {
        includeIgnored: input.includeIgnored,
        signal: ctx.signal,
        onSkip,
      })
    ) {
      if (++seen % 500 === 0) ctx.progress(seen, undefined, `${seen} files scanned`);
      if (!matches(entry.path)) continue;
      if (files.length === input.limit) {
        truncated = true;
        break;
      }
      files.push(entry.path);
    }
    return { files, count: files.length, truncated, skipped };
  },
});
