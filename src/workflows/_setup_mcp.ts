/**
 * MCP client configs: which file each client reads, and the planner that
 * adds or replaces our `codegen-lab` server entry while leaving every other
 * server, key and character of the file as it was.
 *
 * @module
 */
import { type JsonMember, type JsonNode, jsonValue, parseJsonc } from "./_setup_jsonc.ts";
import { eolOf, type FilePlan } from "./_setup_plan.ts";

/** The MCP clients `prep_workspace` writes configs for. */
export const MCP_CLIENTS = ["cursor", "claude-code", "vscode"] as const;

/** One of {@linkcode MCP_CLIENTS}. */
export type McpClient = typeof MCP_CLIENTS[number];

/** The key of our entry in every client's server map. */
export const SERVER_NAME = "codegen-lab";

/** A stdio server command line. */
export interface ServerCommand {
  /** The executable. */
  command: string;
  /** Its arguments. */
  args: string[];
}

interface ClientFormat {
  /** Workspace-relative config file. */
  path: string;
  /** The key of the server map. */
  serversKey: string;
  /** Entries carry `"type": "stdio"`. */
  typed: boolean;
  /** The client reads JSONC (comments, trailing commas). */
  jsonc: boolean;
}

/** Where each client keeps its project config and how it is shaped. */
export const MCP_CLIENT_FORMATS: Readonly<Record<McpClient, ClientFormat>> = {
  cursor: { path: ".cursor/mcp.json", serversKey: "mcpServers", typed: false, jsonc: false },
  "claude-code": { path: ".mcp.json", serversKey: "mcpServers", typed: true, jsonc: false },
  vscode: { path: ".vscode/mcp.json", serversKey: "servers", typed: true, jsonc: true },
};

/**
 * Plans one client's config. Our entry's `type`, `command` and `args` are set
 * (other keys in it, such as `env`, are kept; `url` and `headers` go); the
 * rest of the file is spliced around it untouched. A file with comments that
 * would need a change, invalid JSON, or an unexpected shape is skipped, with
 * a reason that says what to do.
 *
 * @param client The client.
 * @param before The file's text, or undefined when there is none.
 * @param server The command to run.
 * @returns The plan.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planMcpConfig } from "./_setup_mcp.ts";
 * const server = { command: "deno", args: ["serve"] };
 * const plan = planMcpConfig("vscode", '{\n  "servers": {}\n}\n', server);
 * assert.equal(
 *   plan.after,
 *   '{\n  "servers": {\n    "codegen-lab": {\n      "type": "stdio",\n      "command": "deno",\n      "args": [\n        "serve"\n      ]\n    }\n  }\n}\n',
 * );
 * assert.equal(planMcpConfig("vscode", plan.after, server).action, "unchanged");
 * assert.equal(planMcpConfig("cursor", "{,}", server).action, "skipped");
 * ```
 */
export function planMcpConfig(
  client: McpClient,
  before: string | undefined,
  server: ServerCommand,
): FilePlan {
  const format = MCP_CLIENT_FORMATS[client];
  const entry = format.typed ? { type: "stdio", ...server } : { ...server };
  if (before === undefined || before.trim() === "") {
    const fresh = { [format.serversKey]: { [SERVER_NAME]: entry } };
    return {
      action: before === undefined ? "create" : "update",
      after: `${JSON.stringify(fresh, null, 2)}\n`,
    };
  }
  const parsed = parseJsonc(before, format.jsonc);
  if (!parsed.ok) {
    return {
      action: "skipped",
      reason:
        `cannot parse ${format.path} at line ${parsed.line}, column ${parsed.column}: ${parsed.message}; fix the JSON there${
          format.jsonc ? "" : " (comments and trailing commas are not allowed in this file)"
        } and run init again, or delete the file to have it recreated`,
    };
  }
  const { root } = parsed;
  const shape = (what: string): FilePlan => ({
    action: "skipped",
    reason:
      `${format.path}: ${what}; fix it so that "${format.serversKey}" is an object of servers, then run init again`,
  });
  if (root.kind !== "object") return shape("the top level is not a JSON object");
  const servers = root.members.filter((member) => member.key === format.serversKey).at(-1);
  const edit = new Splicer(before);
  let wanted: unknown = entry;
  if (!servers) {
    edit.insert(root, format.serversKey, { [SERVER_NAME]: entry });
  } else if (servers.value.kind !== "object") {
    return shape(`"${format.serversKey}" is not an object`);
  } else {
    const ours = servers.value.members.filter((member) => member.key === SERVER_NAME);
    if (ours.length > 1) {
      return shape(
        `"${format.serversKey}" has ${ours.length} "${SERVER_NAME}" entries; delete all but one`,
      );
    }
    if (ours.length === 0) edit.insert(servers.value, SERVER_NAME, entry);
    else {
      const current = jsonValue(ours[0]!.value);
      wanted = mergeEntry(current, entry);
      if (sameJson(current, wanted)) return { action: "unchanged" };
      edit.replace(ours[0]!, wanted);
    }
  }
  if (parsed.comments) {
    return {
      action: "skipped",
      reason:
        `${format.path} has comments, which codegen-lab does not rewrite; add this entry under "${format.serversKey}" by hand: ${
          JSON.stringify(SERVER_NAME)
        }: ${oneLine(wanted)}`,
    };
  }
  return { action: "update", after: edit.text };
}

/** Our entry over the user's: their extra keys and key order stay, the transport is ours. */
function mergeEntry(current: unknown, entry: Record<string, unknown>): Record<string, unknown> {
  if (typeof current !== "object" || current === null || Array.isArray(current)) return entry;
  const merged: Record<string, unknown> = { ...current as Record<string, unknown> };
  delete merged.url;
  delete merged.headers;
  if ("type" in merged && !("type" in entry)) merged.type = "stdio";
  return Object.assign(merged, entry);
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return keysA.length === keysB.length &&
    keysA.every((key) =>
      Object.hasOwn(b, key) &&
      sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])
    );
}

function oneLine(value: unknown): string {
  return JSON.stringify(value, null, 1).replace(/\n\s*/g, " ");
}

/** Applies one insertion or replacement to a JSON text, keeping its indentation style. */
class Splicer {
  #unit: string;
  #eol: string;
  constructor(public text: string) {
    this.#unit = /^([ \t]+)\S/m.exec(text)?.[1] ?? "  ";
    this.#eol = eolOf(text);
  }

  /** Adds `"key": value` as the last member of an object. */
  insert(object: JsonNode & { kind: "object" }, key: string, value: unknown): void {
    const last = object.members.at(-1);
    if (!last || this.#lineStart(last.keyStart) <= object.start) {
      // Empty or on one line: write the whole object anew.
      const whole = { ...jsonValue(object) as Record<string, unknown>, [key]: value };
      this.#splice(object.start, object.end, this.#render(whole, this.#indentAt(object.start)));
      return;
    }
    const indent = this.#indentAt(last.keyStart);
    this.#splice(
      last.value.end,
      last.value.end,
      `,${this.#eol}${indent}${JSON.stringify(key)}: ${this.#render(value, indent)}`,
    );
  }

  /** Replaces a member's value. */
  replace(member: JsonMember, value: unknown): void {
    this.#splice(
      member.value.start,
      member.value.end,
      this.#render(value, this.#indentAt(member.keyStart)),
    );
  }

  #render(value: unknown, indent: string): string {
    return JSON.stringify(value, null, this.#unit).split("\n").join(this.#eol + indent);
  }

  #lineStart(offset: number): number {
    return this.text.lastIndexOf("\n", offset - 1) + 1;
  }

  #indentAt(offset: number): string {
    return /^[ \t]*/.exec(this.text.slice(this.#lineStart(offset)))![0];
  }

  #splice(start: number, end: number, insert: string): void {
    this.text = this.text.slice(0, start) + insert + this.text.slice(end);
  }
}
