/**
 * The built-in demo (Node only): a real YouTube comment thread from ../shared/fixtures/pages with a
 * simulated amplifier campaign injected, served as if it came from www.youtube.com — the watch page, its
 * /youtubei/v1/next response and the avatar images on yt3.ggpht.com. Simulated amplifiers with an
 * AI-face trait get real AI-generated faces from ../shared/data/faces, everyone else real photos or
 * non-face avatars, so the on-device model does the scoring for real.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoCase } from '../core/simulate/index.ts';
import type { CommentRecord } from '../core/types.ts';
import { youtubeAdapter } from '../platforms/index.ts';
import { injectedFromRecords, injectIntoNextResponse } from './youtube-next.ts';
import { demoWatchPageHtml } from './youtube-page.ts';

export const DEMO_SNAPSHOT = 'fixtures/pages/youtube/yt_next_comments_page1_xaQJbozY_Is.json';
const GENERATED_FACES = ['data/faces/tpdne-headshotclassification/generated', 'data/faces/sdfd-gebaltso/generated'];
// ordinary (not FFHQ-aligned) portraits, as real profile pictures are: FFHQ photos share StyleGAN's eye layout
const REAL_FACES = ['data/faces/lfw-genderclassifier-baileyfriend/real', 'data/faces/utkface-facial_recognition_bias/real'];
const NON_FACE = ['data/avatars-nonface/rendered-initials-and-silhouettes', 'data/avatars-nonface/debian-plasma-avatars'];

export interface DemoReply {
  contentType: string;
  body: string | Buffer;
}

export interface DemoSite {
  url: string;
  videoId: string;
  /** every record of the demo thread (real and simulated) as the demo defines them */
  records: CommentRecord[];
  simulatedAccountIds: string[];
  /** handles as shown on the page ("@name") of the simulated accounts */
  simulatedHandles: string[];
  /** answers a request the demo serves, or null (everything else stays offline) */
  respond(url: string, method?: string): DemoReply | null;
}

export function demoAvailable(sharedRoot: string): boolean {
  return existsSync(join(sharedRoot, DEMO_SNAPSHOT)) && [...GENERATED_FACES, ...REAL_FACES].every((dir) => existsSync(join(sharedRoot, dir)));
}

function stableHash(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

/**
 * Files of ../shared the avatar model was not fitted on: the calibration and test parts of
 * models/training/split-v3.json (the demo must not show the model its own training pictures).
 */
function notTrainedOn(): (key: string) => boolean {
  const splitPath = join(dirname(fileURLToPath(import.meta.url)), '../../models/training/split-v3.json');
  if (!existsSync(splitPath)) return () => true;
  const { parts } = JSON.parse(readFileSync(splitPath, 'utf8')) as { parts: Record<string, string> };
  return (key) => parts[key] !== undefined && parts[key] !== 'train';
}

function imagesIn(sharedRoot: string, dirs: string[], keep: (key: string) => boolean): string[] {
  return dirs
    .filter((dir) => existsSync(join(sharedRoot, dir)))
    .flatMap((dir) =>
      readdirSync(join(sharedRoot, dir))
        .filter((f) => /\.(jpe?g|png)$/i.test(f) && keep(`${dir}/${f}`))
        .sort()
        .map((f) => join(sharedRoot, dir, f)),
    );
}

export function buildDemoSite(sharedRoot: string): DemoSite {
  if (!demoAvailable(sharedRoot)) {
    throw new Error(`the demo needs ../shared (looked for ${join(sharedRoot, DEMO_SNAPSHOT)} and the face folders); it is read from there, never copied`);
  }
  const snapshot = JSON.parse(readFileSync(join(sharedRoot, DEMO_SNAPSHOT), 'utf8'));
  const videoId = 'xaQJbozY_Is';
  const url = `https://www.youtube.com/watch?v=${videoId}`;
  const seenAt = new Date().toISOString();
  const real = youtubeAdapter.recordsFromJson(snapshot, { url, seenAt });
  const demo = buildDemoCase(real);
  const simulatedIds = new Set(demo.simulatedAccountIds);
  const simulated = demo.records.filter((r) => simulatedIds.has(r.author.id) && r.platform === 'youtube');
  // Spread the campaign through the thread the way it would arrive in "Newest first": mixed in, not appended.
  const injected = injectedFromRecords(simulated).map((comment, i) => ({ at: 1 + ((i * 7) % Math.max(1, real.length)), comment }));
  const response = injectIntoNextResponse(snapshot, injected);

  const aiPicture = new Set<string>();
  for (const [accountKey, score] of Object.entries(demo.avatarScores)) {
    if ((score.pGenerated ?? 0) >= 0.5) aiPicture.add(score.imageKey ?? accountKey);
  }
  const keep = notTrainedOn();
  const generated = imagesIn(sharedRoot, GENERATED_FACES, keep);
  const realFaces = imagesIn(sharedRoot, REAL_FACES, keep);
  const nonFace = imagesIn(sharedRoot, NON_FACE, keep);

  const avatarFor = (path: string): string => {
    const token = decodeURIComponent(path.replace(/^\//, '').replace(/=.*$/, ''));
    const h = stableHash(token);
    if (token.startsWith('sim/')) return aiPicture.has(token) ? generated[h % generated.length] : realFaces[h % realFaces.length];
    return h % 4 === 0 && nonFace.length ? nonFace[h % nonFace.length] : realFaces[h % realFaces.length];
  };

  const page = demoWatchPageHtml({
    videoId,
    title: 'Amplifier Lens demo thread',
    banner:
      'Built-in demo — a real YouTube comment thread (recorded 2026) with a SIMULATED amplifier campaign injected. Served locally; nothing here comes from youtube.com.',
  });

  return {
    url,
    videoId,
    records: [...real, ...simulated],
    simulatedAccountIds: [...simulatedIds],
    simulatedHandles: [...new Set(simulated.map((r) => r.author.handle ?? ''))],
    respond(requestUrl, method = 'GET') {
      let parsed: URL;
      try {
        parsed = new URL(requestUrl);
      } catch {
        return null;
      }
      const forThisVideo = parsed.searchParams.get('v') === videoId;
      if (parsed.hostname === 'www.youtube.com' && parsed.pathname === '/watch' && forThisVideo) return { contentType: 'text/html; charset=utf-8', body: page };
      if (parsed.hostname === 'www.youtube.com' && parsed.pathname === '/youtubei/v1/next' && method === 'POST' && forThisVideo) {
        return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(response) };
      }
      if (parsed.hostname === 'yt3.ggpht.com' || parsed.hostname === 'yt3.googleusercontent.com') {
        const file = avatarFor(parsed.pathname);
        return { contentType: file.endsWith('.png') ? 'image/png' : 'image/jpeg', body: readFileSync(file) };
      }
      return null;
    },
  };
}
