/**
 * Reads a response body up to a size cap, stopping (and cancelling the stream) as soon as the cap is
 * passed: a body without Content-Length, or with a false one, is never read whole before the check.
 */
export class BodyTooLargeError extends Error {}

export async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number, tooLarge = 'body is larger than allowed'): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new BodyTooLargeError(tooLarge);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
