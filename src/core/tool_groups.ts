/**
 * Tool groups: every operation belongs to one, and users pick the groups an
 * MCP server exposes (`--tools`, `CODEGEN_LAB_TOOLS`) because Cursor caps the
 * number of tools across all servers.
 *
 * @module
 */

/** The names of the tool groups. */
export const TOOL_GROUPS = [
  "core",
  "rules",
  "analysis",
  "workflows",
  "agile",
  "thinking",
  "sandbox",
  "testing",
  "compat",
] as const;

/** A tool group name. */
export type ToolGroup = typeof TOOL_GROUPS[number];

/** What each group is for; feeds `--help`, the docs and MCP `instructions`. */
export const TOOL_GROUP_PURPOSES: Readonly<Record<ToolGroup, string>> = {
  core: "inspect the workspace: where it is, its configuration, its files",
  rules: "read, validate, create, change and export Cursor rules (.cursor/rules/**/*.mdc)",
  analysis: "analyse the repository, recommend rules, pack context for an LLM",
  workflows: "prepare the workspace and run the 5-phase rule workflow",
  agile: "the .ai/ PRD, architecture, epics and stories with enforced status transitions",
  thinking: "step-by-step sequential thinking with revisions and branches",
  sandbox: "syntax-check, scan and run untrusted generated code in a sandbox",
  testing: "run tests with coverage, generate and prioritise tests, compare benchmarks",
  compat: "tool names of the original Python Prompt Library, mapped onto ours",
};

/** Groups enabled when the user names none. `compat` stays off by default. */
export const DEFAULT_TOOL_GROUPS: readonly ToolGroup[] = TOOL_GROUPS.filter((group) =>
  group !== "compat"
);
