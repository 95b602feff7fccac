/**
 * The case: every comment, thread, label, note and avatar result the journalist has gathered, kept in
 * IndexedDB (through idb) so it survives the service worker being stopped and the browser restarting.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { AvatarScore, CommentRecord, Platform } from '../core/types.ts';
import type { ThreadRow } from '../core/views.ts';

export type { ThreadRow };

export interface AccountNoteRow {
  key: string; // `${platform}:${accountId}`
  platform: Platform;
  accountId: string;
  label?: 'confirmed' | 'dismissed';
  note?: string;
  updatedAt: string;
}

interface CommentRow extends CommentRecord {
  key: string; // `${platform}:${commentId}`
  threadKey: string;
}

interface AvatarRow extends AvatarScore {
  scoredAt: string;
}

interface LensDb extends DBSchema {
  comments: { key: string; value: CommentRow; indexes: { byThread: string; bySeenAt: string } };
  threads: { key: string; value: ThreadRow };
  accountNotes: { key: string; value: AccountNoteRow };
  avatars: { key: string; value: AvatarRow };
}

export const threadKey = (platform: Platform, threadId: string) => `${platform}:${threadId}`;
export const accountKey = (platform: Platform, accountId: string) => `${platform}:${accountId}`;

export class CaseStore {
  private db: Promise<IDBPDatabase<LensDb>>;

  constructor(name = 'amplifier-lens') {
    this.db = openDB<LensDb>(name, 1, {
      upgrade(db) {
        const comments = db.createObjectStore('comments', { keyPath: 'key' });
        comments.createIndex('byThread', 'threadKey');
        comments.createIndex('bySeenAt', 'seenAt');
        db.createObjectStore('threads', { keyPath: 'key' });
        db.createObjectStore('accountNotes', { keyPath: 'key' });
        db.createObjectStore('avatars', { keyPath: 'imageKey' });
      },
    });
  }

  async putComments(records: CommentRecord[]): Promise<void> {
    if (records.length === 0) return;
    const tx = (await this.db).transaction('comments', 'readwrite');
    await Promise.all([
      ...records.map((r) =>
        tx.store.put({ ...r, key: `${r.platform}:${r.commentId}`, threadKey: threadKey(r.platform, r.threadId) }),
      ),
      tx.done,
    ]);
  }

  async allComments(): Promise<CommentRecord[]> {
    return (await (await this.db).getAll('comments')).map(stripRow);
  }

  async threadComments(platform: Platform, threadId: string): Promise<CommentRecord[]> {
    const rows = await (await this.db).getAllFromIndex('comments', 'byThread', threadKey(platform, threadId));
    return rows.map(stripRow);
  }

  async touchThread(platform: Platform, threadId: string, url: string, now: string): Promise<void> {
    const db = await this.db;
    const key = threadKey(platform, threadId);
    const existing = await db.get('threads', key);
    await db.put('threads', { key, platform, threadId, url, firstSeen: existing?.firstSeen ?? now, lastSeen: now });
  }

  async threads(): Promise<ThreadRow[]> {
    return (await this.db).getAll('threads');
  }

  async accountNotes(): Promise<AccountNoteRow[]> {
    return (await this.db).getAll('accountNotes');
  }

  async updateAccountNote(platform: Platform, accountId: string, change: Partial<Pick<AccountNoteRow, 'label' | 'note'>>, now: string) {
    const db = await this.db;
    const key = accountKey(platform, accountId);
    const existing = await db.get('accountNotes', key);
    const row: AccountNoteRow = { ...(existing ?? { key, platform, accountId }), ...change, updatedAt: now };
    if (row.label === undefined) delete row.label;
    await db.put('accountNotes', row);
  }

  async avatar(imageKey: string): Promise<AvatarScore | undefined> {
    return (await this.db).get('avatars', imageKey);
  }

  async putAvatars(scores: AvatarScore[], now: string): Promise<void> {
    const tx = (await this.db).transaction('avatars', 'readwrite');
    await Promise.all([...scores.map((s) => tx.store.put({ ...s, scoredAt: now })), tx.done]);
  }

  async allAvatars(): Promise<AvatarScore[]> {
    return (await this.db).getAll('avatars');
  }

  /**
   * Retention: deletes comments seen before the cut-off, threads not visited since, avatar results
   * scored before it (their keys identify commenters) and notes last changed before it; returns how
   * many comments went.
   */
  async expire(before: string): Promise<number> {
    const db = await this.db;
    const tx = db.transaction(['comments', 'threads', 'avatars', 'accountNotes'], 'readwrite');
    let removed = 0;
    let cursor = await tx.objectStore('comments').index('bySeenAt').openCursor(IDBKeyRange.upperBound(before, true));
    while (cursor) {
      removed++;
      await cursor.delete();
      cursor = await cursor.continue();
    }
    for (const thread of await tx.objectStore('threads').getAll()) {
      if (thread.lastSeen < before) await tx.objectStore('threads').delete(thread.key);
    }
    for (const avatar of await tx.objectStore('avatars').getAll()) {
      if (!(avatar.scoredAt >= before)) await tx.objectStore('avatars').delete(avatar.imageKey);
    }
    for (const note of await tx.objectStore('accountNotes').getAll()) {
      if (!(note.updatedAt >= before)) await tx.objectStore('accountNotes').delete(note.key);
    }
    await tx.done;
    return removed;
  }

  async clear(): Promise<void> {
    const db = await this.db;
    await Promise.all((['comments', 'threads', 'accountNotes', 'avatars'] as const).map((s) => db.clear(s)));
  }
}

function stripRow(row: CommentRow): CommentRecord {
  const { key: _key, threadKey: _threadKey, ...record } = row;
  return record;
}
