/**
 * Avatar bytes → AvatarScore, with a cache keyed by image identity and batched inference.
 * Environment-neutral: the decoder (decode-node.ts or decode-browser.ts) and the session are passed in.
 */
import type { AvatarScore } from '../core/types.ts';
import type { AvatarSession } from './model.ts';
import { dHash } from './phash.ts';
import { isGenericPicture } from './picture-id.ts';
import { interpretLogits, type AvatarModelParams } from './postprocess.ts';
import { toModelInput, type RgbaImage } from './preprocess.ts';

export interface AvatarItem {
  imageKey: string;
  bytes: Uint8Array;
}

export interface AvatarScorerOptions {
  session: Pick<AvatarSession, 'run'>;
  params: AvatarModelParams;
  decode: (bytes: Uint8Array) => Promise<RgbaImage>;
  /** cached results kept (least recently used dropped first), default 5000 */
  cacheSize?: number;
}

export class AvatarScorer {
  private readonly cache = new Map<string, Promise<AvatarScore>>();
  private readonly cacheSize: number;

  constructor(private readonly opts: AvatarScorerOptions) {
    this.cacheSize = opts.cacheSize ?? 5000;
  }

  /** Scores every item; repeated imageKeys (in this call or earlier ones) are computed once. */
  async score(items: AvatarItem[]): Promise<AvatarScore[]> {
    const fresh: AvatarItem[] = [];
    const pending = new Map<string, { resolve: (s: AvatarScore) => void }>();
    for (const item of items) {
      const hit = this.cache.get(item.imageKey);
      if (hit) {
        this.cache.delete(item.imageKey);
        this.cache.set(item.imageKey, hit);
        continue;
      }
      let resolve!: (s: AvatarScore) => void;
      const promise = new Promise<AvatarScore>((r) => (resolve = r));
      this.remember(item.imageKey, promise);
      pending.set(item.imageKey, { resolve });
      fresh.push(item);
    }
    if (fresh.length) {
      const results = await this.compute(fresh);
      results.forEach((r) => pending.get(r.imageKey)?.resolve(r));
      // errors are not cached: a later fetch of the same image may succeed
      for (const r of results) if (r.error) this.cache.delete(r.imageKey);
    }
    return Promise.all(items.map((item) => this.lookup(item)));
  }

  private lookup(item: AvatarItem): Promise<AvatarScore> {
    const hit = this.cache.get(item.imageKey);
    return hit ?? this.compute([item]).then((r) => r[0]);
  }

  private remember(key: string, value: Promise<AvatarScore>): void {
    this.cache.set(key, value);
    while (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }

  private async compute(items: AvatarItem[]): Promise<AvatarScore[]> {
    const { params } = this.opts;
    const decoded = await Promise.all(
      items.map(async (item) => {
        try {
          const image = await this.opts.decode(item.bytes);
          const tooSmall = Math.min(image.width, image.height) < (params.minImageSide ?? 24);
          return { item, input: toModelInput(image, params), phash: dHash(image), generic: isGenericPicture(image), tooSmall };
        } catch (error) {
          return { item, error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    const ok = decoded.filter((d): d is { item: AvatarItem; input: Float32Array; phash: string; generic: boolean; tooSmall: boolean } => 'input' in d);
    let logits: Float32Array[] = [];
    let runError: string | undefined;
    try {
      logits = ok.length ? await this.opts.session.run(ok.map((d) => d.input)) : [];
    } catch (error) {
      runError = `inference failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    const byKey = new Map<string, AvatarScore>();
    ok.forEach((d, i) => {
      if (runError) {
        byKey.set(d.item.imageKey, { imageKey: d.item.imageKey, level: 'unsure', phash: d.phash, generic: d.generic, error: runError });
        return;
      }
      const p = interpretLogits(logits[i], params);
      byKey.set(d.item.imageKey, {
        imageKey: d.item.imageKey,
        pGenerated: Number.isFinite(p.pGenerated) ? p.pGenerated : undefined,
        level: d.tooSmall ? 'unsure' : p.level,
        phash: d.phash,
        generic: d.generic,
        face: p.face,
      });
    });
    return decoded.map(
      (d) => byKey.get(d.item.imageKey) ?? { imageKey: d.item.imageKey, level: 'unsure', error: 'error' in d ? d.error : 'not scored' },
    );
  }
}
