// The avatar path end to end in real headless Chromium: the background fetches each avatar of the demo thread,
// the offscreen document decodes it with the browser (createImageBitmap + OffscreenCanvas), runs the face detector
// and the texture model on onnxruntime-web, and the verdicts carry the model's evidence. The same bytes scored
// in Node (sharp decoding) must give the same answer within a stated tolerance.
import { describe, expect, it } from 'vitest';
import { createNodeScorer } from '../../src/avatar/node-scorer.ts';
import { hammingDistance } from '../../src/avatar/phash.ts';
import { SHIPPED_AVATAR_MODEL_ID } from '../../src/avatar/model-id.ts';
import { avatarImageKey } from '../../src/background/avatar-pipeline.ts';
import { adapterFor } from '../../src/platforms/index.ts';
import type { AvatarScore } from '../../src/core/types.ts';
import { demoFixtureAvailable } from './demo-fixture.ts';
import { eventually, useDemoBrowser, waitForSettledView } from './harness.ts';

/**
 * Browser vs Node decoding: both use libjpeg-turbo-class decoders but differ in chroma upsampling and colour
 * handling, so pixels may differ by a few levels. Stated tolerance: perceptual hashes within 4 of 64 bits,
 * p(AI-generated) (fused and texture) within 0.03, and the same level unless p is within 0.03 of a threshold.
 */
const PHASH_BITS = 4;
const P_TOLERANCE = 0.03;

describe.skipIf(!demoFixtureAvailable())('avatar chain in Chromium: fetch → browser decode → model host → verdict', () => {
  const demoBrowser = useDemoBrowser();

  it('scores every served avatar like Node does, and the verdicts show avatar evidence exactly for the model\'s medium/high', async () => {
    const { lens, demo } = demoBrowser;
    const page = await lens.context.newPage();
    await page.goto(demo.url);
    const tabId = await lens.tabIdOf(page);
    const view = await eventually(
      () => waitForSettledView(lens, tabId),
      (v: any) => v.state === 'ready',
      'every avatar of the demo thread to be scored',
      180_000,
    );
    const stored = (await lens.background((l) => l.store.allAvatars())) as AvatarScore[];
    const scored = stored.filter((s) => !s.error);
    expect(scored.length).toBeGreaterThan(10);

    // the same bytes through the Node pipeline
    const { scorer, session } = await createNodeScorer();
    try {
      // the picture behind each stored image key, fetched the way the background fetches it (best size)
      const urlOf = new Map<string, string>();
      for (const record of demo.records) {
        const key = avatarImageKey(record);
        if (key) urlOf.set(key, adapterFor(record.platform).bestAvatarUrl(record.author.avatarUrl!));
      }
      const items = scored.map((s) => {
        const url = urlOf.get(s.imageKey);
        const reply = url ? demo.respond(url) : null;
        if (!reply) throw new Error(`the demo does not serve ${s.imageKey}`);
        return { imageKey: s.imageKey, bytes: new Uint8Array(reply.body as Buffer) };
      });
      const node = new Map((await scorer.score(items)).map((s) => [s.imageKey, s]));
      const { thresholds } = session.params;
      const nearThreshold = (p: number) => Math.abs(p - thresholds.high) < P_TOLERANCE || Math.abs(p - thresholds.medium) < P_TOLERANCE;
      let maxDp = 0;
      let maxBits = 0;
      for (const browserScore of scored) {
        const nodeScore = node.get(browserScore.imageKey)!;
        maxBits = Math.max(maxBits, hammingDistance(browserScore.phash!, nodeScore.phash!));
        if (nodeScore.pGenerated !== undefined && browserScore.pGenerated !== undefined) maxDp = Math.max(maxDp, Math.abs(browserScore.pGenerated - nodeScore.pGenerated));
        const what = `${browserScore.imageKey}: browser ${JSON.stringify(browserScore)} vs node ${JSON.stringify(nodeScore)}`;
        expect(hammingDistance(browserScore.phash!, nodeScore.phash!), what).toBeLessThanOrEqual(PHASH_BITS);
        expect(browserScore.face, what).toBe(nodeScore.face);
        if (nodeScore.textureP !== undefined) expect(Math.abs(browserScore.textureP! - nodeScore.textureP), what).toBeLessThanOrEqual(P_TOLERANCE);
        if (nodeScore.pGenerated !== undefined) {
          expect(Math.abs(browserScore.pGenerated! - nodeScore.pGenerated), what).toBeLessThanOrEqual(P_TOLERANCE);
          if (!nearThreshold(nodeScore.pGenerated)) expect(browserScore.level, what).toBe(nodeScore.level);
        } else {
          expect(browserScore.level, what).toBe('unsure');
        }
      }
      console.log(`browser vs Node on ${scored.length} avatars: largest |Δp| ${maxDp.toFixed(4)}, largest dHash distance ${maxBits} bits`);
    } finally {
      await session.release();
    }

    // the verdicts: avatar-ai evidence exactly where the stored score says medium or high, with the model's reason
    const byKey = new Map(scored.map((s) => [s.imageKey, s]));
    let withEvidence = 0;
    const recordOf = new Map(demo.records.map((r) => [r.author.id, r]));
    for (const account of view.accounts as any[]) {
      const record = recordOf.get(account.accountId);
      const key = record ? avatarImageKey(record) : undefined;
      const score = key ? byKey.get(key) : undefined;
      if (!score) continue;
      const evidence = account.reasons.find((r: any) => r.signal === 'avatar-ai');
      const expected = score.level === 'high' || score.level === 'medium';
      expect(evidence !== undefined, `${account.accountId}: level ${score.level}`).toBe(expected);
      if (evidence) {
        withEvidence++;
        expect(evidence.detail).toContain(`${score.level} by the avatar model`);
        if (score.reason) expect(evidence.detail).toContain(score.reason);
      }
    }
    // the demo gives simulated amplifiers AI faces: the chain must produce evidence, or this test proves nothing
    console.log(`${withEvidence} accounts with avatar evidence`);
    expect(withEvidence).toBeGreaterThan(0);
    await page.close();
  }, 300_000);

  it('scores again, after a restart, the pictures whose stored score came from other model files', async () => {
    const { lens, demo } = demoBrowser;
    // runs after the test above: every demo avatar is stored, by the shipped model files
    const stored = ((await lens.background((l) => l.store.allAvatars())) as AvatarScore[]).filter((s) => !s.error);
    expect(stored.length).toBeGreaterThan(10);
    for (const s of stored) expect(s.model, s.imageKey).toBe(SHIPPED_AVATAR_MODEL_ID);
    // three results as an older model would have left them (one from before scores named their model)
    const stale = stored.slice(0, 3).map((s, i) => ({ ...s, model: i === 2 ? undefined : '2.0.0+202611011200#0badc0de', level: 'high' as const, pGenerated: 0.999, reason: 'stale result of an older model' }));
    await lens.background((l, rows: AvatarScore[]) => l.store.putAvatars(rows, new Date().toISOString()), stale);

    // an update of the extension restarts the worker: it resumes from IndexedDB
    const page = await lens.context.newPage();
    await page.goto(demo.url);
    const tabId = await lens.tabIdOf(page);
    await lens.stopServiceWorker(page);
    // the popup wakes the stopped worker
    const popup = await lens.openPopup(tabId);
    await lens.waitForNewServiceWorker();
    const rescored = await eventually(
      async () => {
        await lens.background((l) => l.avatars.idle());
        const rows = (await lens.background((l) => l.store.allAvatars())) as AvatarScore[];
        return stale.map((s) => rows.find((r) => r.imageKey === s.imageKey)!);
      },
      (rows: AvatarScore[]) => rows.every((r) => r.model === SHIPPED_AVATAR_MODEL_ID),
      'the stale avatar results to be scored again by the shipped model',
      120_000,
    );
    for (const [i, row] of rescored.entries()) {
      const before = stored[i];
      expect(row.reason, row.imageKey).toBe(before.reason);
      expect(row.level, row.imageKey).toBe(before.level);
      expect(row.pGenerated, row.imageKey).toBe(before.pGenerated);
    }
    await popup.close();
    await page.close();
  }, 300_000);
});
