/**
 * Minimal ANSI styling that respects NO_COLOR and `--no-color`.
 *
 * @module
 */

/** Style functions; identity functions when colour is off. */
export interface Palette {
  /** Bold text. */
  bold(text: string): string;
  /** Dimmed text. */
  dim(text: string): string;
  /** Red (errors). */
  red(text: string): string;
  /** Yellow (warnings). */
  yellow(text: string): string;
  /** Green (success). */
  green(text: string): string;
  /** Cyan (names). */
  cyan(text: string): string;
}

/**
 * Makes a palette.
 *
 * @param enabled Whether to emit escape codes.
 * @returns The palette.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { palette } from "./colors.ts";
 * assert.ok(palette(false).red("x") === "x");
 * assert.ok(palette(true).red("x") === "\x1b[31mx\x1b[39m");
 * ```
 */
export function palette(enabled: boolean): Palette {
  const style = (open: number, close: number) => (text: string): string =>
    enabled ? `\x1b[${open}m${text}\x1b[${close}m` : text;
  return {
    bold: style(1, 22),
    dim: style(2, 22),
    red: style(31, 39),
    yellow: style(33, 39),
    green: style(32, 39),
    cyan: style(36, 39),
  };
}
