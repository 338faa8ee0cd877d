/**
 * Private: captures one output stream of a sandboxed child up to a byte cap.
 *
 * @module
 */

/** Reads a stream to its end, keeping at most `limit` bytes. */
export class Capture {
  /** Whether more than `limit` bytes arrived. */
  truncated = false;
  /** Resolves when the stream ended or was cancelled. */
  readonly done: Promise<void>;
  #chunks: Uint8Array[] = [];
  #size = 0;
  #limit: number;
  #reader: ReadableStreamDefaultReader<Uint8Array>;

  /**
   * @param stream The child's stdout or stderr.
   * @param limit Bytes to keep.
   * @param onOverflow Called once, when the first byte past `limit` arrives.
   */
  constructor(stream: ReadableStream<Uint8Array>, limit: number, onOverflow: () => void) {
    this.#limit = limit;
    this.#reader = stream.getReader();
    this.done = this.#pump(onOverflow);
  }

  async #pump(onOverflow: () => void): Promise<void> {
    try {
      while (true) {
        const { done, value } = await this.#reader.read();
        if (done) return;
        // Past the cap the rest is drained and dropped so the child never
        // blocks on a full pipe before the kill lands.
        if (this.truncated) continue;
        const room = this.#limit - this.#size;
        if (value.length <= room) {
          this.#chunks.push(value);
          this.#size += value.length;
        } else {
          this.#chunks.push(value.subarray(0, room));
          this.#size += room;
          this.truncated = true;
          onOverflow();
        }
      }
    } catch {
      // Cancelled, or the pipe broke: keep what arrived.
    }
  }

  /** Stops reading (for pipes held open by an escaped descendant). */
  async cancel(): Promise<void> {
    await this.#reader.cancel().catch(() => {});
    await this.done;
  }

  /**
   * The captured text. When truncated, the bytes are cut back to a UTF-8
   * character boundary and a final line `…[output truncated at N bytes]`
   * is appended.
   */
  text(): string {
    const bytes = new Uint8Array(this.#size);
    let offset = 0;
    for (const chunk of this.#chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    if (!this.truncated) return new TextDecoder().decode(bytes);
    const text = new TextDecoder().decode(bytes.subarray(0, utf8Boundary(bytes)));
    const newline = text === "" || text.endsWith("\n") ? "" : "\n";
    return `${text}${newline}…[output truncated at ${this.#limit} bytes]\n`;
  }
}

/** The length of `bytes` without a trailing incomplete UTF-8 sequence. */
function utf8Boundary(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let i = end - 1; i >= 0 && i >= end - 4; i--) {
    const byte = bytes[i] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return i + need > end ? i : end;
  }
  return end;
}
