import { describe, expect, it } from 'vitest';
import { handlePattern } from '../../../../src/core/signals/handle-pattern.ts';
import { looksLikePinyin, nameLanguageMismatch } from '../../../../src/core/signals/name-mismatch.ts';
import { findBatchCreation, freshAccount } from '../../../../src/core/signals/account-age.ts';
import { avatarFinding, findSharedAvatars, imageKeyFromUrl, lookupAvatarScore } from '../../../../src/core/signals/avatar.ts';
import { findCoOccurrence, findCoOccurrenceGroups, log10PoissonTail } from '../../../../src/core/signals/co-occurrence.ts';
import { poissonTail } from '../../../../src/core/signals/burst.ts';

describe('handle patterns', () => {
  it('flags name + long digit runs and YouTube auto-handles, not ordinary handles', () => {
    expect(handlePattern('x', { id: '1', handle: 'EmilyJohnson84736251' })).toEqual({ kind: 'name-digits', handle: '@EmilyJohnson84736251', digits: 8 });
    expect(handlePattern('youtube', { id: '1', handle: '@user-xy7ab3kq9' })?.kind).toBe('auto-handle');
    expect(handlePattern('youtube', { id: '1', handle: '@kurzgesagt' })).toBeUndefined();
    expect(handlePattern('x', { id: '1', handle: 'john1987' })).toBeUndefined();
    expect(handlePattern('x', { id: '1' })).toBeUndefined();
  });
});

describe('name script vs comment language', () => {
  it('flags a Latin-script name writing Chinese', () => {
    const r = nameLanguageMismatch('Emily Johnson', ['美国总是向全世界说教民主', '中国让8亿人摆脱了贫困']);
    expect(r).toEqual({ status: 'mismatch', mismatch: { nameScript: 'Latin', commentScript: 'Han', comments: 2 } });
  });
  it('does not count a pinyin name writing Chinese as a mismatch', () => {
    expect(looksLikePinyin('Wang Jing')).toBe(true);
    expect(looksLikePinyin('Li Xiaoming')).toBe(true);
    expect(looksLikePinyin('Emily Johnson')).toBe(false);
    expect(nameLanguageMismatch('Zhang Min', ['美国总是向全世界说教民主']).status).toBe('consistent');
  });

  it('is consistent for matching scripts and unavailable without a usable name', () => {
    expect(nameLanguageMismatch('王静', ['美国总是向全世界说教民主']).status).toBe('consistent');
    expect(nameLanguageMismatch('Emily Johnson', ['Great video, thanks']).status).toBe('consistent');
    expect(nameLanguageMismatch(undefined, ['text']).status).toBe('unavailable');
    expect(nameLanguageMismatch('🙂🙂', ['text here']).status).toBe('unavailable');
  });
});

describe('account age and batch creation', () => {
  it('finds fresh accounts', () => {
    expect(freshAccount('2026-11-01T00:00:00Z', Date.parse('2026-11-20T00:00:00Z'))?.ageDays).toBeCloseTo(19);
    expect(freshAccount('2019-01-01T00:00:00Z', Date.parse('2026-11-20T00:00:00Z'))).toBeUndefined();
    expect(freshAccount(undefined, 0)).toBeUndefined();
  });
  it('finds accounts created within days of each other, against the spread of the others', () => {
    const spread = Array.from({ length: 40 }, (_, i) => ({ account: `o${i}`, createdMs: Date.parse('2010-01-01') + i * 90 * 86_400_000 }));
    const batch = [0, 1, 2, 3].map((i) => ({ account: `b${i}`, createdMs: Date.parse('2026-10-01') + i * 20 * 3_600_000 }));
    const groups = findBatchCreation([...spread, ...batch]);
    expect(groups).toHaveLength(1);
    expect(groups[0].accounts).toEqual(['b0', 'b1', 'b2', 'b3']);
    expect(findBatchCreation(spread)).toHaveLength(0);
  });
});

describe('avatar evidence', () => {
  it('derives image identity across size suffixes', () => {
    expect(imageKeyFromUrl('https://yt3.ggpht.com/abc=s88-c-k-c0x00ffffff-no-rj')).toBe(imageKeyFromUrl('https://yt3.ggpht.com/abc=s176-c-k'));
    expect(imageKeyFromUrl('https://pbs.twimg.com/profile_images/1/x_normal.jpg')).toBe('pbs.twimg.com/profile_images/1/x.jpg');
  });
  it('looks scores up by account key, id or image key and grades p(AI)', () => {
    const score = { imageKey: 'yt3.ggpht.com/abc', pGenerated: 0.93, level: 'high' as const };
    const author = { id: 'UC1', avatarUrl: 'https://yt3.ggpht.com/abc=s88' };
    expect(lookupAvatarScore({ 'yt3.ggpht.com/abc': score }, 'youtube:UC1', author)).toBe(score);
    expect(lookupAvatarScore(new Map([['youtube:UC1', score]]), 'youtube:UC1', author)).toBe(score);
    expect(avatarFinding(author, score)?.aiLevel).toBe('high');
    expect(avatarFinding(author, { ...score, level: 'low' })?.aiLevel).toBeUndefined();
    expect(avatarFinding(author, { ...score, face: false })?.aiLevel).toBeUndefined();
    // the model's "unsure" (tiny image, no face) is never evidence, whatever p says
    expect(avatarFinding(author, { ...score, level: 'unsure', pGenerated: 0.999 })?.aiLevel).toBeUndefined();
    expect(avatarFinding({ id: 'x', defaultAvatar: true }, undefined)).toEqual({ pGenerated: undefined, aiLevel: undefined, defaultAvatar: true });
  });
  it('groups accounts with the same perceptual hash, never default pictures', () => {
    const groups = findSharedAvatars([
      { account: 'a', phash: 'ffee' },
      { account: 'b', phash: 'FFEE' },
      { account: 'c', phash: '0001' },
      { account: 'd', phash: '9999', defaultAvatar: true },
      { account: 'e', phash: '9999', defaultAvatar: true },
    ]);
    expect(groups.map((g) => g.accounts)).toEqual([['a', 'b']]);
  });
});

describe('co-occurrence', () => {
  it('pairs accounts seen together in at least two threads', () => {
    const m = findCoOccurrence(
      new Map([
        ['a', new Set(['t1', 't2', 't3'])],
        ['b', new Set(['t1', 't2'])],
        ['c', new Set(['t1', 't3'])],
        ['d', new Set(['t1'])],
      ]),
    );
    expect(m.get('a')?.partners).toEqual(['b', 'c']);
    expect(m.get('b')?.partners).toEqual(['a']);
    expect(m.has('d')).toBe(false);
  });

  it('puts a chance behind each pair of threads: rare visitors meeting count, regulars do not', () => {
    const threads = new Map<string, Set<string>>();
    const all = ['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9', 't10'];
    for (let i = 0; i < 30; i++) threads.set(`regular${i}`, new Set(all));
    for (const v of ['p', 'q', 'r', 's']) threads.set(v, new Set(['t1', 't2']));
    threads.set('x', new Set(['t3', 't4']));
    const groups = findCoOccurrenceGroups(threads);
    const pair = groups.find((g) => g.id === 'co:t1|t2')!;
    expect(pair.visitors).toEqual(['p', 'q', 'r', 's']);
    // λ = 5 visitors × 2·1/(10·9); P(X ≥ 4) ≈ λ⁴/4! ≈ 5.8e-7, × 45 pairs
    expect(pair.expected).toBeCloseTo(0.11, 2);
    expect(pair.log10Corrected).toBeCloseTo(Math.log10(45 * (Math.exp(-1 / 9) * (1 / 9) ** 4) / 24), 1);
    expect(groups.find((g) => g.id === 'co:t3|t4')!.log10Corrected).toBe(0);
  });

  it('computes Poisson tails in log space, exact far out where 1 − cdf would round to 0', () => {
    expect(10 ** log10PoissonTail(3, 2)).toBeCloseTo(poissonTail(3, 2), 10);
    // e^-1/40! · (1 + 1/41 + 1/(41·42) + …)
    expect(log10PoissonTail(40, 1)).toBeCloseTo(Math.log10((Math.exp(-1) / 8.159152832478977e47) * (1 + 1 / 41 + 1 / 1722 + 1 / 74046)), 4);
    expect(log10PoissonTail(0, 5)).toBe(0);
  });
});
