/**
 * Writes comments into the shape of a real YouTube `/youtubei/v1/next` response, by cloning one real
 * comment thread and its entity payload from a recorded response and replacing its fields. Used by the
 * built-in demo and the browser tests to serve a thread as YouTube would. Node and browser safe.
 */
import type { CommentRecord } from '../core/types.ts';

export interface InjectedComment {
  commentId: string;
  channelId: string;
  handle: string;
  text: string;
  avatarUrl: string;
  publishedTime: string;
  likes: number;
  /** what the page shows as the author's name; YouTube shows "@handle" (the default) */
  displayName?: string;
}

type Json = any;

function continuationItemsOf(response: Json): Json[] {
  for (const endpoint of response.onResponseReceivedEndpoints ?? []) {
    const items =
      endpoint.reloadContinuationItemsCommand?.continuationItems ?? endpoint.appendContinuationItemsAction?.continuationItems;
    if (Array.isArray(items) && items.some((item: Json) => item.commentThreadRenderer)) return items;
  }
  throw new Error('no comment threads in this response');
}

/** A cheap unique key in the style of YouTube's base64 entity keys. */
function entityKey(commentId: string, suffix: string) {
  return Buffer.from(`${commentId}:${suffix}`).toString('base64').replace(/=+$/, '%3D');
}

/**
 * Returns a deep copy of `response` with `injected` comments placed before the comment at each given
 * position (positions index the real comments; larger positions append at the end).
 */
export function injectIntoNextResponse(response: Json, injected: { at: number; comment: InjectedComment }[]): Json {
  const copy = structuredClone(response);
  const items = continuationItemsOf(copy);
  const threads = items.filter((item) => item.commentThreadRenderer);
  const template = threads[threads.length - 1];
  const templateKey = template.commentThreadRenderer.commentViewModel.commentViewModel.commentKey;
  const mutations: Json[] = copy.frameworkUpdates.entityBatchUpdate.mutations;
  const templatePayload = mutations.find((m) => m.payload?.commentEntityPayload?.key === templateKey)?.payload.commentEntityPayload;
  if (!templatePayload) throw new Error('the template comment has no entity payload');

  const sorted = [...injected].sort((a, b) => b.at - a.at);
  for (const { at, comment } of sorted) {
    const key = entityKey(comment.commentId, 'comment');
    const thread = structuredClone(template);
    delete thread.commentThreadRenderer.replies;
    const view = thread.commentThreadRenderer.commentViewModel.commentViewModel;
    view.commentKey = key;
    view.commentId = comment.commentId;
    view.toolbarStateKey = entityKey(comment.commentId, 'toolbar');
    delete view.pinnedText;

    const payload = structuredClone(templatePayload);
    payload.key = key;
    payload.properties.commentId = comment.commentId;
    payload.properties.content = { content: comment.text };
    payload.properties.publishedTime = comment.publishedTime;
    payload.properties.replyLevel = 0;
    payload.properties.authorButtonA11y = `@${comment.handle}`;
    payload.author.channelId = comment.channelId;
    payload.author.displayName = comment.displayName ?? `@${comment.handle}`;
    payload.author.avatarThumbnailUrl = comment.avatarUrl;
    payload.author.isVerified = false;
    payload.author.isCreator = false;
    payload.author.isArtist = false;
    payload.author.channelCommand.innertubeCommand.browseEndpoint = { browseId: comment.channelId, canonicalBaseUrl: `/@${comment.handle}` };
    payload.author.channelCommand.innertubeCommand.commandMetadata.webCommandMetadata.url = `/@${comment.handle}`;
    payload.avatar.image.sources = [{ url: comment.avatarUrl, width: 88, height: 88 }];
    payload.toolbar.likeCountNotliked = comment.likes ? String(comment.likes) : '';
    payload.toolbar.likeCountLiked = String(comment.likes + 1);
    payload.toolbar.likeCountA11y = `${comment.likes} likes`;
    payload.toolbar.replyCount = '';
    payload.toolbar.replyCountA11y = '';
    delete payload.toolbar.heartActiveTooltip;

    const index = Math.min(at, threads.length);
    const before = threads[index];
    items.splice(before ? items.indexOf(before) : items.indexOf(template) + 1, 0, thread);
    mutations.push({ entityKey: key, type: 'ENTITY_MUTATION_TYPE_REPLACE', payload: { commentEntityPayload: payload } });
  }
  return copy;
}

/** The demo's injected comments from simulated records (which carry their own ids, texts and avatars). */
export function injectedFromRecords(records: CommentRecord[]): InjectedComment[] {
  return records.map((record) => ({
    commentId: record.commentId,
    channelId: record.author.id,
    handle: (record.author.handle ?? record.author.id).replace(/^@/, ''),
    text: record.text,
    avatarUrl: record.author.avatarUrl ?? '',
    publishedTime: record.publishedText ?? 'just now',
    likes: record.likes ?? 0,
  }));
}
