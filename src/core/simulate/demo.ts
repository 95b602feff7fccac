/**
 * The demo case of `npm start`: a real thread with a simulated campaign injected (clearly marked as
 * simulated), and the avatar scores the model would give the simulated accounts.
 */
import type { AvatarScore, CommentRecord } from '../types.ts';
import { injectCampaign, type CampaignParams } from './campaign.ts';

export const DEMO_CAMPAIGN: Partial<CampaignParams> = { seed: 20231129, size: 10, templates: 2, editRate: 0.1, burstMinutes: 40 };

export function buildDemoCase(realRecords: CommentRecord[], params: Partial<CampaignParams> = DEMO_CAMPAIGN): {
  records: CommentRecord[];
  avatarScores: Record<string, AvatarScore>;
  /** account ids (platform-local) of the simulated accounts */
  simulatedAccountIds: string[];
} {
  if (realRecords.length === 0) throw new Error('buildDemoCase needs the records of a real thread');
  // The thread with the most comments hosts the campaign.
  const byThread = new Map<string, CommentRecord[]>();
  for (const r of realRecords) {
    const key = `${r.platform}:${r.threadId}`;
    let list = byThread.get(key);
    if (!list) byThread.set(key, (list = []));
    list.push(r);
  }
  const host = [...byThread.values()].sort((a, b) => b.length - a.length)[0];
  const injected = injectCampaign(host, params);
  const simulatedIds = new Set(injected.simulated.map((r) => r.author.id));
  return {
    records: [...realRecords, ...injected.simulated],
    avatarScores: Object.fromEntries(injected.avatarScores),
    simulatedAccountIds: [...simulatedIds],
  };
}
