import { describe, expect, it } from 'vitest';
import { ContentMessageSchema, ModelHostMessageSchema, parseMessage, UiMessageSchema } from '../../../src/core/messages.ts';

const record = {
  platform: 'youtube',
  threadId: 'xaQJbozY_Is',
  commentId: 'UgzVpPPQm3DKsD3Gn2h4AaABAg',
  author: { id: 'UC123', handle: '@someone', displayName: '<img src=x onerror=alert(1)>' },
  text: 'hello',
  seenAt: '2026-11-29T08:00:00.000Z',
  source: 'json',
};

describe('content messages', () => {
  it('accepts a well-formed batch of records and keeps hostile text as plain data', () => {
    const parsed = parseMessage(ContentMessageSchema, { type: 'records', platform: 'youtube', threadId: 'xaQJbozY_Is', records: [record] });
    expect(parsed.ok).toBe(true);
    if (parsed.ok && parsed.value.type === 'records') expect(parsed.value.records[0].author.displayName).toBe('<img src=x onerror=alert(1)>');
  });

  it('rejects an unknown platform and says where', () => {
    const parsed = parseMessage(ContentMessageSchema, { type: 'records', platform: 'tiktok', threadId: 'a', records: [] });
    expect(parsed).toMatchObject({ ok: false });
    if (!parsed.ok) expect(parsed.error).toMatch(/platform/);
  });

  it('rejects records without an author id, oversized text and unknown message types', () => {
    const noAuthor = { ...record, author: { id: '' } };
    expect(parseMessage(ContentMessageSchema, { type: 'records', platform: 'youtube', threadId: 'a', records: [noAuthor] }).ok).toBe(false);
    const huge = { ...record, text: 'x'.repeat(20_001) };
    expect(parseMessage(ContentMessageSchema, { type: 'records', platform: 'youtube', threadId: 'a', records: [huge] }).ok).toBe(false);
    expect(parseMessage(ContentMessageSchema, { type: 'delete-all-data' }).ok).toBe(false);
    expect(parseMessage(ContentMessageSchema, null).ok).toBe(false);
  });

  it('caps the number of records in one message', () => {
    const records = Array.from({ length: 2_001 }, (_, i) => ({ ...record, commentId: `c${i}` }));
    expect(parseMessage(ContentMessageSchema, { type: 'records', platform: 'youtube', threadId: 'a', records }).ok).toBe(false);
  });
});

describe('UI and model-host messages', () => {
  it('accepts the export request shapes the popup sends', () => {
    expect(parseMessage(UiMessageSchema, { type: 'export', format: 'csv', scope: { kind: 'case' } }).ok).toBe(true);
    expect(
      parseMessage(UiMessageSchema, { type: 'export', format: 'gexf', scope: { kind: 'thread', platform: 'x', threadId: '1649191520250245121' } }).ok,
    ).toBe(true);
    expect(parseMessage(UiMessageSchema, { type: 'export', format: 'xlsx', scope: { kind: 'case' } }).ok).toBe(false);
  });

  it('only accepts model-host messages addressed to the model host', () => {
    expect(parseMessage(ModelHostMessageSchema, { target: 'model-host', type: 'self-test' }).ok).toBe(true);
    expect(parseMessage(ModelHostMessageSchema, { target: 'background', type: 'self-test' }).ok).toBe(false);
  });
});
