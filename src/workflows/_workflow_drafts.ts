/**
 * Private helper of `rule_workflow.ts`: phase 3 writes one v1 draft
 * (`hack/drafts/cursor_rules/<category>/<name>.mdc.md`) per recommended rule,
 * in the format `rules_migrate` converts: frontmatter, `# Title`, an intro
 * saying why the rule was recommended, and one `<rule>` block whose actions,
 * examples and tags carry the catalogue rule's body.
 *
 * Extension point: drafts come from a {@linkcode DraftAuthor}. The workflow
 * uses {@linkcode catalogueAuthor} (offline, deterministic). An LLM-backed
 * author implements the same interface, returns v1 draft text for a
 * {@linkcode DraftRequest}, and is passed to `generateDrafts`; nothing here
 * opens a network connection.
 *
 * @module
 */
import type { CatalogRule } from "../analysis/mod.ts";

/** What an author is asked to draft. */
export interface DraftRequest {
  /** The catalogue rule recommended for the workspace. */
  rule: CatalogRule;
  /** The globs to use: the catalogue's that match a file here (all when none do). */
  globs: readonly string[];
  /** Why the rule was recommended, one line per finding. */
  reasons: readonly string[];
  /** The recommendation's confidence, 0 to 1. */
  confidence: number;
}

/** Writes v1 drafts; the one seam where an LLM may be plugged in. */
export interface DraftAuthor {
  /** Recorded in the workflow state (`catalogue`, or e.g. `llm:<model>`). */
  name: string;
  /**
   * Returns the v1 draft text for one rule. Must be deterministic for the
   * same request, so a retried phase writes the same files.
   */
  write(request: DraftRequest, signal: AbortSignal): Promise<string>;
}

const CATEGORY_TAGS: Readonly<Record<string, string>> = {
  "testing-rules": "testing",
  "tool-rules": "tools",
  "global-rules": "global",
  "core-rules": "core",
};

/** The offline author: the catalogue rule's body, rewritten as a v1 draft. */
export const catalogueAuthor: DraftAuthor = {
  name: "catalogue",
  write: (request) => Promise.resolve(renderDraft(request)),
};

/**
 * Renders a catalogue rule as a v1 draft.
 *
 * @param request The rule, its globs and why it was recommended.
 * @returns The draft text, ending in a newline.
 */
export function renderDraft(request: DraftRequest): string {
  const { rule, globs, reasons, confidence } = request;
  const parts = bodyParts(rule.body);
  const base = rule.id.slice(rule.id.lastIndexOf("/") + 1);
  const why = reasons.length > 0 ? reasons.join("; ") : "requested by name";
  const lines = [
    "---",
    `description: ${rule.description}`,
    `globs:${globs.length > 0 ? ` ${globs.join(",")}` : ""}`,
    `alwaysApply: ${rule.alwaysApply}`,
    "---",
    `# ${rule.title}`,
    "",
    `${rule.summary}. Recommended for this repository (confidence ${
      confidence.toFixed(2)
    }): ${why}.`,
    "",
    "<rule>",
    `name: ${base}`,
    `description: ${JSON.stringify(rule.description)}`,
    "actions:",
    ...action("instructions", parts.context),
    ...action("suggest", parts.rules),
    "examples:",
    ...parts.examples.flatMap((example) => [
      `  - type: ${example.invalid ? "invalid" : "valid"}`,
      "    input: |",
      ...block(example.text, 6),
    ]),
    "metadata:",
    `  priority: ${rule.alwaysApply ? "high" : "medium"}`,
    "  version: 1.0",
    `  tags: [${[CATEGORY_TAGS[rule.category] ?? rule.category, base].join(", ")}]`,
    "</rule>",
    "",
  ];
  return lines.join("\n");
}

function action(type: string, bullets: readonly string[]): string[] {
  if (bullets.length === 0) return [];
  return [`  - type: ${type}`, "    message: |", ...block(bullets.join("\n"), 6)];
}

function block(text: string, width: number): string[] {
  const pad = " ".repeat(width);
  return text.split("\n").map((line) => (line.trim() === "" ? "" : `${pad}${line}`));
}

interface BodyParts {
  context: string[];
  rules: string[];
  examples: Array<{ invalid: boolean; text: string }>;
}

/** Splits a catalogue body into its Context and Critical Rules bullets and examples. */
function bodyParts(body: string): BodyParts {
  const parts: BodyParts = { context: [], rules: [], examples: [] };
  let section = "";
  let example: { invalid: boolean; lines: string[] } | undefined;
  for (const line of body.replace(/\r\n?/g, "\n").split("\n")) {
    if (example !== undefined) {
      if (line.trim() === "</example>") {
        const text = example.lines.map((l) => l.replace(/^ {2}/, "")).join("\n");
        parts.examples.push({ invalid: example.invalid, text });
        example = undefined;
      } else example.lines.push(line);
      continue;
    }
    const heading = /^##\s+(.*?)\s*$/.exec(line);
    if (heading) section = heading[1]!.toLowerCase();
    else if (/^<example(\s|>)/.test(line.trim())) {
      example = { invalid: /type=["']?invalid/.test(line), lines: [] };
    } else if (line.startsWith("- ") && section === "context") parts.context.push(line.slice(2));
    else if (line.startsWith("- ") && section === "critical rules") {
      parts.rules.push(line.slice(2));
    }
  }
  return parts;
}
