/**
 * The three layouts of a packed context document: XML (tags that models
 * follow well), Markdown (fenced code) and plain text (separator lines).
 *
 * @module
 */

/** The layout of a packed document. */
export type PackStyle = "xml" | "markdown" | "plain";

/** The packed styles, for schemas and help. */
export const PACK_STYLES: readonly PackStyle[] = ["xml", "markdown", "plain"];

/** What the document's header says. */
export interface PackHeader {
  /** Name of the project (the workspace folder). */
  project: string;
  /** The `tree`-style file tree of the packed files. */
  tree: string;
  /** Lines describing how the files were chosen and processed. */
  notes: readonly string[];
}

/**
 * Renders the header: a purpose line, the notes and the file tree.
 *
 * @param style The layout.
 * @param header What to say.
 * @returns The header text, ending with a newline.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderPackHeader } from "./pack_format.ts";
 * const text = renderPackHeader("plain", { project: "demo", tree: ".\n└── a.ts", notes: [] });
 * assert.ok(text.startsWith("This document packs files of the repository demo"));
 * assert.ok(text.includes("└── a.ts"));
 * ```
 */
export function renderPackHeader(style: PackStyle, header: PackHeader): string {
  const intro =
    `This document packs files of the repository ${header.project} for an AI model. Each file's path is given with its content; files appear in the order of the tree below.`;
  const notes = header.notes.map((note) => `- ${note}`).join("\n");
  switch (style) {
    case "xml":
      return `${intro}\n\n<file_summary>\n${notes}\n</file_summary>\n\n<directory_structure>\n${header.tree}\n</directory_structure>\n\n<files>\n`;
    case "markdown":
      return `# ${header.project}\n\n${intro}\n\n${notes}\n\n## Directory structure\n\n\`\`\`text\n${header.tree}\n\`\`\`\n\n## Files\n\n`;
    case "plain":
      return `${intro}\n\n${notes}\n\n${RULE}\nDirectory structure\n${RULE}\n${header.tree}\n\n`;
  }
}

/**
 * Renders one file's section.
 *
 * @param style The layout.
 * @param path Relative path.
 * @param content The (already redacted) text.
 * @param fenceLanguage Markdown fence info string, e.g. `ts`.
 * @returns The section, ending with a newline.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderPackFile } from "./pack_format.ts";
 * assert.equal(renderPackFile("xml", "a.ts", "let a = 1;\n"), '<file path="a.ts">\nlet a = 1;\n</file>\n\n');
 * // A fence longer than any backtick run in the content.
 * const three = "`".repeat(3);
 * assert.equal(
 *   renderPackFile("markdown", "b.md", `${three}x${three}\n`, "md"),
 *   `### b.md\n\n${three}\`md\n${three}x${three}\n${three}\`\n\n`,
 * );
 * ```
 */
export function renderPackFile(
  style: PackStyle,
  path: string,
  content: string,
  fenceLanguage = "",
): string {
  const body = content.endsWith("\n") || content === "" ? content : `${content}\n`;
  switch (style) {
    case "xml":
      return `<file path="${escapeAttribute(path)}">\n${body}</file>\n\n`;
    case "markdown": {
      const fence = "`".repeat(Math.max(3, longestBacktickRun(content) + 1));
      return `### ${path}\n\n${fence}${fenceLanguage}\n${body}${fence}\n\n`;
    }
    case "plain":
      return `${RULE}\nFile: ${path}\n${RULE}\n${body}\n`;
  }
}

/**
 * Renders the end of the document.
 *
 * @param style The layout.
 * @returns The footer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderPackFooter } from "./pack_format.ts";
 * assert.equal(renderPackFooter("xml"), "</files>\n");
 * ```
 */
export function renderPackFooter(style: PackStyle): string {
  return style === "xml" ? "</files>\n" : "";
}

const RULE = "=".repeat(16);

function escapeAttribute(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (let i = text.indexOf("`"); i !== -1 && i < text.length; i++) {
    if (text.charCodeAt(i) === 96) {
      run++;
      if (run > longest) longest = run;
    } else {
      run = 0;
      const next = text.indexOf("`", i);
      if (next === -1) break;
      i = next - 1;
    }
  }
  return longest;
}
