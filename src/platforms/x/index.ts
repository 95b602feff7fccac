import { finishAdapter, type PlatformAdapter } from '../adapter.ts';
import { isXAvatarHost, isXDefaultAvatar, xAvatarIdentity, xBestAvatarUrl } from './avatar.ts';
import { X_COMMENT_SELECTOR, xAuthorAnchor, xElementForComment, xRecordsFromDocument } from './dom.ts';
import { xReadJson } from './json.ts';

export const xAdapter: PlatformAdapter = finishAdapter({
  platform: 'x',
  commentSelector: X_COMMENT_SELECTOR,
  recordsFromDocument: xRecordsFromDocument,
  readJsonRaw: xReadJson,
  elementForComment: xElementForComment,
  authorAnchorForComment: xAuthorAnchor,
  avatarIdentity: xAvatarIdentity,
  bestAvatarUrl: xBestAvatarUrl,
  isDefaultAvatar: isXDefaultAvatar,
  isAvatarHost: isXAvatarHost,
});
