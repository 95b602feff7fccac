/**
 * Avatar bytes → AvatarScore, with a cache keyed by image identity and batched inference.
 * Environment-neutral: the decoder (decode-node.ts or decode-browser.ts) and the session are passed in.
 */
import type { AvatarScore } from '../core/types.ts';
import type { AvatarSession } from './model.ts';
import { fusionInputOf, measureImages, type FaceFinder, type ImageEvidence } from './evidence.ts';
import { fuse, nearestLayout } from './fusion.ts';
import { dHash } from './phash.ts';
import { levelFor, type AvatarModelParams } from './postprocess.ts';
import type { RgbaImage } from './preprocess.ts';
import { isGenericPicture } from './picture-id.ts';
import { avatarModelId } from './model-id.ts';

export interface AvatarItem {
  imageKey: string;
  bytes: Uint8Array;
}

export interface AvatarScorerOptions {
  session: Pick<AvatarSession, 'run'>;
  params: AvatarModelParams;
  decode: (bytes: Uint8Array) => Promise<RgbaImage>;
  /** the face detector (v3 model files); without it (and without a geometry head, v4) the texture model alone decides */
  faces?: FaceFinder;
  /** cached results kept (least recently used dropped first), default 5000 */
  cacheSize?: number;
}

export class AvatarScorer {
  private readonly cache = new Map<string, Promise<AvatarScore>>();
  private readonly cacheSize: number;
  /** stamped on every score, so stored scores of other model files are recognised */
  private readonly modelId: string;

  constructor(private readonly opts: AvatarScorerOptions) {
    this.cacheSize = opts.cacheSize ?? 5000;
    this.modelId = avatarModelId(opts.params);
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

  /** Drops cached results (e.g. after a batch the caller will not ask for again). */
  forget(imageKeys: Iterable<string>): void {
    for (const key of imageKeys) this.cache.delete(key);
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
          return { item, image: await this.opts.decode(item.bytes) };
        } catch (error) {
          return { item, error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    const ok = decoded.filter((d): d is { item: AvatarItem; image: RgbaImage } => 'image' in d);
    let measured: ImageEvidence[] = [];
    let runError: string | undefined;
    try {
      measured = await measureImages(
        ok.map((d) => d.image),
        this.opts.session,
        this.opts.faces ?? NO_FACE_FINDER,
        params,
      );
    } catch (error) {
      runError = `inference failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    const byKey = new Map<string, AvatarScore>();
    ok.forEach((d, i) => {
      const imageKey = d.item.imageKey;
      if (runError) {
        byKey.set(imageKey, { imageKey, level: 'unsure', phash: dHash(d.image), generic: isGenericPicture(d.image), error: runError, reason: `not scored: ${runError}` });
        return;
      }
      byKey.set(imageKey, { ...scoreFromEvidence(imageKey, measured[i], params, this.opts.faces !== undefined || params.geometryHead !== undefined), generic: isGenericPicture(d.image), model: this.modelId });
    });
    return decoded.map(
      (d) => byKey.get(d.item.imageKey) ?? { imageKey: d.item.imageKey, level: 'unsure', error: 'error' in d ? d.error : 'not scored', reason: `not scored: ${'error' in d ? d.error : 'not scored'}` },
    );
  }
}

/** Without a face detector (texture-only model files) every image counts as a face for the geometry step. */
const NO_FACE_FINDER: FaceFinder = { detect: async () => null };

/** One image's evidence → the score the product stores: the fused p, the level at the shipped thresholds, the reason. */
export function scoreFromEvidence(imageKey: string, evidence: ImageEvidence, params: AvatarModelParams, withFaces: boolean): AvatarScore {
  const base = { imageKey, phash: evidence.phash, textureP: evidence.textureP };
  if (!withFaces || !params.fusion) {
    // texture-only model (v2 files): p and level straight from the texture model
    const face = evidence.pFace >= params.faceMin;
    const p = evidence.textureP;
    const level = evidence.tooSmall ? 'unsure' : levelFor(p ?? Number.NaN, face, params);
    const reason = evidence.tooSmall
      ? `image smaller than ${params.minImageSide ?? 24} px: not judged`
      : !face
        ? `not a face photo (p(face photo) = ${evidence.pFace.toFixed(2)}): not judged`
        : `texture model p = ${(p ?? Number.NaN).toFixed(2)}`;
    return { ...base, pGenerated: p, face, level, reason };
  }
  const geometryDistance = evidence.face ? nearestLayout(evidence.face, evidence, params.fusion.layouts)?.distance : undefined;
  const prepared = fusionInputOf(evidence, params);
  if ('unsure' in prepared) return { ...base, face: false, geometryDistance, level: 'unsure', reason: prepared.unsure };
  const fused = fuse(prepared.input, params.fusion, params.thresholds);
  return { ...base, face: fused.face, geometryDistance: fused.geometryDistance, pGenerated: fused.pGenerated, level: fused.level, reason: fused.reason };
}
