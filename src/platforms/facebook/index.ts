import { finishAdapter, type PlatformAdapter } from '../adapter.ts';
import { facebookAvatarIdentity, facebookBestAvatarUrl, isFacebookAvatarHost, isFacebookDefaultAvatar } from './avatar.ts';
import { FACEBOOK_COMMENT_SELECTOR, facebookAuthorAnchor, facebookElementForComment, facebookRecordsFromDocument } from './dom.ts';

export const facebookAdapter: PlatformAdapter = finishAdapter({
  platform: 'facebook',
  commentSelector: FACEBOOK_COMMENT_SELECTOR,
  recordsFromDocument: facebookRecordsFromDocument,
  // Facebook's comment GraphQL is not hooked yet (dom.md has no recorded response): DOM only.
  recordsFromJson: () => [],
  elementForComment: facebookElementForComment,
  authorAnchorForComment: facebookAuthorAnchor,
  avatarIdentity: facebookAvatarIdentity,
  bestAvatarUrl: (url) => facebookBestAvatarUrl(url),
  isDefaultAvatar: isFacebookDefaultAvatar,
  isAvatarHost: isFacebookAvatarHost,
});
