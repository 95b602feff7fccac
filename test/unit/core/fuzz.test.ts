import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeCase, CaseAnalyzer } from '../../../src/core/analyze.ts';
import { toCsv, toGexf, toJson } from '../../../src/core/export/index.ts';
import type { CommentRecord } from '../../../src/core/types.ts';

const text = fc.oneof(
  fc.string(),
  fc.constantFrom('', ' ', '🙂🙂', '#tag @who http://x.y/z 12345', '中国加油！支持中国', '=1+2', '\u202Eevil', '<b>x</b>', 'The same long slogan repeated by many accounts here'),
);
const record: fc.Arbitrary<CommentRecord> = fc.record({
  platform: fc.constantFrom('youtube', 'x', 'facebook'),
  threadId: fc.constantFrom('t1', 't2', 't3'),
  commentId: fc.string({ minLength: 1, maxLength: 6 }),
  author: fc.record(
    {
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
      handle: fc.option(fc.oneof(fc.string(), fc.constantFrom('@EmilyJohnson84736251', 'user-xy7ab3kq9')), { nil: undefined }),
      displayName: fc.option(text, { nil: undefined }),
      avatarUrl: fc.option(fc.constantFrom('https://yt3.ggpht.com/a=s88', 'https://pbs.twimg.com/profile_images/1/x_normal.jpg'), { nil: undefined }),
      defaultAvatar: fc.option(fc.boolean(), { nil: undefined }),
      createdAt: fc.option(fc.constantFrom('2026-11-01T00:00:00Z', 'not a date', '2009-01-01T00:00:00Z'), { nil: undefined }),
      followers: fc.option(fc.nat(5), { nil: undefined }),
    },
    { requiredKeys: ['id'] },
  ),
  text,
  lang: fc.option(fc.constantFrom('en', 'zh', 'und', 'qme'), { nil: undefined }),
  publishedAt: fc.option(fc.oneof(fc.constantFrom('garbage'), fc.integer({ min: 0, max: 4000 }).map((m) => new Date(Date.parse('2026-11-29T00:00:00Z') - m * 60_000).toISOString())), { nil: undefined }),
  publishedText: fc.option(fc.constantFrom('3 hours ago', 'vor 4 Jahren', 'on Thu', 'Yesterday at 10:02', '5m', '???', '3小时前'), { nil: undefined }),
  seenAt: fc.constantFrom('2026-11-29T08:00:00.000Z', 'bad'),
  source: fc.constantFrom('dom', 'json'),
}, { requiredKeys: ['platform', 'threadId', 'commentId', 'author', 'text', 'seenAt', 'source'] }) as fc.Arbitrary<CommentRecord>;

describe('analysis on arbitrary records', () => {
  it('never throws, keeps scores in 0..1, reasons strongest first, and exports stay parseable', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), (records) => {
        const { verdicts, threads, clusters } = analyzeCase(records);
        for (const v of verdicts) {
          expect(v.score).toBeGreaterThanOrEqual(0);
          expect(v.score).toBeLessThanOrEqual(1);
          expect(['high', 'medium', 'low', 'unsure']).toContain(v.level);
          for (let i = 1; i < v.reasons.length; i++) expect(v.reasons[i - 1].weight).toBeGreaterThanOrEqual(v.reasons[i].weight);
        }
        expect(threads.length).toBe(new Set(records.map((r) => `${r.platform}:${r.threadId}`)).size);
        expect(toCsv(verdicts, { records }).charCodeAt(0)).toBe(0xfeff);
        expect(JSON.parse(toJson({ verdicts, threads, clusters, records })).accounts).toHaveLength(verdicts.length);
        expect(toGexf({ verdicts, records, clusters })).toContain('</gexf>');
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same result incrementally in any batching', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), fc.integer({ min: 1, max: 7 }), (records, step) => {
        const scratch = new CaseAnalyzer();
        scratch.add(records);
        const inc = new CaseAnalyzer();
        for (let i = 0; i < records.length; i += step) inc.add(records.slice(i, i + step));
        expect(inc.verdicts().map((v) => [v.accountId, v.score, v.level])).toEqual(scratch.verdicts().map((v) => [v.accountId, v.score, v.level]));
      }),
      { numRuns: 150 },
    );
  });
});
