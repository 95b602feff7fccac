/**
 * The merge rule: the page's own observation (DOM) decides who said what; JSON enriches it and never
 * contradicts it, whichever arrives first.
 */
import { describe, expect, it } from 'vitest';
import { CaseAnalyzer } from '../../../src/core/analyze.ts';
import { mergeCommentRecords } from '../../../src/core/merge.ts';
import type { CommentRecord } from '../../../src/core/types.ts';
import { mergeRecordSet } from '../../../src/platforms/adapter.ts';

const shown: CommentRecord = {
  platform: 'youtube',
  threadId: 'vid00000001',
  commentId: 'Ugw1',
  author: { id: 'UCrealperson000000000000', handle: '@real', displayName: 'Real Person' },
  text: 'I was there and it rained all day',
  publishedText: '3 hours ago',
  likes: 1200,
  seenAt: '2026-11-30T10:00:00.000Z',
  source: 'dom',
};

const enrichment: CommentRecord = {
  ...shown,
  author: { id: 'UCrealperson000000000000', handle: '@real', displayName: 'Real Person', createdAt: '2011-01-01T00:00:00.000Z', followers: 10 },
  publishedAt: '2026-11-30T07:00:00.000Z',
  likes: 1234,
  seenAt: '2026-11-30T10:00:01.000Z',
  source: 'json',
};

const forged: CommentRecord = {
  ...shown,
  author: { id: 'UCfakeaccount00000000000', handle: '@fake', displayName: 'Fake' },
  text: 'Totally different words the page never showed',
  publishedAt: '2020-01-01T00:00:00.000Z',
  seenAt: '2026-11-30T10:00:02.000Z',
  source: 'json',
};

describe('mergeCommentRecords', () => {
  it('JSON that agrees with the page enriches it (times, exact counts, account age), in either order', () => {
    for (const merged of [mergeCommentRecords(shown, enrichment), mergeCommentRecords(enrichment, shown)]) {
      expect(merged.author).toEqual({ id: 'UCrealperson000000000000', handle: '@real', displayName: 'Real Person', createdAt: '2011-01-01T00:00:00.000Z', followers: 10 });
      expect(merged.text).toBe(shown.text);
      expect(merged.publishedAt).toBe('2026-11-30T07:00:00.000Z');
      expect(merged.publishedText).toBe('3 hours ago');
      expect(merged.likes).toBe(1234);
      expect(merged.seenAt).toBe(shown.seenAt);
    }
  });

  it('JSON naming another author or other words changes neither, in either order, and brings none of its fields', () => {
    for (const merged of [mergeCommentRecords(shown, forged), mergeCommentRecords(forged, shown)]) {
      expect(merged.author).toEqual(shown.author);
      expect(merged.text).toBe(shown.text);
      expect(merged.publishedAt).toBeUndefined();
      expect(merged.source).toBe('dom');
    }
  });

  it('once the page has shown a comment, a later contradicting JSON cannot take it over', () => {
    const enriched = mergeCommentRecords(shown, enrichment);
    const after = mergeCommentRecords(enriched, forged);
    expect(after.author.id).toBe(shown.author.id);
    expect(after.text).toBe(shown.text);
    expect(after.publishedAt).toBe(enrichment.publishedAt);
  });

  it('JSON names the platform id behind a stand-in only for the same handle', () => {
    const standIn: CommentRecord = { ...shown, author: { id: '@Real', handle: 'Real' } };
    expect(mergeCommentRecords(standIn, enrichment).author.id).toBe('UCrealperson000000000000');
    expect(mergeCommentRecords(enrichment, standIn).author.id).toBe('UCrealperson000000000000');
    expect(mergeCommentRecords(standIn, forged).author.id).toBe('@Real');
    // A later DOM sighting under the stand-in keeps the id already learnt.
    expect(mergeCommentRecords(mergeCommentRecords(standIn, enrichment), standIn).author.id).toBe('UCrealperson000000000000');
  });

  it('takes the full JSON text of a comment the page shows cut, never other words', () => {
    const cut: CommentRecord = { ...shown, text: 'I was there and it …' };
    expect(mergeCommentRecords(cut, enrichment).text).toBe(shown.text);
    expect(mergeCommentRecords(cut, { ...enrichment, text: 'I was there and it never rained' }).text).toBe('I was there and it never rained');
    expect(mergeCommentRecords(cut, { ...enrichment, text: 'Something else' }).text).toBe(cut.text);
    // A later cut DOM sighting keeps the full text learnt from the JSON.
    expect(mergeCommentRecords(mergeCommentRecords(cut, enrichment), cut).text).toBe(shown.text);
  });

  it('is the rule of the command line (mergeRecordSet) and of the analyzer', () => {
    const [merged] = mergeRecordSet([shown, forged]);
    expect(merged!.author.id).toBe(shown.author.id);
    const analyzer = new CaseAnalyzer();
    analyzer.add([shown]);
    analyzer.add([forged]);
    expect(analyzer.verdict('youtube', 'UCfakeaccount00000000000')).toBeUndefined();
    expect(analyzer.verdict('youtube', shown.author.id)?.comments).toBe(1);
  });
});
