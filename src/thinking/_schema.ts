/**
 * Field schemas shared by the thinking operations, with the reference
 * server's coercions: booleans also accept the strings "true"/"false" (any
 * case) and counters accept numeric strings, but must be integers >= 1.
 *
 * @module
 */
import { z } from "zod";

type BooleanOrText = z.ZodType<boolean, string | boolean>;

/**
 * A boolean that also accepts "true"/"false" in any case. `textFirst` lists
 * the string type first in the JSON Schema, which makes the CLI take a value
 * (`--next-thought-needed false`) instead of a bare switch.
 *
 * @param textFirst List `string` before `boolean` in the JSON Schema.
 * @returns The schema; its output is a boolean.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { booleanOrText } from "./_schema.ts";
 * assert.equal(booleanOrText(false).parse("FALSE"), false);
 * assert.equal(booleanOrText(false).safeParse("maybe").success, false);
 * ```
 */
export function booleanOrText(textFirst: boolean): BooleanOrText {
  const union = textFirst ? z.union([z.string(), z.boolean()]) : z.union([z.boolean(), z.string()]);
  return union.transform((value: string | boolean, ctx): boolean => {
    if (typeof value === "boolean") return value;
    if (value.toLowerCase() === "true") return true;
    if (value.toLowerCase() === "false") return false;
    ctx.addIssue({
      code: "custom",
      message: `Expected boolean or "true"/"false" string, received "${value}"`,
    });
    return z.NEVER;
  });
}

/**
 * A thought counter: an integer >= 1, numeric strings accepted.
 *
 * @returns The schema.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { counter } from "./_schema.ts";
 * assert.equal(counter().parse("3"), 3);
 * assert.equal(counter().safeParse(0).success, false);
 * ```
 */
export function counter(): z.ZodCoercedNumber<unknown> {
  return z.coerce.number().int().min(1);
}
