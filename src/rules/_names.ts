/**
 * Turning a user-given rule name into a confined path under `.cursor/rules/`.
 *
 * @module
 */
import { resolveInWorkspace, UsageError } from "../core/mod.ts";
import { RULES_DIR } from "./discover_rules.ts";

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A rule name resolved to its file. */
export interface RuleTarget {
  /** Rule name (`category/base`). */
  name: string;
  /** Category folder (may be empty). */
  category: string;
  /** Workspace-relative path of the `.mdc` file. */
  path: string;
  /** Absolute path. */
  absolute: string;
}

/**
 * Resolves `name` (optionally `category/name`) and an optional category to a
 * rule file inside the root rules folder.
 *
 * @throws {UsageError} USAGE when a segment is not a plain file name or the
 * name and category disagree.
 * @throws {PermissionDeniedError} PERMISSION_DENIED when the path escapes.
 */
export async function ruleTarget(
  root: string,
  name: string,
  category?: string,
): Promise<RuleTarget> {
  const cleaned = name.replace(/\.mdc$/, "");
  const segments = cleaned.split("/");
  for (const segment of segments) {
    if (!SEGMENT.test(segment) || segment.endsWith(".")) {
      throw new UsageError(
        `Cannot use "${name}" as a rule name: "${segment}" is not a plain file name`,
        {
          hint:
            "Use letters, digits, dots, dashes and underscores, optionally after a category: testing-rules/pytest",
        },
      );
    }
  }
  let folder = segments.length > 1 ? segments.slice(0, -1).join("/") : "";
  if (category !== undefined && category !== "") {
    if (folder !== "" && folder !== category) {
      throw new UsageError(`The name says category "${folder}" but --category says "${category}"`, {
        hint: "Give the category once, either in the name or with --category",
      });
    }
    if (!SEGMENT.test(category)) {
      throw new UsageError(
        `Cannot use "${category}" as a category: it is not a plain folder name`,
        {
          hint:
            "Use core-rules, global-rules, testing-rules, tool-rules or another plain folder name",
        },
      );
    }
    folder = category;
  }
  const base = segments[segments.length - 1]!;
  const fullName = folder === "" ? base : `${folder}/${base}`;
  const resolved = await resolveInWorkspace(root, `${RULES_DIR}/${fullName}.mdc`);
  return {
    name: fullName,
    category: folder.split("/")[0] ?? "",
    path: resolved.relative,
    absolute: resolved.absolute,
  };
}
