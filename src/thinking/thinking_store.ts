/**
 * In-memory thought histories, one per session, bounded both ways: at most
 * `maxThoughts` thoughts per session (the oldest are dropped and counted) and
 * `maxSessions` sessions (the least recently used one is evicted).
 *
 * @module
 */

/** One recorded thought, with the fields of the reference server's input. */
export interface ThoughtRecord {
  /** The thinking step itself. */
  thought: string;
  /** Its number in the sequence (1-based). */
  thoughtNumber: number;
  /** Estimated total, already raised to `thoughtNumber` when it was lower. */
  totalThoughts: number;
  /** Whether another thought follows. */
  nextThoughtNeeded: boolean;
  /** It revises earlier thinking. */
  isRevision?: boolean;
  /** The thought it reconsiders. */
  revisesThought?: number;
  /** The thought this branch starts from. */
  branchFromThought?: number;
  /** The branch it belongs to. */
  branchId?: string;
  /** The thinker found it needs more thoughts than planned. */
  needsMoreThoughts?: boolean;
}

/** A session's state, as {@linkcode ThinkingStore.get} returns it. */
export interface ThinkingSession {
  /** The session id. */
  session: string;
  /** When its first thought was recorded. */
  startedAt: Date;
  /** The thoughts kept, oldest first. */
  thoughts: ThoughtRecord[];
  /** How many older thoughts were dropped to respect the cap. */
  dropped: number;
}

/** What recording a thought reports: the reference server's output, plus the drops. */
export interface RecordResult {
  /** The thought's number. */
  thoughtNumber: number;
  /** The total after raising it to at least `thoughtNumber`. */
  totalThoughts: number;
  /** As given. */
  nextThoughtNeeded: boolean;
  /** Branch ids, in the order the reference server lists them. */
  branches: string[];
  /** Thoughts kept for the session. */
  thoughtHistoryLength: number;
  /** Older thoughts dropped so far in the session (0 below the cap). */
  droppedThoughts: number;
  /** The session evicted to make room for this one, if any. */
  evictedSession?: string;
}

/** Options of {@linkcode ThinkingStore}. */
export interface ThinkingStoreOptions {
  /** Sessions kept; the least recently used is evicted beyond it. @default {100} */
  maxSessions?: number;
  /** Thoughts kept per session; the oldest are dropped beyond it. @default {1000} */
  maxThoughts?: number;
}

interface SessionState {
  startedAt: Date;
  thoughts: ThoughtRecord[];
  dropped: number;
}

/**
 * Per-session thought histories with LRU eviction and a per-session cap.
 *
 * @example Record, read and reset
 * ```ts
 * import assert from "node:assert/strict";
 * import { ThinkingStore } from "./thinking_store.ts";
 * const store = new ThinkingStore({ maxThoughts: 2 });
 * const at = new Date(0);
 * store.record("s", { thought: "a", thoughtNumber: 1, totalThoughts: 3, nextThoughtNeeded: true }, at);
 * const out = store.record("s", { thought: "b", thoughtNumber: 5, totalThoughts: 3, nextThoughtNeeded: false }, at);
 * assert.equal(out.totalThoughts, 5);
 * store.record("s", { thought: "c", thoughtNumber: 6, totalThoughts: 6, nextThoughtNeeded: false }, at);
 * assert.equal(store.get("s")?.dropped, 1);
 * assert.equal(store.reset("s"), 2);
 * ```
 */
export class ThinkingStore {
  readonly #sessions = new Map<string, SessionState>();
  readonly #maxSessions: number;
  readonly #maxThoughts: number;

  /**
   * @param options The bounds.
   * @throws {RangeError} When a bound is not a positive integer.
   */
  constructor(options: ThinkingStoreOptions = {}) {
    const { maxSessions = 100, maxThoughts = 1000 } = options;
    for (const [name, value] of [["maxSessions", maxSessions], ["maxThoughts", maxThoughts]]) {
      if (!Number.isInteger(value) || (value as number) < 1) {
        throw new RangeError(
          `Cannot create ThinkingStore as '${name}' must be a positive integer: current value is ${value}`,
        );
      }
    }
    this.#maxSessions = maxSessions;
    this.#maxThoughts = maxThoughts;
  }

  /** Number of sessions held. */
  get size(): number {
    return this.#sessions.size;
  }

  /**
   * Records a thought like the reference server: `totalThoughts` is raised to
   * `thoughtNumber` when lower. Marks the session most recently used.
   *
   * @param session Session id.
   * @param thought The validated thought (copied, never kept by reference).
   * @param now The time, used as the start of a new session.
   * @returns The reference server's output fields plus the drop count.
   */
  record(session: string, thought: ThoughtRecord, now: Date): RecordResult {
    let state = this.#sessions.get(session);
    let evictedSession: string | undefined;
    if (state) {
      this.#sessions.delete(session);
    } else {
      state = { startedAt: now, thoughts: [], dropped: 0 };
      if (this.#sessions.size >= this.#maxSessions) {
        evictedSession = this.#sessions.keys().next().value;
        if (evictedSession !== undefined) this.#sessions.delete(evictedSession);
      }
    }
    this.#sessions.set(session, state);
    const stored = withRaisedTotal(thought);
    state.thoughts.push(stored);
    const excess = state.thoughts.length - this.#maxThoughts;
    if (excess > 0) {
      state.thoughts.splice(0, excess);
      state.dropped += excess;
    }
    return {
      thoughtNumber: stored.thoughtNumber,
      totalThoughts: stored.totalThoughts,
      nextThoughtNeeded: stored.nextThoughtNeeded,
      branches: branchIds(state.thoughts),
      thoughtHistoryLength: state.thoughts.length,
      droppedThoughts: state.dropped,
      ...(evictedSession === undefined ? {} : { evictedSession }),
    };
  }

  /**
   * Reads a session without changing its recency.
   *
   * @param session Session id.
   * @returns A copy of its state, or undefined when it holds nothing.
   */
  get(session: string): ThinkingSession | undefined {
    const state = this.#sessions.get(session);
    if (!state) return undefined;
    return {
      session,
      startedAt: state.startedAt,
      thoughts: state.thoughts.map((thought) => ({ ...thought })),
      dropped: state.dropped,
    };
  }

  /**
   * The start time a session has, or would get if a thought arrived now.
   *
   * @param session Session id.
   * @param now The time to use for a new session.
   * @returns Its start time.
   */
  startedAt(session: string, now: Date): Date {
    return this.#sessions.get(session)?.startedAt ?? now;
  }

  /**
   * Forgets a session.
   *
   * @param session Session id.
   * @returns How many thoughts it held (0 when unknown).
   */
  reset(session: string): number {
    const count = this.#sessions.get(session)?.thoughts.length ?? 0;
    this.#sessions.delete(session);
    return count;
  }
}

/**
 * The store behind the `sequential_thinking`, `thinking_summary` and
 * `thinking_reset` operations of this process.
 */
export const thinkingStore: ThinkingStore = new ThinkingStore();

function withRaisedTotal(thought: ThoughtRecord): ThoughtRecord {
  const copy = { ...thought };
  if (copy.thoughtNumber > copy.totalThoughts) copy.totalThoughts = copy.thoughtNumber;
  return copy;
}

/**
 * Ids of the branches the kept thoughts open, in the order of the reference
 * server's `Object.keys(branches)`: array-index-like ids ascending, then the
 * others by first use. Like the reference, a thought opens a branch only when
 * it has both `branchFromThought` and a non-empty `branchId`.
 */
function branchIds(thoughts: readonly ThoughtRecord[]): string[] {
  const seen = new Set<string>();
  for (const thought of thoughts) {
    if (thought.branchFromThought && thought.branchId) seen.add(thought.branchId);
  }
  const all = [...seen];
  const indexes = all.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  return [...indexes, ...all.filter((id) => !isArrayIndex(id))];
}

function isArrayIndex(id: string): boolean {
  return /^(?:0|[1-9][0-9]*)$/.test(id) && Number(id) < 2 ** 32 - 1;
}
