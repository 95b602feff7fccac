/** Platform adapters: one per site, all producing CommentRecord. */
import type { Platform } from '../core/types.ts';
import type { PlatformAdapter } from './adapter.ts';
import { facebookAdapter } from './facebook/index.ts';
import { xAdapter } from './x/index.ts';
import { youtubeAdapter } from './youtube/index.ts';

export type { DocumentExtraction, ExtractContext, PlatformAdapter } from './adapter.ts';
export { mergeRecords, mergeRecordSet, recordKey, sanitizeRecord } from './adapter.ts';
export { detectPage, type PageInfo } from './detect.ts';
export { facebookAdapter, xAdapter, youtubeAdapter };

const ADAPTERS: Record<Platform, PlatformAdapter> = { youtube: youtubeAdapter, x: xAdapter, facebook: facebookAdapter };

export function adapterFor(platform: Platform): PlatformAdapter {
  return ADAPTERS[platform];
}

/** Avatar helpers by platform, for the avatar pipeline and the background. */
export function avatarIdentity(platform: Platform, url: string): string {
  return ADAPTERS[platform].avatarIdentity(url);
}

export function bestAvatarUrl(platform: Platform, url: string): string {
  return ADAPTERS[platform].bestAvatarUrl(url);
}

export function isDefaultAvatar(platform: Platform, url: string): boolean {
  return ADAPTERS[platform].isDefaultAvatar(url);
}
