/**
 * Private: line lookup and snippets for safety findings. Snippets come from
 * the secret-redacted text, so no finding ever echoes a secret.
 *
 * @module
 */
import { type RedactResult, redactSecrets } from "../analysis/mod.ts";

const MAX_SNIPPET = 160;

/** Offsets of line starts, and 1-based line/column for an offset. */
export class LineIndex {
  readonly #starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
      this.#starts.push(i + 1);
    }
  }

  /** 1-based line and column (UTF-16 code units) of an offset. */
  locate(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.#starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.#starts[lo]! + 1 };
  }
}

function trimSnippet(line: string): string {
  const trimmed = line.replace(/\r$/, "").trim();
  return trimmed.length <= MAX_SNIPPET ? trimmed : `${trimmed.slice(0, MAX_SNIPPET - 1)}…`;
}

/**
 * Returns a function giving the trimmed, secret-masked text of an original
 * line. Redaction keeps line numbers, except that a private key's body
 * collapses to one line; the redaction's findings let the lines after such a
 * block be mapped back.
 */
export function snippetSource(
  original: string,
  redaction: RedactResult,
  path: string,
): (line: number) => string {
  const snippet = snippetOfLine(original, redaction, path);
  const cache = new Map<number, string>();
  return (line) => {
    let text = cache.get(line);
    if (text === undefined) {
      text = snippet(line);
      cache.set(line, text);
    }
    return text;
  };
}

function snippetOfLine(
  original: string,
  redaction: RedactResult,
  path: string,
): (line: number) => string {
  const { text: redacted, findings: secrets } = redaction;
  const lines = redacted.split("\n");
  if (redacted === original || !secrets.some((secret) => secret.kind === "private-key")) {
    return (line) => trimSnippet(lines[line - 1] ?? "");
  }
  // Each collapsed block: original lines [first, last] became one redacted line.
  const originalLines = original.split("\n");
  const blocks: Array<{ first: number; last: number }> = [];
  for (const secret of secrets) {
    if (secret.kind !== "private-key") continue;
    const label = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----/.exec(
      originalLines[secret.line - 1] ?? "",
    )?.[1];
    if (label === undefined) continue;
    const endLine = originalLines.findIndex((text, index) =>
      index >= secret.line && text.includes(`-----END ${label}-----`)
    ) + 1;
    if (endLine > secret.line + 2) {
      blocks.push({ first: secret.line + 1, last: endLine - 1 });
    }
  }
  const collapsed = blocks.reduce((sum, block) => sum + block.last - block.first, 0);
  if (collapsed !== originalLines.length - lines.length) {
    // Unexpected layout: redact the one line on its own instead.
    return (line) => trimSnippet(redactSecrets(originalLines[line - 1] ?? "", path).text);
  }
  return (line) => {
    let shift = 0;
    for (const block of blocks) {
      if (line < block.first) break;
      if (line <= block.last) return trimSnippet(lines[block.first - 1 - shift] ?? "");
      shift += block.last - block.first;
    }
    return trimSnippet(lines[line - 1 - shift] ?? "");
  };
}
