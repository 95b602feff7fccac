import { finishAdapter, type PlatformAdapter } from '../adapter.ts';
import { facebookAvatarIdentity, facebookBestAvatarUrl, isFacebookAvatarHost, isFacebookDefaultAvatar } from './avatar.ts';
import { facebookReadJson } from './json.ts';
import { FACEBOOK_COMMENT_SELECTOR, facebookElementForComment, facebookRecordsFromDocument, facebookCommentIdOf, facebookAuthorAnchorIn } from './dom.ts';

export const facebookAdapter: PlatformAdapter = finishAdapter({
  platform: 'facebook',
  commentSelector: FACEBOOK_COMMENT_SELECTOR,
  recordsFromDocument: facebookRecordsFromDocument,
  readJsonRaw: facebookReadJson,
  elementForComment: facebookElementForComment,
  commentIdOf: facebookCommentIdOf,
  authorAnchorIn: facebookAuthorAnchorIn,
  avatarIdentity: facebookAvatarIdentity,
  bestAvatarUrl: (url) => facebookBestAvatarUrl(url),
  isDefaultAvatar: isFacebookDefaultAvatar,
  isAvatarHost: isFacebookAvatarHost,
});
