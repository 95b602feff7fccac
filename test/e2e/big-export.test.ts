// Exports of a large copy-paste campaign in real Chromium: 20,000 accounts posting one slogan. The
// file reaches the page in pieces (no runtime message near the 64 MiB limit) and reassembles into
// the complete export: every flagged account, each cluster once with all its members.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, seedBigCampaign, type LensBrowser } from './harness.ts';

const ACCOUNTS = 20_000;

describe('exports of a 20,000-account campaign (Chromium)', () => {
  let lens: LensBrowser;

  beforeAll(async () => {
    lens = await launchWithExtension();
    await seedBigCampaign(lens, { accounts: ACCOUNTS });
  }, 600_000);

  afterAll(async () => {
    await lens?.close();
  });

  for (const [format, scope] of [
    ['json', { kind: 'thread', platform: 'youtube', threadId: 'BigCampaign' }],
    ['csv', { kind: 'case' }],
    ['gexf', { kind: 'case' }],
  ] as const) {
    it(`${format} (${scope.kind}): complete, in pieces far under the message limit`, async () => {
      const page = await lens.context.newPage();
      await page.goto(lens.extensionUrl('src/ui/options/index.html'));
      const result = await page.evaluate(
        async ({ format, scope }) => {
          const start = (await chrome.runtime.sendMessage({ type: 'export', format, scope })) as { exportId: string; filename: string; mime: string; error?: string };
          if (start.error) return { error: start.error };
          const sizes: number[] = [];
          const parts: string[] = [];
          for (;;) {
            const reply = (await chrome.runtime.sendMessage({ type: 'export-chunk', exportId: start.exportId })) as { data: string; done: boolean; error?: string };
            if (reply.error) return { error: reply.error };
            sizes.push(JSON.stringify(reply).length);
            parts.push(reply.data);
            if (reply.done) break;
          }
          const text = parts.join('');
          // The session is gone once the last piece was sent.
          const again = (await chrome.runtime.sendMessage({ type: 'export-chunk', exportId: start.exportId })) as { error?: string };
          const summary: Record<string, unknown> = { filename: start.filename, pieces: sizes.length, largest: Math.max(...sizes), length: text.length, after: again.error };
          if (format === 'json') {
            const json = JSON.parse(text);
            summary.schema = json.schema;
            summary.accounts = json.accounts.length;
            summary.clusterSizes = json.clusters.map((c: { kind: string; members: string[]; commentIds: string[] }) => `${c.kind}:${c.members.length}:${c.commentIds.length}`);
            summary.relatedMax = Math.max(...json.accounts.flatMap((a: { reasons: { related?: string[] }[] }) => a.reasons.map((r) => r.related?.length ?? 0)));
          } else if (format === 'csv') summary.lines = text.split('\r\n').length;
          else summary.edges = (text.match(/<edge /g) ?? []).length;
          return summary;
        },
        { format, scope },
      );
      expect(result).not.toHaveProperty('error');
      expect(result.filename).toMatch(new RegExp(`\\.${format}$`));
      expect(result.pieces).toBeGreaterThan(1);
      expect(result.largest).toBeLessThan(16 * 1024 * 1024);
      expect(result.after).toMatch(/no longer available/);
      if (format === 'json') {
        expect(result.schema).toBe('amplifier-lens/case@2');
        expect(result.accounts).toBe(ACCOUNTS);
        expect(result.clusterSizes).toContain(`near-duplicate:${ACCOUNTS}:${ACCOUNTS}`);
        expect(result.relatedMax).toBeLessThanOrEqual(5);
      } else if (format === 'csv') expect(result.lines).toBe(ACCOUNTS + 1);
      // GEXF: one commented edge per account, and the clusters drawn as stars (linear, not 200 million edges).
      else expect(result.edges).toBeLessThan(ACCOUNTS * 4);
      await page.close();
    });
  }
});
