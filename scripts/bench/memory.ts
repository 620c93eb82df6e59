import { readFileSync } from 'fs';
import { startBot } from '../../test/support/botProcess';
import { FakeConnector } from '../../test/support/fakeConnector';
import { createMus, lene, soeren } from '../../test/support/scenario';
import { TeamsClient, type Chat } from '../../test/support/teamsClient';
import { msSince } from './stats';

/** A process's resident memory, in MB (Linux). */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(/(\d+)/.exec(line)![1]) / 1024;
}

/**
 * Start-up: from spawning the app to the first answered message. Memory: the app's RSS once
 * `open` conversations have been created and are waiting for keywords (each sent its cards).
 */
export async function measureStartAndMemory(open: number): Promise<{ firstAnswerMs: number; rssMb: number; rssIdleMb: number }> {
  const connector = new FakeConnector([lene, soeren]);
  await connector.start();
  const start = process.hrtime.bigint();
  const bot = await startBot();
  try {
    const teams = new TeamsClient(bot.url, connector);
    const lenesChat: Chat = { id: connector.personalChatOf(lene), type: 'personal' };
    await teams.say(lene, lenesChat, 'hjælp');
    const firstAnswerMs = msSince(start);
    const rssIdleMb = rssMb(bot.pid);

    for (let i = 0; i < open; i += 20) {
      await Promise.all(Array.from({ length: Math.min(20, open - i) }, (_, k) => {
        const chat: Chat = { id: `19:open-${i + k}@thread.v2`, type: 'groupChat' };
        connector.addConversation(chat.id, [lene, soeren]);
        return createMus(teams, connector, '2030-03-14', chat);
      }));
      connector.posted.length = 0; // the fake keeps what it receives; the app's memory is what is measured
    }
    return { firstAnswerMs, rssMb: rssMb(bot.pid), rssIdleMb };
  } finally {
    await bot.stop();
    await connector.stop();
  }
}
