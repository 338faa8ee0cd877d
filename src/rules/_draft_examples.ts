/**
 * Private helper of `convert_draft.ts`: turns v1 `examples` (input/output
 * pairs) into v2 `<example>` blocks.
 *
 * An example is invalid (`<example type="invalid">`) when it says so
 * (`type: invalid`, `valid: false`), when its output rejects (starts with
 * "Reject", "Error", "Invalid", "Bad", "Warning", "❌"…), or when its input
 * opens with a "Bad"/"Wrong" comment. An input holding both "Bad"/"Wrong"
 * and "Good"/"Correct" comment lines (`# Bad: …`, `// Good - …`) is split
 * at those lines into invalid and valid examples; its output goes with the
 * last valid part (the last invalid one when the output rejects). Nothing
 * is invented: a draft without material gets no example of that kind.
 *
 * @module
 */
import type { DraftExample } from "./_draft_block.ts";
import { dedentLines } from "./_draft_markdown.ts";

/** The rendered examples and how many of each kind. */
export interface BuiltExamples {
  /** `<example>` blocks, each several lines joined with `\n`, in draft order. */
  blocks: string[];
  /** How many are valid. */
  valid: number;
  /** How many are invalid. */
  invalid: number;
}

const PREFIX = String.raw`(?:#+|\/\/+|--|<!--|;+|\*)?[ \t]*(?:❌|✗|✘|👎|✅|✓|✔|👍)?[ \t]*`;
const AFTER = String
  .raw`(?:[ \t]+(?:example|practice|approach|code|pattern|usage))?[ \t]*(?:[:(\-–—]|-->|$)`;
const BAD = new RegExp(
  `^${PREFIX}(?:bad|wrong|incorrect|invalid|avoid|don'?t|do not|anti-?pattern)${AFTER}`,
  "iu",
);
const GOOD = new RegExp(
  `^${PREFIX}(?:good|correct|valid|better|right|recommended|preferred|do)${AFTER}`,
  "iu",
);
const COMMENT = /^(?:#|\/\/|--|<!--|;|\*|❌|✗|✘|👎|✅|✓|✔|👍)/u;
const REJECTING =
  /^\W*(?:❌|✗|✘|reject(?:ed|s)?|invalid|bad|wrong|incorrect|error|fail(?:s|ed|ure)?|violation|not allowed|warning|don'?t|do not)\b/iu;

type Kind = "good" | "bad";

/**
 * Builds the `<example>` blocks.
 *
 * @param examples The draft's examples, in order.
 * @returns The blocks and counts.
 */
export function buildExamples(examples: readonly DraftExample[]): BuiltExamples {
  const built: BuiltExamples = { blocks: [], valid: 0, invalid: 0 };
  const push = (lines: string[], invalid: boolean): void => {
    if (lines.every((line) => line.trim() === "")) return;
    const body = lines.map((line) => (line === "" ? "" : `  ${line}`));
    built.blocks.push(
      [`<example${invalid ? ' type="invalid"' : ""}>`, ...body, "</example>"].join("\n"),
    );
    if (invalid) built.invalid++;
    else built.valid++;
  };
  for (const example of examples) {
    const input = dedentLines(example.input);
    const output = dedentLines(example.output);
    const rejects = output.length > 0 && REJECTING.test(output[0]!.trim());
    const segments = example.invalid === undefined ? split(input) : undefined;
    if (segments) {
      const target = segments.findLastIndex((s) => s.kind === (rejects ? "bad" : "good"));
      segments.forEach((segment, i) => {
        const lines = dedentLines(segment.lines.join("\n"));
        push(i === target ? withOutput(lines, output) : lines, segment.kind === "bad");
      });
      continue;
    }
    const opening = input.find((line) => line.trim() !== "")?.trim() ?? "";
    const invalid = example.invalid ?? (rejects || markerKind(opening) === "bad");
    push(withOutput(input, output), invalid);
  }
  return built;
}

function withOutput(input: string[], output: string[]): string[] {
  if (output.length === 0) return input;
  const tail = output.length === 1 ? [`Output: ${output[0]!.trim()}`] : ["Output:", ...output];
  return input.length === 0 ? tail : [...input, "", ...tail];
}

function markerKind(line: string): Kind | undefined {
  const hasPrefix = COMMENT.test(line);
  for (const [kind, pattern] of [["bad", BAD], ["good", GOOD]] as const) {
    const match = pattern.exec(line);
    if (!match) continue;
    // Without a comment sign, only "Bad:" / "Good:" count as markers.
    if (hasPrefix || /:\s*$|:\s/.test(match[0]) || match[0].trimEnd().endsWith(":")) return kind;
  }
  return undefined;
}

/** Splits an input at Bad/Good marker lines; undefined unless both kinds occur. */
function split(lines: readonly string[]): Array<{ kind: Kind; lines: string[] }> | undefined {
  const segments: Array<{ kind: Kind; lines: string[] }> = [];
  const prelude: string[] = [];
  for (const line of lines) {
    const kind = markerKind(line.trim());
    if (kind !== undefined) segments.push({ kind, lines: [line] });
    else if (segments.length === 0) prelude.push(line);
    else segments.at(-1)!.lines.push(line);
  }
  const kinds = new Set(segments.map((segment) => segment.kind));
  if (kinds.size < 2) return undefined;
  if (prelude.some((line) => line.trim() !== "")) segments[0]!.lines.unshift(...prelude);
  return segments;
}
