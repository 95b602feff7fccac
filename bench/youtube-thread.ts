/**
 * Synthetic YouTube `/youtubei/v1/next` responses built from a real snapshot in ../shared: one real
 * comment (its view model and every entity mutation that belongs to it) is the template, and each
 * generated comment is that template with its ids, keys, author and text replaced. The result is read
 * by `lens scan` exactly like a saved response. No snapshot content is stored in the repository.
 *
 *   tsx bench/youtube-thread.ts campaign --accounts 3000 [--texts 1] [--organic 0] > campaign.json
 *   tsx bench/youtube-thread.ts organic --comments 20000 > organic.json
 */
import { readFileSync } from 'node:fs';
import { syntheticThread } from '../src/core/simulate/synthetic.ts';
import { sharedPath } from '../test/helpers/shared.ts';

export const SNAPSHOT = 'fixtures/pages/youtube/yt_next_comments_KwEGbw4JV_w_p2_2024-06.json';

/** Slogans of a copy-paste campaign (invented; any text works). */
export const SLOGANS = [
  'Finally someone tells the truth about the new stadium deal, the council hid the real costs from all of us. Share before it gets deleted!',
  'The mayor lied about the water prices and nobody in the media talks about it. Wake up people, share this everywhere!',
  'This video proves what we said for years: the election commission cannot be trusted. Spread the word before they silence it.',
  'Nobody is asking where the flood relief money went. Three ministers bought villas last year. Think about it and share.',
  'Best explanation on the internet, every student should watch this twice and then tell their teachers the truth about the exam reform.',
];

export interface GeneratedComment {
  commentId: string;
  channelId: string;
  handle: string;
  text: string;
  publishedTime: string;
}

interface Template {
  itemJson: string;
  mutationsJson: string[];
  commentId: string;
  channelId: string;
  handle: string;
  text: string;
  publishedTime: string;
  keys: string[];
}

function escapeJsonText(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

function replaceAll(haystack: string, needle: string, replacement: string): string {
  return needle ? haystack.split(needle).join(replacement) : haystack;
}

export function loadSnapshot(): Record<string, any> {
  return JSON.parse(readFileSync(sharedPath(SNAPSHOT), 'utf8'));
}

function templateOf(snapshot: Record<string, any>): Template {
  const items: any[] = snapshot.onResponseReceivedEndpoints[0].appendContinuationItemsAction.continuationItems;
  const mutations: any[] = snapshot.frameworkUpdates.entityBatchUpdate.mutations;
  const item = items.find((i) => i.commentThreadRenderer);
  const view = item.commentThreadRenderer.commentViewModel.commentViewModel;
  const keys = [view.commentKey, view.toolbarStateKey, view.toolbarSurfaceKey, view.commentSurfaceKey].filter(Boolean) as string[];
  const entity = mutations.find((m) => m.entityKey === view.commentKey).payload.commentEntityPayload;
  // Only the comment entity: the toolbar and surface entities add bytes, not comments.
  const own = mutations.filter((m) => m.entityKey === view.commentKey);
  return {
    itemJson: JSON.stringify(item),
    mutationsJson: own.map((m) => JSON.stringify(m)),
    commentId: view.commentId,
    channelId: entity.author.channelId,
    handle: entity.author.displayName.replace(/^@/, ''),
    text: entity.properties.content.content,
    publishedTime: entity.properties.publishedTime,
    // Longest first, so that a key contained in another is not replaced inside it.
    keys: keys.sort((a, b) => b.length - a.length),
  };
}

function render(template: Template, json: string, c: GeneratedComment, serial: number): string {
  let out = json;
  for (const key of template.keys) out = replaceAll(out, key, `${key.replace(/%3D/g, '')}-${serial}`);
  out = replaceAll(out, template.commentId, c.commentId);
  out = replaceAll(out, template.channelId, c.channelId);
  out = replaceAll(out, template.handle, c.handle);
  out = replaceAll(out, `"content":"${escapeJsonText(template.text)}"`, `"content":"${escapeJsonText(c.text)}"`);
  out = replaceAll(out, `"publishedTime":"${template.publishedTime}"`, `"publishedTime":"${escapeJsonText(c.publishedTime)}"`);
  return out;
}

/**
 * A `next` response holding the snapshot's own comments followed by `comments`, written as text
 * (chunk by chunk: a 20,000-comment response is tens of megabytes).
 */
export function* youtubeResponse(comments: Iterable<GeneratedComment>, snapshot = loadSnapshot()): Generator<string> {
  const template = templateOf(snapshot);
  const items: any[] = snapshot.onResponseReceivedEndpoints[0].appendContinuationItemsAction.continuationItems;
  const mutations: any[] = snapshot.frameworkUpdates.entityBatchUpdate.mutations;
  const generated: GeneratedComment[] = [...comments];
  const { onResponseReceivedEndpoints: _e, frameworkUpdates: _f, ...rest } = snapshot;
  const head = JSON.stringify(rest);
  yield `${head.slice(0, -1)},"onResponseReceivedEndpoints":[{"appendContinuationItemsAction":{"continuationItems":[`;
  let first = true;
  for (const item of items) {
    if (!item.commentThreadRenderer) continue;
    yield (first ? '' : ',') + JSON.stringify(item);
    first = false;
  }
  for (let i = 0; i < generated.length; i++) {
    yield (first ? '' : ',') + render(template, template.itemJson, generated[i], i);
    first = false;
  }
  yield `]}}],"frameworkUpdates":{"entityBatchUpdate":{"mutations":[`;
  first = true;
  for (const m of mutations) {
    yield (first ? '' : ',') + JSON.stringify(m);
    first = false;
  }
  for (let i = 0; i < generated.length; i++) {
    for (const m of template.mutationsJson) {
      yield (first ? '' : ',') + render(template, m, generated[i], i);
      first = false;
    }
  }
  yield ']}}}\n';
}

/** `accounts` accounts, each posting every one of `texts` slogans (one comment per slogan). */
export function* campaignComments(accounts: number, texts = 1): Generator<GeneratedComment> {
  for (let a = 0; a < accounts; a++) {
    for (let t = 0; t < texts; t++) {
      const slogan = SLOGANS[t % SLOGANS.length] + (t >= SLOGANS.length ? ` (${Math.floor(t / SLOGANS.length)})` : '');
      yield {
        commentId: `UgCampaign${String(a).padStart(6, '0')}x${String(t).padStart(3, '0')}AaABAg`,
        channelId: `UCcampaign${String(a).padStart(12, '0')}`,
        handle: `patriot${String(a).padStart(5, '0')}`,
        text: slogan,
        publishedTime: `${1 + ((a * 7 + t) % 50)} minutes ago`,
      };
    }
  }
}

/** An organic thread: the pseudo-word comments of `syntheticThread`, spread over the last weeks. */
export function* organicComments(n: number, seed = 11): Generator<GeneratedComment> {
  let i = 0;
  for (const r of syntheticThread(n, seed)) {
    const days = 1 + (i * 7919) % 28;
    yield {
      commentId: `UgOrganic${String(i++).padStart(7, '0')}AaABAg`,
      channelId: `UCorganic${r.author.id.replace(/\D/g, '').padStart(12, '0')}`,
      handle: (r.author.handle ?? 'someone').replace(/^@/, ''),
      text: r.text,
      publishedTime: `${days} day${days === 1 ? '' : 's'} ago`,
    };
  }
}

function option(argv: string[], name: string, fallback: number): number {
  const at = argv.indexOf(name);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [kind, ...argv] = process.argv.slice(2);
  const comments = kind === 'organic' ? organicComments(option(argv, '--comments', 20_000)) : campaignComments(option(argv, '--accounts', 3000), option(argv, '--texts', 1));
  for (const chunk of youtubeResponse(comments)) process.stdout.write(chunk);
}
