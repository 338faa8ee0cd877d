/**
 * The logger handed to operations. Core code logs through this interface and
 * never prints; the CLI and MCP doors decide where records go (stderr, MCP
 * logging notifications).
 *
 * @module
 */

/** Severity levels, in increasing order. A subset of MCP's syslog levels. */
export type LogLevel = "debug" | "info" | "warning" | "error";

/** Every level in increasing order of severity. */
export const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warning", "error"];

/** One log record. */
export interface LogRecord {
  /** Severity. */
  level: LogLevel;
  /** Human-readable message. */
  message: string;
  /** Optional structured data. */
  data?: Record<string, unknown>;
}

/** Where log records go. */
export type LogSink = (record: LogRecord) => void;

/** The logging interface operations receive in their context. */
export interface Logger {
  /** Detail for debugging. */
  debug(message: string, data?: Record<string, unknown>): void;
  /** Normal progress worth telling a verbose user. */
  info(message: string, data?: Record<string, unknown>): void;
  /** Something odd that did not stop the work. */
  warn(message: string, data?: Record<string, unknown>): void;
  /** Something failed. */
  error(message: string, data?: Record<string, unknown>): void;
}

/**
 * Creates a logger that forwards records at or above `minLevel` to each sink.
 *
 * @param sinks Destinations for records.
 * @param minLevel Lowest level passed on.
 * @returns A {@linkcode Logger}.
 *
 * @example Collect warnings in memory
 * ```ts
 * import assert from "node:assert/strict";
 * import { createLogger, type LogRecord } from "./logger.ts";
 * const seen: LogRecord[] = [];
 * const log = createLogger([(r) => seen.push(r)], "warning");
 * log.info("hidden");
 * log.warn("shown");
 * assert.ok(seen.length === 1 && seen[0]!.message === "shown");
 * ```
 */
export function createLogger(sinks: readonly LogSink[], minLevel: LogLevel = "info"): Logger {
  const floor = LOG_LEVELS.indexOf(minLevel);
  const emit = (level: LogLevel, message: string, data?: Record<string, unknown>): void => {
    if (LOG_LEVELS.indexOf(level) < floor) return;
    const record: LogRecord = data === undefined ? { level, message } : { level, message, data };
    for (const sink of sinks) sink(record);
  };
  return {
    debug: (message, data) => emit("debug", message, data),
    info: (message, data) => emit("info", message, data),
    warn: (message, data) => emit("warning", message, data),
    error: (message, data) => emit("error", message, data),
  };
}

/**
 * Wraps a sink so it passes on only records at or above `minLevel`, for
 * loggers whose sinks want different thresholds (stderr vs MCP logging).
 *
 * @param sink The destination.
 * @param minLevel Lowest level passed on.
 * @returns The filtered sink.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createLogger, filterSink, type LogRecord } from "./logger.ts";
 * const seen: LogRecord[] = [];
 * createLogger([filterSink((r) => seen.push(r), "error")], "debug").warn("dropped");
 * assert.ok(seen.length === 0);
 * ```
 */
export function filterSink(sink: LogSink, minLevel: LogLevel): LogSink {
  const floor = LOG_LEVELS.indexOf(minLevel);
  return (record) => {
    if (LOG_LEVELS.indexOf(record.level) >= floor) sink(record);
  };
}

/**
 * A logger that discards everything (for tests and embedders).
 *
 * @example
 * ```ts
 * import { silentLogger } from "./logger.ts";
 * silentLogger.error("nobody hears this");
 * ```
 */
export const silentLogger: Logger = createLogger([], "error");
