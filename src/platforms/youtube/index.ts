import { finishAdapter, type PlatformAdapter } from '../adapter.ts';
import { isYoutubeAvatarHost, isYoutubeDefaultAvatar, youtubeAvatarIdentity, youtubeBestAvatarUrl } from './avatar.ts';
import { YOUTUBE_COMMENT_SELECTOR, youtubeElementForComment, youtubeRecordsFromDocument, youtubeCommentIdOf, youtubeAuthorAnchorIn } from './dom.ts';
import { youtubeReadJson } from './json.ts';

export const youtubeAdapter: PlatformAdapter = finishAdapter({
  platform: 'youtube',
  commentSelector: YOUTUBE_COMMENT_SELECTOR,
  recordsFromDocument: youtubeRecordsFromDocument,
  readJsonRaw: youtubeReadJson,
  elementForComment: youtubeElementForComment,
  commentIdOf: youtubeCommentIdOf,
  authorAnchorIn: youtubeAuthorAnchorIn,
  avatarIdentity: youtubeAvatarIdentity,
  bestAvatarUrl: youtubeBestAvatarUrl,
  isDefaultAvatar: isYoutubeDefaultAvatar,
  isAvatarHost: isYoutubeAvatarHost,
});
