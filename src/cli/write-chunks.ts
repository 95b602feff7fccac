/** Writes output piece by piece to a stream, waiting for 'drain' whenever its buffer is full, so a large output is never all in memory. */
export async function writeChunks(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  }
}
