/**
 * A synthetic organic thread of any size, for benchmarks and tests that must not depend on ../shared:
 * varied pseudo-word comments of realistic length, a few links, hashtags, mentions and Chinese
 * comments, absolute times spread over a month, some accounts commenting more than once.
 */
import type { CommentRecord, Platform } from '../types.ts';
import { createRng } from './rng.ts';

export function syntheticThread(n: number, seed = 1, platform: Platform = 'youtube', threadId = 'synthetic'): CommentRecord[] {
  const rng = createRng(seed);
  const syllables = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'pel', 'dri', 'su', 'gan', 'ef', 'ox', 'ul', 'bri', 'zen', 'qua', 'hop', 'nir', 'sta', 'mo', 'te', 'ris', 'an', 'pu'];
  const words = Array.from({ length: 3000 }, () => Array.from({ length: rng.int(1, 3) }, () => rng.pick(syllables)).join(''));
  const han = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质';
  const baseMs = Date.parse('2026-10-01T00:00:00Z');
  const accounts = Math.max(1, Math.round(n * 0.7));
  return Array.from({ length: n }, (_, i) => {
    const author = rng.int(0, accounts - 1);
    let text: string;
    if (rng.chance(0.05)) text = Array.from({ length: rng.int(6, 30) }, () => rng.pick([...han])).join('');
    else text = Array.from({ length: rng.int(3, 30) }, () => rng.pick(words)).join(' ');
    const r = rng.next();
    if (r < 0.02) text += ` https://example.org/${rng.pick(words)}`;
    else if (r < 0.05) text += ` #${rng.pick(words)}`;
    else if (r < 0.08) text = `@${rng.pick(words)} ${text}`;
    return {
      platform,
      threadId,
      commentId: `${threadId}-${i}`,
      author: { id: `${threadId}-acct-${author}`, handle: `@${rng.pick(words)}${author}`, displayName: `${rng.pick(words)} ${rng.pick(words)}` },
      text,
      publishedAt: new Date(baseMs + rng.next() * 30 * 86_400_000).toISOString(),
      likes: rng.int(0, 50),
      seenAt: '2026-11-01T00:00:00.000Z',
      source: 'json' as const,
    };
  });
}
