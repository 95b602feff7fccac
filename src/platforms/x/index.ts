import { finishAdapter, type PlatformAdapter } from '../adapter.ts';
import { isXAvatarHost, isXDefaultAvatar, xAvatarIdentity, xBestAvatarUrl } from './avatar.ts';
import { X_COMMENT_SELECTOR, xElementForComment, xRecordsFromDocument, xTweetIdOf, xAuthorAnchorIn } from './dom.ts';
import { xReadJson } from './json.ts';

export const xAdapter: PlatformAdapter = finishAdapter({
  platform: 'x',
  commentSelector: X_COMMENT_SELECTOR,
  recordsFromDocument: xRecordsFromDocument,
  readJsonRaw: xReadJson,
  elementForComment: xElementForComment,
  commentIdOf: xTweetIdOf,
  authorAnchorIn: xAuthorAnchorIn,
  avatarIdentity: xAvatarIdentity,
  bestAvatarUrl: xBestAvatarUrl,
  isDefaultAvatar: isXDefaultAvatar,
  isAvatarHost: isXAvatarHost,
});
