/** The size cap is applied while the body streams in: an endless body without Content-Length stops at the cap. */
import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, readCapped } from '../../../src/core/read-capped.ts';

function endlessBody(chunkBytes: number) {
  const stats = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      stats.pulled++;
      controller.enqueue(new Uint8Array(chunkBytes).fill(7));
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { stream, stats };
}

describe('readCapped', () => {
  it('stops an endless body without Content-Length just past the cap and cancels it', async () => {
    const { stream, stats } = endlessBody(64 * 1024);
    const response = new Response(stream);
    expect(response.headers.get('content-length')).toBeNull();
    await expect(readCapped(response.body, 2 * 1024 * 1024, 'too big')).rejects.toThrow(new BodyTooLargeError('too big'));
    expect(stats.cancelled).toBe(true);
    // 2 MB in 64 KB chunks is 32 chunks; the stream may pull a few ahead, never the whole of "endless".
    expect(stats.pulled).toBeGreaterThanOrEqual(33);
    expect(stats.pulled).toBeLessThanOrEqual(36);
  });

  it('returns the whole body at or under the cap', async () => {
    const body = new Uint8Array(5000).map((_, i) => i % 251);
    expect(await readCapped(new Response(body).body, 5000)).toEqual(body);
    await expect(readCapped(new Response(body).body, 4999)).rejects.toThrow(BodyTooLargeError);
    expect(await readCapped(null, 10)).toEqual(new Uint8Array(0));
  });
});
