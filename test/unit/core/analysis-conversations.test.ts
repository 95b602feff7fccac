import { describe, expect, it } from 'vitest';
import { CaseAnalyzer } from '../../../src/core/analyze.ts';
import { NarrativeIndex } from '../../../src/core/signals/narrative.ts';
import { prepareComment } from '../../../src/core/signals/prepare.ts';
import { paraphraseScenario, syntheticThread } from '../../../src/core/simulate/index.ts';
import type { CommentRecord } from '../../../src/core/types.ts';

/** Narrative groups (their comment keys) of a NarrativeIndex fed the records with conversations named by key, as the analyzer names them by number. */
function groupsByKey(records: CommentRecord[], conversations: boolean): string[][] {
  const index = new NarrativeIndex();
  for (const r of records) {
    const p = prepareComment(r);
    const conversation = r.parentId == null ? p.key : `${r.platform}:${r.parentId}`;
    index.add({ key: p.key, account: p.account, thread: p.thread, text: r.text, shingles: p.shingles, conversation: conversations ? conversation : undefined });
  }
  index.settle();
  return index.allGroups().map((g) => [...g.commentKeys].sort()).sort();
}

/**
 * The paraphrase scenario with its campaign comments made replies (`parentOf`: index in the campaign →
 * parent id), in order of arrival; with `firstLast` the first campaign comment arrives after all others.
 */
function withReplies(parentOf: (i: number, ids: string[]) => string | undefined, firstLast = false) {
  const sc = paraphraseScenario(syntheticThread(300, 4, 'youtube', 'fresh'), { seed: 3, k: 8, narratives: [1] });
  const campaign = sc.records.filter((r) => sc.truth.has(`${r.platform}:${r.author.id}`));
  expect(campaign).toHaveLength(8);
  const ids = campaign.map((r) => r.commentId);
  const reply = (r: CommentRecord) => (ids.includes(r.commentId) ? { ...r, parentId: parentOf(ids.indexOf(r.commentId), ids) } : r);
  const records = sc.records.filter((r) => !firstLast || r !== campaign[0]).map(reply);
  if (firstLast) records.push(reply(campaign[0]));
  const analyzer = new CaseAnalyzer({ avatarScores: sc.avatarScores });
  analyzer.add(records);
  const found = analyzer
    .clusters()
    .filter((c) => c.kind === 'narrative')
    .map((c) => c.commentIds.map((id) => `youtube:${id}`).sort())
    .sort();
  return { records, found };
}

describe('conversations in the analyzer', () => {
  it('keeps a parent that arrives after its replies in their conversation', () => {
    // every campaign comment replies to the first, which arrives last: one conversation, no group
    const { records, found } = withReplies((i, ids) => (i === 0 ? undefined : ids[0]), true);
    expect(found).toEqual(groupsByKey(records, true));
    expect(found).toEqual([]);
    expect(groupsByKey(records, false)).toHaveLength(1);
  });

  it('names a reply to a reply by its own parent, not by its parent\'s conversation', () => {
    // 1–5 reply to 0, 6 and 7 to 1: 6 and 7 are a conversation of their own, linked to the others
    const { records, found } = withReplies((i, ids) => (i === 0 ? undefined : i <= 5 ? ids[0] : ids[1]));
    expect(found).toEqual(groupsByKey(records, true));
    expect(found).toHaveLength(1);
    expect(found[0]).toHaveLength(8);
  });

  it('puts replies to a comment never seen in one conversation', () => {
    const { records, found } = withReplies(() => 'never-seen');
    expect(found).toEqual(groupsByKey(records, true));
    expect(found).toEqual([]);
  });
});
