import { describe, expect, it } from 'vitest';
import { facebookBestAvatarUrl } from '../../../src/platforms/facebook/avatar.ts';
import { avatarIdentity, bestAvatarUrl, isDefaultAvatar } from '../../../src/platforms/index.ts';

describe('YouTube avatars', () => {
  const s88 = 'https://yt3.ggpht.com/ytc/AIdro_n1Ribd7LwdP_qKtqWL3ZDfIgv9M1d6g78VwpHGXVR2Ir4=s88-c-k-c0x00ffffff-no-rj';
  it('identity ignores size, options and host', () => {
    const id = avatarIdentity('youtube', s88);
    expect(id).toBe('youtube:/ytc/AIdro_n1Ribd7LwdP_qKtqWL3ZDfIgv9M1d6g78VwpHGXVR2Ir4');
    expect(avatarIdentity('youtube', 'https://yt3.ggpht.com/ytc/AIdro_n1Ribd7LwdP_qKtqWL3ZDfIgv9M1d6g78VwpHGXVR2Ir4=s48-c-k-c0xffffffff-no-rj-mo')).toBe(id);
    expect(avatarIdentity('youtube', 'https://yt3.googleusercontent.com/ytc/AIdro_n1Ribd7LwdP_qKtqWL3ZDfIgv9M1d6g78VwpHGXVR2Ir4=s176-c-k-c0x00ffffff-no-rj')).toBe(id);
    expect(avatarIdentity('youtube', 'https://yt3.ggpht.com/other=s88-c-k')).not.toBe(id);
  });
  it('best size is s256 with the other options kept', () => {
    expect(bestAvatarUrl('youtube', s88)).toBe('https://yt3.ggpht.com/ytc/AIdro_n1Ribd7LwdP_qKtqWL3ZDfIgv9M1d6g78VwpHGXVR2Ir4=s256-c-k-c0x00ffffff-no-rj');
    expect(bestAvatarUrl('youtube', 'https://yt3.ggpht.com/abc=s48')).toBe('https://yt3.ggpht.com/abc=s256-c-k-c0x00ffffff-no-rj');
    expect(bestAvatarUrl('youtube', 'https://yt3.ggpht.com/abc')).toBe('https://yt3.ggpht.com/abc=s256-c-k-c0x00ffffff-no-rj');
    expect(bestAvatarUrl('youtube', 'https://example.org/abc=s48')).toBe('https://example.org/abc=s48');
  });
  it('default avatar is /a/default-user; ytc/ is not a default signal', () => {
    expect(isDefaultAvatar('youtube', 'https://yt3.ggpht.com/a/default-user=s88-c-k-c0x00ffffff-no-rj')).toBe(true);
    expect(isDefaultAvatar('youtube', s88)).toBe(false);
  });
});

describe('X avatars', () => {
  const normal = 'https://pbs.twimg.com/profile_images/1683501992314798080/xl1POYLw_normal.jpg';
  it('identity ignores the size suffix', () => {
    expect(avatarIdentity('x', normal)).toBe('x:1683501992314798080/xl1POYLw');
    for (const size of ['_bigger', '_x96', '_400x400', '_200x200', '_mini', '']) {
      expect(avatarIdentity('x', `https://pbs.twimg.com/profile_images/1683501992314798080/xl1POYLw${size}.jpg`)).toBe('x:1683501992314798080/xl1POYLw');
    }
    expect(avatarIdentity('x', 'https://pbs.twimg.com/profile_images/1683501992314798081/xl1POYLw_normal.jpg')).not.toBe('x:1683501992314798080/xl1POYLw');
  });
  it('best size is _400x400', () => {
    expect(bestAvatarUrl('x', normal)).toBe('https://pbs.twimg.com/profile_images/1683501992314798080/xl1POYLw_400x400.jpg');
    expect(bestAvatarUrl('x', 'https://pbs.twimg.com/profile_images/1/abc_x96.png')).toBe('https://pbs.twimg.com/profile_images/1/abc_400x400.png');
    expect(bestAvatarUrl('x', 'https://pbs.twimg.com/profile_images/1/abc.jpeg')).toBe('https://pbs.twimg.com/profile_images/1/abc_400x400.jpeg');
  });
  it('default_profile_images are default avatars with one shared identity', () => {
    const egg = 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png';
    expect(isDefaultAvatar('x', egg)).toBe(true);
    expect(isDefaultAvatar('x', normal)).toBe(false);
    expect(avatarIdentity('x', egg)).toBe(avatarIdentity('x', 'https://abs.twimg.com/sticky/default_profile_images/default_profile_400x400.png'));
    expect(bestAvatarUrl('x', egg)).toBe('https://abs.twimg.com/sticky/default_profile_images/default_profile_400x400.png');
  });
});

describe('Facebook avatars', () => {
  const a = 'https://scontent.fmuc2-1.fna.fbcdn.net/v/t39.30808-1/401234567_123456789012345_1234567890123456789_n.jpg?stp=cp0_dst-jpg_p40x40&_nc_cat=1&oh=00_AfAb&oe=65BC91F8';
  const b = 'https://scontent.xx.fbcdn.net/v/t39.30808-1/401234567_123456789012345_1234567890123456789_n.jpg?stp=dst-jpg_s160x160&_nc_cat=1&oh=00_Other&oe=66000000';
  it('identity is the file name: survives signature, expiry, size and CDN host changes', () => {
    expect(avatarIdentity('facebook', a)).toBe('facebook:401234567_123456789012345_1234567890123456789_n');
    expect(avatarIdentity('facebook', b)).toBe(avatarIdentity('facebook', a));
  });
  it('signed URLs are not rewritten; the largest URL seen for the picture wins', () => {
    expect(bestAvatarUrl('facebook', a)).toBe(a);
    expect(facebookBestAvatarUrl(a, [b, 'https://scontent.xx.fbcdn.net/v/t39.30808-1/other_n.jpg?stp=s999x999'])).toBe(b);
  });
  it('silhouettes (t1.30497-1) are default avatars', () => {
    expect(isDefaultAvatar('facebook', 'https://scontent.xx.fbcdn.net/v/t1.30497-1/84628273_176159830277856_972693363922829312_n.jpg?stp=c15&oh=x')).toBe(true);
    expect(isDefaultAvatar('facebook', a)).toBe(false);
  });
});
