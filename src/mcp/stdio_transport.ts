/**
 * An MCP stdio transport on Deno's own streams. Unlike the SDK's, it answers
 * a malformed line with a JSON-RPC error (-32700 parse error, -32600 invalid
 * request) instead of dropping it silently, and keeps serving.
 *
 * @module
 */
import { type JSONRPCMessage, JSONRPCMessageSchema, type Transport } from "./_sdk.ts";

/** Longest accepted line; a longer one is answered with an error and dropped. */
const MAX_LINE_BYTES = 32 * 1024 * 1024;

/** Options of {@linkcode DenoStdioTransport}. */
export interface DenoStdioTransportOptions {
  /** Where messages come from. @default {Deno.stdin.readable} */
  input?: ReadableStream<Uint8Array>;
  /** Where messages go. @default {Deno.stdout.writable} */
  output?: WritableStream<Uint8Array>;
}

/**
 * Newline-delimited JSON-RPC over stdin/stdout.
 *
 * @example
 * ```ts ignore
 * const transport = new DenoStdioTransport();
 * await server.connect(transport);
 * ```
 */
export class DenoStdioTransport implements Transport {
  /** Called for each valid message. */
  onmessage?: (message: JSONRPCMessage) => void;
  /** Called on transport errors (never for malformed input, which is answered). */
  onerror?: (error: Error) => void;
  /** Called once when input ends or `close()` is called. */
  onclose?: () => void;

  readonly #input: ReadableStream<Uint8Array>;
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;
  readonly #encoder = new TextEncoder();
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  #writes: Promise<void> = Promise.resolve();
  #closed = false;
  /** Requests received and not yet answered: input ending waits for them. */
  readonly #pending = new Set<string | number>();
  #drained: (() => void) | undefined;

  /** @param options Input and output streams. */
  constructor(options: DenoStdioTransportOptions = {}) {
    this.#input = options.input ?? Deno.stdin.readable;
    this.#writer = (options.output ?? Deno.stdout.writable).getWriter();
  }

  /** Starts reading; resolves at once (reading continues in the background). */
  start(): Promise<void> {
    if (this.#reader) {
      throw new Error("DenoStdioTransport already started; Server.connect() calls start() for you");
    }
    this.#reader = this.#input.getReader();
    this.#readLoop().catch((error) => this.onerror?.(error as Error));
    return Promise.resolve();
  }

  async #readLoop(): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = "";
    let dropping = false;
    try {
      while (true) {
        const { value, done } = await this.#reader!.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let newline: number;
        while ((newline = buffer.indexOf("\n")) !== -1) {
          const line = buffer.slice(0, newline).replace(/\r$/, "");
          buffer = buffer.slice(newline + 1);
          if (dropping) dropping = false;
          else this.#handleLine(line);
        }
        if (buffer.length > MAX_LINE_BYTES) {
          buffer = "";
          dropping = true;
          this.#sendError(
            null,
            -32600,
            `Invalid Request: message longer than ${MAX_LINE_BYTES} bytes`,
          );
        }
      }
      if (buffer.trim() !== "" && !dropping) this.#handleLine(buffer);
      // The client closed its side: answer what it already asked, then stop.
      if (this.#pending.size > 0) {
        const { promise, resolve } = Promise.withResolvers<void>();
        this.#drained = resolve;
        await promise;
      }
    } finally {
      await this.close();
    }
  }

  #handleLine(line: string): void {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      this.#sendError(null, -32700, `Parse error: ${(error as Error).message}`);
      return;
    }
    const parsed = JSONRPCMessageSchema.safeParse(value);
    if (!parsed.success) {
      const id = (value as { id?: unknown })?.id;
      const replyId = typeof id === "string" || typeof id === "number" ? id : null;
      this.#sendError(
        replyId,
        -32600,
        "Invalid Request: not a JSON-RPC 2.0 request, notification or response",
      );
      return;
    }
    const message = parsed.data;
    if ("method" in message && "id" in message) this.#pending.add(message.id);
    this.onmessage?.(message);
  }

  #sendError(id: string | number | null, code: number, message: string): void {
    this.#write(JSON.stringify({ jsonrpc: "2.0", id, error: { code, message } }) + "\n");
  }

  #write(text: string): Promise<void> {
    this.#writes = this.#writes.then(() => this.#writer.write(this.#encoder.encode(text))).catch((
      error,
    ) => this.onerror?.(error as Error));
    return this.#writes;
  }

  /** Sends one message as a line of JSON. */
  send(message: JSONRPCMessage): Promise<void> {
    if (this.#closed) return Promise.resolve();
    const written = this.#write(JSON.stringify(message) + "\n");
    const id = "method" in message ? undefined : (message as { id?: string | number }).id;
    if (id !== undefined && this.#pending.delete(id) && this.#pending.size === 0) {
      written.then(() => this.#drained?.());
    }
    return written;
  }

  /** Stops reading and flushes pending writes; idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#reader?.cancel().catch(() => {});
    await this.#writes;
    this.onclose?.();
  }
}
