/**
 * Which model files produced an avatar score. Stored scores carry it; a score from other model files (an older
 * model, before an update of the extension) is not reused but scored again. Pure code.
 */
import shippedParams from '../../models/avatar-detector.json';
import type { AvatarScore } from '../core/types.ts';

/**
 * The model files' identity: the parameters' version (bumped by every training and fusion fit) and a hash of the
 * whole parameter file, so a hand edit of thresholds or fusion weights counts as another model too.
 */
export function avatarModelId(params: { version: string }): string {
  return `${params.version}#${fnv1a(JSON.stringify(params)).toString(16).padStart(8, '0')}`;
}

/** The identity of the model files this build ships (models/avatar-detector.json). */
export const SHIPPED_AVATAR_MODEL_ID = avatarModelId(shippedParams);

/** The stored score if the model files `modelId` produced it, else undefined (score the picture again). */
export function currentAvatarScore(stored: AvatarScore | undefined, modelId: string): AvatarScore | undefined {
  return stored?.model === modelId ? stored : undefined;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
