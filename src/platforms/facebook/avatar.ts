/**
 * Facebook avatar URLs: https://scontent.<pop>.fna.fbcdn.net/v/t39.30808-1/<a>_<b>_<c>_n.jpg?stp=…&oh=…&oe=…
 * The query is a signature with an expiry, so the same picture gets many URLs and cannot be resized by
 * editing it (the signature breaks). The filename is the image identity.
 */
import { isPlatformImageUrl } from '../image-hosts.ts';

// Silhouette / default pictures. t1.30497-1 is the category Facebook serves its default avatars from;
// the 453178253_… file was seen as a silhouette in 2024 dumps (unverified, see dom.md).
const DEFAULT_FILE_IDS = ['84628273_176159830277856_972693363922829312', '453178253_471506465671661_2781666950760530985'];

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function isFacebookAvatarHost(url: string): boolean {
  return isPlatformImageUrl('facebook', url);
}

export function facebookAvatarIdentity(url: string): string {
  const parsed = parse(url);
  if (!parsed) return `facebook:${url}`;
  const file = parsed.pathname.split('/').pop() ?? '';
  return `facebook:${file.replace(/\.[A-Za-z0-9]+$/, '') || parsed.pathname}`;
}

export function isFacebookDefaultAvatar(url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  return parsed.pathname.includes('/t1.30497-1/') || DEFAULT_FILE_IDS.some((id) => parsed.pathname.includes(id));
}

/** Pixel size a URL asks for (p40x40, s40x40, ctp=s40x40, /p111x111/), 0 when it says nothing. */
export function facebookAvatarSize(url: string): number {
  const match = /[ps](\d{2,4})x(\d{2,4})/.exec(url);
  return match ? Number.parseInt(match[1]!, 10) : 0;
}

/**
 * Signed URLs cannot be resized, so the best size is the largest URL actually seen for the picture.
 * With one URL that is the URL itself.
 */
export function facebookBestAvatarUrl(url: string, alternatives: readonly string[] = []): string {
  const identity = facebookAvatarIdentity(url);
  let best = url;
  for (const candidate of alternatives) {
    if (facebookAvatarIdentity(candidate) === identity && facebookAvatarSize(candidate) > facebookAvatarSize(best)) best = candidate;
  }
  return best;
}
