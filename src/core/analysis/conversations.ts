/** Conversations named by numbers, for the narrative index (replies to one another share words by nature). */
import type { CommentRecord } from '../types.ts';
import { commentKeyOf, type PreparedComment } from '../signals/prepare.ts';
import { withRoomFor } from '../typed-arrays.ts';

/** numbers naming the conversations of parents not seen yet start here (above any comment's number) */
const UNSEEN_PARENTS = 1 << 30;

/**
 * A comment's conversation is its own for a top-level comment, its parent's for a reply: the same
 * conversations as naming each by the key of that comment, without hashing a key per comment. A
 * comment's own number is its comment number, or the number a reply gave it before it arrived.
 */
export class ConversationNames {
  /** by comment number: the number naming the conversation it starts */
  private names = new Int32Array(1024);
  /** parents that replies named before they arrived, with the number given to their conversation */
  private unseenParents = new Map<string, number>();
  private unseenNamed = 0;

  /** The number naming a new (numbered) comment's conversation; `comments`: the comments already added, by key. */
  of(record: CommentRecord, added: PreparedComment, comments: ReadonlyMap<string, PreparedComment>): number {
    const no = added.no!;
    let own = no;
    if (this.unseenParents.size > 0) {
      const given = this.unseenParents.get(added.key);
      if (given !== undefined) {
        own = given;
        this.unseenParents.delete(added.key);
      }
    }
    this.names = withRoomFor(this.names, no);
    this.names[no] = own;
    if (record.parentId == null) return own;
    const parentKey = commentKeyOf({ platform: record.platform, commentId: record.parentId });
    const parent = comments.get(parentKey);
    if (parent) return this.names[parent.no!];
    let given = this.unseenParents.get(parentKey);
    if (given === undefined) this.unseenParents.set(parentKey, (given = UNSEEN_PARENTS + this.unseenNamed++));
    return given;
  }
}
