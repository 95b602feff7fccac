import { decodeImageBrowser } from '../avatar/decode-browser.ts';
import { AvatarScorer } from '../avatar/scorer.ts';
import type { AvatarScore } from '../core/types.ts';
import { loadModel } from './host.ts';

let scorer: Promise<AvatarScorer> | null = null;

function getScorer() {
  scorer ??= loadModel().then(({ session, faces }) => new AvatarScorer({ session, params: session.params, decode: (bytes) => decodeImageBrowser(bytes), faces }));
  scorer.catch(() => {
    scorer = null;
  });
  return scorer;
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Scores avatar images the background fetched. A model that cannot load is reported as an error for the
 * whole request (the background then marks the avatar signal unavailable); a picture that cannot be
 * decoded gets its own error and level `unsure`.
 */
export async function scoreAvatarBytes(items: { imageKey: string; bytesBase64: string }[]): Promise<AvatarScore[] | { error: string }> {
  let ready: AvatarScorer;
  try {
    ready = await getScorer();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  return ready.score(items.map((item) => ({ imageKey: item.imageKey, bytes: fromBase64(item.bytesBase64) })));
}
