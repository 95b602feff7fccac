import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analyze.ts';
import { evidencePackToString, generateEvidencePack, type EvidencePackInput, type PackAccount } from '../../../src/core/export/evidence-pack.ts';
import { verifyEvidencePack } from '../../../src/core/export/evidence-verify.ts';
import { modelFacts } from '../../../src/core/export/model-facts.ts';
import { SIGNALS, WEIGHTS } from '../../../src/core/scoring/weights.ts';
import { injectCampaign } from '../../../src/core/simulate/campaign.ts';
import type { CommentRecord } from '../../../src/core/types.ts';
import { main } from '../../../src/cli/lens.ts';
import { REPO_ROOT } from '../../helpers/shared.ts';
import { rec } from './helpers.ts';

const PNG = new Uint8Array(readFileSync(join(REPO_ROOT, 'public/icons/icon-32.png')));
const detector = JSON.parse(readFileSync(join(REPO_ROOT, 'models/avatar-detector.json'), 'utf8'));
const metrics = JSON.parse(readFileSync(join(REPO_ROOT, 'models/training/metrics-v3.json'), 'utf8'));

const HOSTILE_NAME = '<img src=x onerror="document.title=\'pwned\'">';
const HOSTILE_TEXT = '</script><script>alert(1)</script> & "quotes" \u202Eevil';

function hostileCase() {
  const organic: CommentRecord[] = [
    rec({ threadId: 'h', text: HOSTILE_TEXT, author: { id: 'f6', displayName: HOSTILE_NAME, handle: '@"><svg onload=alert(1)>', profileUrl: 'javascript:alert(1)' } }),
    rec({ threadId: 'h', text: 'مرحبا بالجميع في هذا النقاش\r\nsecond line', author: { id: 'f7', displayName: '\u202Eأحمد الغامدي\u202C' } }),
    rec({ threadId: 'h', text: 'lone surrogate \uD800 and NUL \0 here', author: { id: 'f8', displayName: '王静' } }),
  ];
  const { records, avatarScores } = injectCampaign(organic, { seed: 3, size: 6 });
  return { records, ...analyzeCase(records, { avatarScores }) };
}

function packInput(over: Partial<EvidencePackInput> = {}): EvidencePackInput {
  const { records, verdicts, threads, clusters } = hostileCase();
  const byAccount = new Map<string, CommentRecord[]>();
  for (const r of records) byAccount.set(r.author.id, [...(byAccount.get(r.author.id) ?? []), r]);
  // Every account (not only the flagged ones), so the hostile organic names are in the pack too.
  const accounts: PackAccount[] = verdicts.map((v, i) => ({
    verdict: { ...v, ...(v.accountId === 'f6' ? { label: 'confirmed' as const, note: 'Analyst note <b>not bold</b>\nline two' } : {}) },
    comments: byAccount.get(v.accountId) ?? [],
    ...(i % 2 === 0 ? { avatar: { bytes: PNG, sourceUrl: 'https://yt3.ggpht.com/a=s176', fetchedAt: '2026-11-29T08:01:00.000Z' } } : {}),
  }));
  return {
    title: 'Test case',
    scopeLabel: 'YouTube thread h',
    generatedAt: '2026-11-29T09:00:00.000Z',
    extensionVersion: '0.1.0',
    threads: threads.map((summary) => ({ summary })),
    clusters,
    accountCount: accounts.length,
    accounts,
    screenshots: [{ bytes: PNG, url: 'https://www.youtube.com/watch?v=h', capturedAt: '2026-11-29T08:30:00.000Z', title: HOSTILE_NAME }],
    model: modelFacts(detector, metrics),
    ...over,
  };
}

function tamper(html: string, find: string, replace: string): string {
  const at = html.indexOf(find);
  expect(at).toBeGreaterThan(0);
  return html.slice(0, at) + replace + html.slice(at + find.length);
}

describe('evidence pack', async () => {
  const input = packInput();
  const html = await evidencePackToString(input);
  const { document } = parseHTML(html);

  it('verifies as made, with one item per comment, account, picture and capture', async () => {
    const result = await verifyEvidencePack(html);
    expect(result.problems).toEqual([]);
    expect(result.whole?.ok).toBe(true);
    expect(result.ok).toBe(true);
    const accounts = [...(input.accounts as PackAccount[])];
    const comments = accounts.reduce((n, a) => n + a.comments.length, 0);
    const pictures = accounts.filter((a) => a.avatar).length;
    expect(result.items).toBe(comments + accounts.length + pictures + input.clusters.length + 2);
  });

  it('names the comment whose text changed by one character, and the whole file fails', async () => {
    const target = (input.accounts as PackAccount[]).find((a) => a.verdict.accountId === 'f7')!.comments[0];
    const changed = tamper(html, 'مرحبا بالجميع', 'مرحبا بالجميخ');
    const result = await verifyEvidencePack(changed);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.id)).toEqual([`comment youtube:${target.commentId}`]);
    expect(result.whole?.ok).toBe(false);
  });

  it('names a picture whose bytes changed, and an account whose name changed', async () => {
    const at = html.indexOf('base64,') + 'base64,'.length + 40;
    const flipped = html.slice(0, at) + (html[at] === 'A' ? 'B' : 'A') + html.slice(at + 1);
    const pictures = (await verifyEvidencePack(flipped)).problems;
    expect(pictures).toHaveLength(1);
    expect(pictures[0].id).toMatch(/^(avatar youtube:|screen capture)/);
    const renamed = await verifyEvidencePack(tamper(html, '王静', '王靜'));
    expect(renamed.problems.map((p) => p.id)).toEqual(['account youtube:f8']);
  });

  it('catches markup slipped into a field, a redirected link and a change outside any item', async () => {
    const f6 = (input.accounts as PackAccount[]).find((a) => a.verdict.accountId === 'f6')!.comments[0];
    const injected = await verifyEvidencePack(tamper(html, '&amp; &quot;quotes&quot;', '<b>&amp;</b> &quot;quotes&quot;'));
    expect(injected.problems.map((p) => p.id)).toEqual([`comment youtube:${f6.commentId}`]);
    const firstLink = html.match(/data-f="permalink" href="([^"]+)"/)![1];
    const redirected = await verifyEvidencePack(tamper(html, `href="${firstLink}"`, 'href="https://evil.example/"'));
    expect(redirected.problems.map((p) => p.problem)).toEqual(['link-target-differs']);
    const restyled = await verifyEvidencePack(tamper(html, 'max-width:72rem', 'max-width:70rem'));
    expect(restyled.problems).toEqual([]);
    expect(restyled.whole?.ok).toBe(false);
    expect(restyled.ok).toBe(false);
    const noManifest = await verifyEvidencePack(html.replace('id="lens-manifest"', 'id="x"'));
    expect(noManifest.error).toMatch(/no manifest/);
  });

  it('loads nothing: strict CSP, no script to run, every picture a data: URI, no external resource', () => {
    const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('img-src data:');
    const scripts = [...document.querySelectorAll('script')];
    expect(scripts.map((s) => s.getAttribute('type'))).toEqual(['application/json']);
    expect(document.querySelectorAll('link, iframe, object, embed, video, audio, source, base, form')).toHaveLength(0);
    const sources = [...document.querySelectorAll('[src]')].map((e) => e.getAttribute('src')!);
    expect(sources.length).toBeGreaterThan(0);
    for (const src of sources) expect(src).toMatch(/^data:image\/(png|jpeg|webp|gif);base64,/);
    expect(html).not.toMatch(/url\(/);
    for (const a of document.querySelectorAll('a[href]')) expect(a.getAttribute('href')).toMatch(/^(#|https:\/\/(www\.youtube\.com|x\.com|www\.facebook\.com)\/)/);
  });

  it('keeps hostile names and comments as inert text', () => {
    expect(document.querySelectorAll('img[onerror], svg[onload], [onerror], [onload]')).toHaveLength(0);
    expect(document.querySelectorAll('script:not([type="application/json"])')).toHaveLength(0);
    const names = [...document.querySelectorAll('[data-f="name"]')].map((e) => e.textContent);
    expect(names).toContain(HOSTILE_NAME);
    const texts = [...document.querySelectorAll('[data-f="text"]')].map((e) => e.textContent);
    expect(texts).toContain(HOSTILE_TEXT);
    expect(texts).toContain('lone surrogate \uFFFD and NUL \uFFFD here');
    expect(texts).toContain('مرحبا بالجميع في هذا النقاش\r\nsecond line');
    // javascript: profile address shown as text, never a link
    expect(document.querySelector('[data-f="profile-text"]')?.textContent).toBe('javascript:alert(1)');
    expect(document.querySelector('a[href^="javascript"]')).toBeNull();
    expect(document.querySelector('[data-f="note"]')?.textContent).toBe('Analyst note <b>not bold</b>\nline two');
    expect(document.querySelector('.screenshot [data-f="title"]')?.textContent).toBe(HOSTILE_NAME);
    // the manifest cannot be closed early by page text
    const manifest = JSON.parse(document.getElementById('lens-manifest')!.textContent!);
    expect(manifest.items.length).toBeGreaterThan(10);
  });

  it('shows every account with picture (or says it was not kept), comments with both times and permalinks', () => {
    const accounts = input.accounts as PackAccount[];
    const sections = document.querySelectorAll('section.account');
    expect(sections).toHaveLength(accounts.length);
    expect(document.querySelectorAll('section.account img.avatar')).toHaveLength(accounts.filter((a) => a.avatar).length);
    expect([...document.querySelectorAll('.avatar-missing')].every((e) => e.textContent === 'picture not kept')).toBe(true);
    const first = accounts[0].comments[0];
    const text = [...document.querySelectorAll('[data-f="text"]')].find((e) => e.textContent === first.text)!.closest('li')!;
    expect(text.querySelector('[data-f="seen-at"]')?.textContent).toBe(first.seenAt);
    expect(text.querySelector('a[data-f="permalink"]')?.getAttribute('href')).toBe(`https://www.youtube.com/watch?v=${first.threadId}&lc=${first.commentId}`);
    expect(document.querySelectorAll('#clusters li[id^="cluster-"]')).toHaveLength(input.clusters.length);
    // reasons point to the clusters they rest on, each cluster written once
    const links = [...document.querySelectorAll('.reasons a[href^="#cluster-"]')].map((a) => a.getAttribute('href')!);
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) expect(document.querySelector(href)).not.toBeNull();
  });

  it('writes its methods from the code: every signal, its weights, the cut-offs and the model card rates', async () => {
    const methods = document.getElementById('methods')!.textContent!;
    for (const [name, spec] of Object.entries(SIGNALS)) {
      expect(methods).toContain(name);
      expect(methods).toContain(spec.label);
    }
    // every signal's row lists its weights (a row of '–' would say the signal weighs nothing)
    for (const row of document.querySelectorAll('#methods table.methods tbody tr')) {
      expect(row.querySelector('td:last-child code'), row.querySelector('th')!.textContent!).not.toBeNull();
    }
    expect(methods).toContain(`base ${WEIGHTS.nearDuplicate.base}`);
    expect(methods).toContain(`aiHigh ${WEIGHTS.avatar.aiHigh}`);
    expect(methods).toContain(`offTopicMinAccounts ${WEIGHTS.narrative.offTopicMinAccounts}`);
    expect(methods).toContain(`tiny ${WEIGHTS.coTravel.tiny}`);
    expect(methods).toContain(`high from 0.7`);
    expect(methods).toContain(detector.version);
    // the shipped model's own test-part rates (models/training/metrics-v3.json), FFHQ and LFW apart
    for (const family of ['FFHQ', 'LFW']) {
      const row = metrics.test.find((r: { group: string; variant: string }) => r.group === `family:${family}` && r.variant === 'clean');
      expect(methods).toContain(`real photos: ${family} (false positives)${row.n}${(row.mediumPlus * 100).toFixed(1)} %${(row.high * 100).toFixed(1)} %`);
    }
    const heldOut = metrics.holdouts[0].rows.find((r: { variant: string }) => r.variant === 'clean');
    expect(methods).toContain(`${heldOut.group.replace('held out: ', '')}`);
    // …and follows them when they change
    const changed = await evidencePackToString(
      packInput({ methods: { weights: { ...WEIGHTS, batchCreated: 0.123 }, thresholds: { medium: 0.5, high: 0.8 } }, model: modelFacts({ ...detector, version: '9.9.9' }, metrics) }),
    );
    expect(changed).toContain('weight 0.123');
    expect(changed).toContain('high</strong> from 0.8');
    expect(changed).toContain('Avatar model 9.9.9');
    const noRates = await evidencePackToString(packInput({ model: modelFacts(detector) }));
    expect(noRates).toContain('contains no measured error rates');
  });

  it('is generated one account per chunk, so a large case never needs one huge string', async () => {
    const accounts = Array.from({ length: 2_000 }, (_, n): PackAccount => {
      const r = rec({ threadId: 'big', text: `comment ${n} ${'x'.repeat(200)}`, author: { id: `big-${n}` } });
      return { verdict: { platform: 'youtube', accountId: `big-${n}`, displayName: `Account ${n}`, score: 0.5, level: 'medium', reasons: [{ signal: 'burst', weight: 0.4, detail: 'In a burst' }], comments: 1, threads: ['big'] }, comments: [r], avatar: { bytes: PNG } };
    });
    const chunks: string[] = [];
    for await (const chunk of generateEvidencePack(packInput({ accounts, accountCount: accounts.length, screenshots: [] }))) chunks.push(chunk);
    const accountChunks = chunks.filter((c) => c.startsWith('<section class="account"'));
    expect(accountChunks).toHaveLength(2_000);
    expect(Math.max(...accountChunks.map((c) => c.length))).toBeLessThan(16_000);
    expect(chunks.join('')).toContain('content-visibility:auto');
  });

  it('lens verify passes on the file and fails naming the changed item', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lens-pack-'));
    const file = join(dir, 'evidence.html');
    writeFileSync(file, html);
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) };
    expect(await main(['verify', file], io)).toBe(0);
    expect(out.join('\n')).toMatch(/^OK /);
    const target = (input.accounts as PackAccount[]).find((a) => a.verdict.accountId === 'f8')!.comments[0];
    writeFileSync(file, tamper(html, 'lone surrogate', 'lone surrogatf'));
    out.length = 0;
    expect(await main(['verify', file], io)).toBe(1);
    expect(out.join('\n')).toContain(`comment youtube:${target.commentId}: changed`);
    out.length = 0;
    expect(await main(['verify', join(dir, 'missing.html')], io)).toBe(1);
    expect(out.join('\n')).toContain('cannot read');
    expect(await main(['verify'], io)).toBe(2);
  });
});
