/**
 * X SearchTimeline (real 2026 response, new user schema; the old schema derived from it), and the real
 * TweetDetail of @XDevelopers 1649191520250245121 in the pre-2025-05 user schema, read exactly.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectPage, xAdapter } from '../../../src/platforms/index.ts';
import { hasShared, sharedPath } from '../../helpers/shared.ts';

const DIR = 'fixtures/pages/twitter';
const seenAt = '2026-11-30T08:00:00.000Z';
const load = (name: string): Record<string, any> => JSON.parse(readFileSync(sharedPath(`${DIR}/${name}`), 'utf8'));
const SEARCH = 'x_graphql_SearchTimeline_newschema_2026-07.json';
const SEARCH_URL = 'https://x.com/search?q=Tesla&src=typed_query&f=live';

// [tweet id, author id, handle, name, created]
const RESULTS: [string, string, string, string, string][] = [
  ['2074976613713031490', '20472409', 'piloly', 'Roland Pircher', '2026-07-08T21:59:10.000Z'],
  ['2074974895750951259', '153515242', 'EstherRebers', 'Esther Rebers', '2026-07-08T21:52:20.000Z'],
  ['2074968793441591473', '1494873435863977985', 'niccruzpatane', 'Nic Cruz Patane', '2026-07-08T21:28:06.000Z'],
  ['2074968589820739994', '1016059981907386368', 'teslaownersSV', 'Tesla Owners Silicon Valley', '2026-07-08T21:27:17.000Z'],
  ['2074967301221396711', '98238432', 'Brand0n', 'Brandon', '2026-07-08T21:22:10.000Z'],
  ['2074964027764363573', '937469034861228032', 'DennisCW_', 'DennisCW | wen cybercab', '2026-07-08T21:09:09.000Z'],
  ['2074963597222977690', '18822926', 'vegastarr', 'vegastar', '2026-07-08T21:07:27.000Z'],
  ['2074963269429661921', '1115375020782436353', 'teslascope', 'Teslascope', '2026-07-08T21:06:09.000Z'],
  ['2074960554146267459', '1288973134339739648', 'JoeTegtmeyer', 'Joe Tegtmeyer 🚀 🤠🛸😎', '2026-07-08T20:55:21.000Z'],
  ['2074958156459868660', '1536794819988799495', 'TeslaBarbarian', 'Tesla Barbarian', '2026-07-08T20:45:50.000Z'],
  ['2074955725571559685', '1118594454515003393', 'DirtyTesLa', 'Dirty Tesla', '2026-07-08T20:36:10.000Z'],
  ['2074955486441492823', '44196397', 'elonmusk', 'Elon Musk', '2026-07-08T20:35:13.000Z'],
  ['2074955188138635286', '1169348503975317504', 'DriveTeslaca', 'Drive Tesla 🇨🇦', '2026-07-08T20:34:02.000Z'],
  ['2074954293514309854', '352777551', 'LoganJastremski', 'Logan Jastremski', '2026-07-08T20:30:29.000Z'],
  ['2074953952550863143', '1355721251180961792', 'GuntherEagleman', 'Gunther Eagleman™', '2026-07-08T20:29:07.000Z'],
  ['2074953500061053347', '43278897', 'rajuvamsi007', 'Vekay', '2026-07-08T20:27:19.000Z'],
  ['2074953114466033994', '1494873435863977985', 'niccruzpatane', 'Nic Cruz Patane', '2026-07-08T20:25:47.000Z'],
  ['2074952565641695738', '1118594454515003393', 'DirtyTesLa', 'Dirty Tesla', '2026-07-08T20:23:37.000Z'],
  ['2074952020008591722', '3242789936', 'DavidMoss', 'David Moss', '2026-07-08T20:21:26.000Z'],
  ['2074951212344992233', '140668859', 'greentheonly', 'green', '2026-07-08T20:18:14.000Z'],
];

/** Ids of the tweets quoted by results (they sit under `quoted_status_result`). */
function quotedIds(json: unknown): string[] {
  const ids: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'quoted_status_result') ids.push((child as any).result?.rest_id ?? (child as any).result?.tweet?.rest_id);
        walk(child);
      }
    }
  };
  walk(json);
  return ids.filter(Boolean);
}

/** The same users in the pre-2025-05 schema: name, handle, creation date and picture under `legacy`. */
function toOldUserSchema(json: unknown): void {
  const walk = (value: any) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      if (value.__typename === 'User' && typeof value.core?.screen_name === 'string') {
        value.legacy = Object.assign(value.legacy ?? {}, { name: value.core.name, screen_name: value.core.screen_name, created_at: value.core.created_at, profile_image_url_https: value.avatar?.image_url });
        delete value.core;
        delete value.avatar;
      }
      Object.values(value).forEach(walk);
    }
  };
  walk(json);
}

describe.skipIf(!hasShared(DIR))('X SearchTimeline and old-schema TweetDetail (real responses)', () => {
  it('a search page is one "search" thread keyed by the query', () => {
    expect(detectPage(SEARCH_URL)?.threadId).toBe('search:Tesla');
    expect(detectPage('https://x.com/search?q=%23Hashtag%20campaign&f=live')?.threadId).toBe('search:#Hashtag campaign');
    expect(detectPage('https://x.com/search')?.threadId).toBeNull();
    expect(detectPage('https://x.com/SomeUser/with_replies')?.threadId).toBe('replies:someuser');
    expect(detectPage('https://x.com/home')?.threadId).toBeNull();
  });

  it('20 results with ids, authors, names and times; quoted tweets are not results', () => {
    const json = load(SEARCH);
    const { records, found, warning } = xAdapter.readJson(json, { url: SEARCH_URL, seenAt });
    expect(found).toBe(20);
    expect(warning).toBeUndefined();
    expect(records.map((r) => [r.commentId, r.author.id, r.author.handle, r.author.displayName, r.publishedAt])).toEqual(RESULTS);
    for (const record of records) {
      expect(record).toMatchObject({ platform: 'x', threadId: 'search:Tesla', source: 'json', seenAt });
      expect(record.author.createdAt).toMatch(/^20\d\d-\d\d-\d\dT/);
      expect(record.author.avatarUrl).toMatch(/^https:\/\/pbs\.twimg\.com\/profile_images\//);
    }
    const quoted = quotedIds(json);
    expect(quoted).toHaveLength(5);
    for (const id of quoted) expect(records.some((r) => r.commentId === id)).toBe(false);
    // The quoting tweet keeps its own text only.
    const quoting = records.find((r) => r.commentId === '2074955486441492823')!;
    expect(quoting.text).toMatch(/^Grok groks engineering\./);
  });

  it('a saved search response without its page URL still makes one search thread', () => {
    const records = xAdapter.recordsFromJson(load(SEARCH), { url: '', seenAt });
    expect(records).toHaveLength(20);
    expect(new Set(records.map((r) => r.threadId))).toEqual(new Set(['search:(query not recorded)']));
  });

  it('the same search in the old user schema gives the same records', () => {
    const json = load(SEARCH);
    toOldUserSchema(json);
    expect(JSON.stringify(json).includes('"avatar":{"image_url"')).toBe(false);
    expect(xAdapter.recordsFromJson(json, { url: SEARCH_URL, seenAt })).toEqual(xAdapter.recordsFromJson(load(SEARCH), { url: SEARCH_URL, seenAt }));
  });

  it('a profile’s replies tab (UserTweetsAndReplies; the same entries re-wrapped) is the "replies:<handle>" thread', () => {
    const instructions = load(SEARCH).data.search_by_raw_query.search_timeline.timeline.instructions;
    const profile = { data: { user: { result: { __typename: 'User', timeline_v2: { timeline: { instructions } } } } } };
    const onPage = xAdapter.recordsFromJson(profile, { url: 'https://x.com/DirtyTesLa/with_replies', seenAt });
    expect(onPage).toHaveLength(20);
    expect(new Set(onPage.map((r) => r.threadId))).toEqual(new Set(['replies:dirtytesla']));
    expect(new Set(xAdapter.recordsFromJson(profile, { url: '', seenAt }).map((r) => r.threadId))).toEqual(new Set(['replies:(profile not recorded)']));
  });

  it('old-schema TweetDetail (2025-03): 11 tweets of the same thread as the new-schema recording', () => {
    const { records, found } = xAdapter.readJson(load('x_graphql_TweetDetail_1649191520250245121_oldschema_2025-03.json'), { url: '', seenAt });
    expect(found).toBe(11);
    expect(records.map((r) => [r.commentId, r.author.handle, r.parentId ?? null])).toEqual([
      ['1649191520250245121', 'XDevelopers', null],
      ['1649191521323995138', 'XDevelopers', '1649191520250245121'],
      ['1649191522485817345', 'XDevelopers', '1649191521323995138'],
      ['1649191523697979392', 'XDevelopers', '1649191522485817345'],
      ['1667373163150278657', 'therealmck3nzie', '1649191520250245121'],
      ['1649294040985157633', 'charlesr1971', '1649191520250245121'],
      ['1649294965783109640', 'charlesr1971', '1649191520250245121'],
      ['1685683951480795136', 'directorblue', '1649191520250245121'],
      ['1740593424510665158', 'HexMeridius369', '1649191520250245121'],
      ['1689925489043894273', 'st_lindner', '1649191520250245121'],
      ['1650582904844480512', 'BirdflowIO', '1649191520250245121'],
    ]);
    expect(records.every((r) => r.threadId === '1649191520250245121')).toBe(true);
    expect(records[0]).toMatchObject({ author: { id: '2244994945', displayName: 'Developers', createdAt: '2013-12-14T04:35:55.000Z' }, publishedAt: '2023-04-20T23:21:13.000Z' });
    expect(records[5]).toMatchObject({ author: { id: '67291463', displayName: 'Mr Kodama 🇺🇦🇬🇧🇺🇸', createdAt: '2009-08-20T11:37:23.000Z' } });
    // Tweets present in both recordings name the same author the same way in both schemas.
    const newer = new Map(xAdapter.recordsFromJson(load('x_graphql_TweetDetail_1649191520250245121.json'), { url: '', seenAt }).map((r) => [r.commentId, r]));
    const shared = records.filter((r) => newer.has(r.commentId));
    expect(shared.length).toBeGreaterThanOrEqual(5);
    for (const record of shared) {
      const other = newer.get(record.commentId)!;
      expect([record.author.id, record.author.handle, record.author.createdAt, record.text]).toEqual([other.author.id, other.author.handle, other.author.createdAt, other.text]);
    }
  });
});
