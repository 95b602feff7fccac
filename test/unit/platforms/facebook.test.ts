import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { facebookAuthorFromHref } from '../../../src/platforms/facebook/dom.ts';
import { inflateFacebookHiddenMarkup } from '../../../src/platforms/facebook/saved-page.ts';
import { facebookAdapter } from '../../../src/platforms/index.ts';
import { hasShared, REPO_ROOT, sharedPath } from '../../helpers/shared.ts';

const DIR = 'fixtures/pages/facebook';
const seenAt = '2026-11-29T08:00:00.000Z';
const loadShared = (name: string) => parseHTML(inflateFacebookHiddenMarkup(readFileSync(sharedPath(`${DIR}/${name}`), 'utf8'))).document;

describe.skipIf(!hasShared(DIR))('m.facebook.com post pages (real 2021 snapshots)', () => {
  const pages = [
    ['m_facebook_posts_4188053201279101_Nintendo_2021.html', 'https://m.facebook.com/Nintendo/posts/4188053201279101', '4188053201279101', 21],
    ['m_facebook_story_4191173794300375_Nintendo_2021.html', 'https://m.facebook.com/story.php?story_fbid=4191173794300375&id=119240841493711', '4191173794300375', 30],
  ] as const;

  it.each(pages)('%s: every comment with author name, profile URL, decoded avatar URL and text', (file, url, postId, count) => {
    const document = loadShared(file);
    const expectedIds = Array.from(document.querySelectorAll('[data-sigil="comment"]')).map((el) => el.getAttribute('id'));
    const { records, recognised } = facebookAdapter.recordsFromDocument(document, { url, seenAt });
    expect(recognised).toBe(true);
    expect(records).toHaveLength(count);
    expect(records.map((r) => r.commentId)).toEqual(expectedIds);
    for (const record of records) {
      expect(record.threadId).toBe(postId);
      expect(record.author.id).toBeTruthy();
      expect(record.author.displayName).toBeTruthy();
      expect(record.author.profileUrl).toMatch(/^https:\/\/www\.facebook\.com\/(profile\.php\?id=\d+|[A-Za-z0-9.\-_]+)$/);
      // Decoded from `background:url('https\3a //scontent…\3d …')`: no CSS escapes left, a real query string.
      expect(record.author.avatarUrl).toMatch(/^https:\/\/scontent\.[a-z0-9-]+\.fna\.fbcdn\.net\/v\/.+_[a-z]\.(jpg|png)\?.*oh=[0-9a-f]+&oe=[0-9A-F]+$/);
      expect(record.author.avatarUrl).not.toMatch(/\\|\s/);
      expect(record.text.length).toBeGreaterThan(0);
      expect(record.publishedText).toBeTruthy();
    }
    // Without a URL the post id comes from each comment's data-store token.
    const noUrl = facebookAdapter.recordsFromDocument(document, { url: '', seenAt }).records;
    expect(noUrl.every((r) => r.threadId === postId)).toBe(true);
  });

  it('first comment of the Nintendo/posts page, field by field', () => {
    const { records } = facebookAdapter.recordsFromDocument(loadShared(pages[0][0]), { url: pages[0][1], seenAt });
    expect(records[0]).toEqual({
      platform: 'facebook',
      threadId: '4188053201279101',
      commentId: '4192339034183851',
      author: {
        id: 'retrohouse.cr',
        handle: 'retrohouse.cr',
        displayName: 'Retro House',
        profileUrl: 'https://www.facebook.com/retrohouse.cr',
        avatarUrl:
          'https://scontent.fhlz2-1.fna.fbcdn.net/v/t1.6435-1/cp0/e15/q65/p111x111/162183865_214480270223328_2616441730946669491_n.jpg?_nc_cat=109&ccb=1-3&_nc_sid=dbb9e7&efg=eyJpIjoidCJ9&_nc_ohc=Az3Jgw8PbqoAX-yOhU8&tn=8omYOUODC-SvWcRg&_nc_ht=scontent.fhlz2-1.fna&tp=3&oh=c34570f5f54be149d5d63570c10a9dc4&oe=60E5C506',
      },
      text: 'We need metroid prime trilogy for Switch :)\nAnd a Kid Icarus Uprising port, such a great game',
      publishedText: 'on Thu',
      seenAt,
      source: 'dom',
    });
  });

  it('numeric profiles and the page author badge', () => {
    const { records } = facebookAdapter.recordsFromDocument(loadShared(pages[1][0]), { url: pages[1][1], seenAt });
    // The page's own comment has an "Author" badge inside its name link; the name is the link's own text.
    expect(records[0]!.author).toMatchObject({ id: 'Nintendo', displayName: 'Nintendo' });
    const numeric = records.filter((r) => /^\d+$/.test(r.author.id));
    expect(numeric.length).toBeGreaterThan(0);
    for (const record of numeric) expect(record.author.profileUrl).toBe(`https://www.facebook.com/profile.php?id=${record.author.id}`);
  });

  it('the saved page is not inflated: hidden markup is only read after inflateFacebookHiddenMarkup', () => {
    const raw = parseHTML(readFileSync(sharedPath(`${DIR}/${pages[0][0]}`), 'utf8')).document;
    expect(facebookAdapter.recordsFromDocument(raw, { url: pages[0][1], seenAt }).records).toHaveLength(0);
  });

  it('overlay anchors on the mobile markup', () => {
    const document = loadShared(pages[0][0]);
    expect(facebookAdapter.elementForComment(document, '4192339034183851')?.getAttribute('data-sigil')).toBe('comment');
    expect(facebookAdapter.authorAnchorForComment(document, '4192339034183851')?.textContent).toBe('Retro House');
  });
});

describe('www.facebook.com comments (HAND-WRITTEN fixture from dom.md: no real desktop comment DOM exists)', () => {
  const document = parseHTML(readFileSync(`${REPO_ROOT}/test/fixtures/facebook/desktop-post-comments.html`, 'utf8')).document;
  const { records, recognised } = facebookAdapter.recordsFromDocument(document, { url: '', seenAt });

  it('comment and reply blocks, not the post itself', () => {
    expect(recognised).toBe(true);
    expect(records.map((r) => [r.commentId, r.parentId])).toEqual([
      ['1000000000000001', undefined],
      ['1000000000000002', '1000000000000001'],
      ['1000000000000003', undefined],
    ]);
    expect(records.every((r) => r.threadId === 'pfbid02AbCdEfGhIjKlMnOpQrStUvWxYz123456789abcdefl')).toBe(true);
  });

  it('authors from vanity and profile.php links, SVG avatars, silhouette recognised, text with emoji', () => {
    expect(records[0]).toMatchObject({ author: { id: 'lena.fischer.5817', displayName: 'Lena Fischer' }, text: 'Finally! The old one never matched the train times.', publishedText: '2h' });
    expect(records[0]!.author.avatarUrl).toContain('/401234567_123456789012345_1234567890123456789_n.jpg?stp=cp0_dst-jpg_p32x32&');
    expect(records[1]).toMatchObject({ author: { id: '100012345678901', displayName: 'Max Mustermann', defaultAvatar: true }, text: 'Agreed 👍' });
    expect(records[2]).toMatchObject({ author: { id: 'ahmed.karimi.777' }, text: 'هذا خبر رائع\nGreat news!' });
  });

  it('overlay anchor is the author name link', () => {
    expect(facebookAdapter.authorAnchorForComment(document, '1000000000000002')?.textContent).toBe('Max Mustermann');
    expect(facebookAdapter.elementForComment(document, '1000000000000003')?.getAttribute('aria-label')).toBe('Comment by Ahmed Karimi 45 minutes ago');
  });
});

describe('facebookAuthorFromHref', () => {
  it.each([
    ['/retrohouse.cr?fref=nf&rc=p&__tn__=R', 'retrohouse.cr'],
    ['/profile.php?id=100009698417398&fref=nf', '100009698417398'],
    ['https://www.facebook.com/lena.fischer.5817?comment_id=1', 'lena.fischer.5817'],
    ['https://m.facebook.com/people/Some-Name/100012345678901/', '100012345678901'],
    ['/story.php?story_fbid=1', null],
    ['/Nintendo/posts/4188053201279101', null],
    ['https://evil.example/someone', null],
    ['/ufi/reaction/profile/browser/?ft_ent_identifier=1', null],
  ])('%s → %s', (href, id) => {
    expect(facebookAuthorFromHref(href)?.id ?? null).toBe(id);
  });
});
