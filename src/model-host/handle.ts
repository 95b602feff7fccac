import { ModelHostMessageSchema, parseMessage } from '../core/messages.ts';
import { selfTest } from './host.ts';
import { scoreAvatarBytes } from './score.ts';

export async function handleModelHostMessage(raw: unknown): Promise<unknown> {
  const parsed = parseMessage(ModelHostMessageSchema, raw);
  if (!parsed.ok) return { error: parsed.error };
  const message = parsed.value;
  switch (message.type) {
    case 'self-test':
      return selfTest();
    case 'score-avatars':
      return scoreAvatarBytes(message.items);
  }
}
