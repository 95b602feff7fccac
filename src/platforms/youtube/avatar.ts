/** YouTube avatar URLs: https://yt3.ggpht.com/<token>=s88-c-k-c0x00ffffff-no-rj (also yt3.googleusercontent.com). */
import { isPlatformImageUrl } from '../image-hosts.ts';

function parse(url: string): URL | null {
  try {
    return new URL(url, 'https://yt3.ggpht.com/');
  } catch {
    return null;
  }
}

export function isYoutubeAvatarHost(url: string): boolean {
  return isPlatformImageUrl('youtube', url, 'https://yt3.ggpht.com/');
}

/** The image token without host and `=s88-…` rendering options: the same picture at any size. */
export function youtubeAvatarIdentity(url: string): string {
  const parsed = parse(url);
  if (!parsed) return `youtube:${url}`;
  const path = parsed.pathname.replace(/=[^/]*$/, '');
  return `youtube:${path}`;
}

/** The same picture at 256 px (options after the size kept: crop, background, no-rj). */
export function youtubeBestAvatarUrl(url: string): string {
  const parsed = parse(url);
  if (!parsed || !isYoutubeAvatarHost(url)) return url;
  const withSize = parsed.href.replace(/=s\d+(-[^/?#]*)?$/, (_m, rest: string | undefined) => `=s256${rest ?? '-c-k-c0x00ffffff-no-rj'}`);
  if (withSize !== parsed.href) return withSize;
  if (/=[^/]*$/.test(parsed.pathname)) return parsed.href;
  return `${parsed.href}=s256-c-k-c0x00ffffff-no-rj`;
}

/** `/a/default-user=…` is YouTube's "no picture" avatar (the letter avatars are real uploads-by-default and unknowable). */
export function isYoutubeDefaultAvatar(url: string): boolean {
  const parsed = parse(url);
  return !!parsed && /\/a\/default-user(=|$)/.test(parsed.pathname);
}
