import { fork, type ChildProcess } from 'child_process';
import { cardOf, type TeamsUser } from '../../test/support/fakeConnector';
import type { ConnectorRequest } from './connectorProcess';
import { benchScript } from './programs';

/** The runner's handle on the fake Bot Connector running in its own process (connectorProcess.ts). */
export class RemoteConnector {
  private calls = 0;
  private readonly waiting = new Map<number, { resolve(result: any): void; reject(error: Error): void }>();

  private exited?: Error;

  private constructor(private readonly child: ChildProcess, readonly url: string) {
    child.on('message', (message: { id: number; result: unknown }) => {
      this.waiting.get(message.id)?.resolve(message.result);
      this.waiting.delete(message.id);
    });
    child.on('exit', (code, signal) => {
      this.exited = new Error(`the fake connector exited (${signal ?? `code ${code}`})`);
      for (const call of this.waiting.values()) call.reject(this.exited);
      this.waiting.clear();
    });
  }

  static async start(): Promise<RemoteConnector> {
    const child = fork(benchScript('connectorProcess'), [], { env: { PATH: process.env.PATH }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (message: { url: string }) => resolve(message.url));
      child.once('exit', (code) => reject(new Error(`the fake connector exited with ${code}`)));
    });
    child.removeAllListeners('exit');
    return new RemoteConnector(child, url);
  }

  get pid(): number {
    return this.child.pid!;
  }

  addUsers(users: TeamsUser[]): Promise<void> {
    return this.call({ op: 'addUsers', users });
  }

  addConversation(conversationId: string, members: TeamsUser[]): Promise<void> {
    return this.call({ op: 'addConversation', conversationId, members });
  }

  /** A user's activity in a chat, which the bot may then name (TeamsClient notes each it posts); not waited for. */
  noteIncoming(conversationId: string, activityId: string): void {
    if (!this.exited) this.child.send({ id: 0, request: { op: 'noteIncoming', conversationId, activityId } });
  }

  /** The first card the bot posted into a chat, and its activity id: what Teams shows there. */
  async firstCard(conversationId: string): Promise<{ id: string; card: any }> {
    const first = await this.call<{ activityId: string; activity?: Record<string, any> } | undefined>({ op: 'takeFirst', conversationId });
    if (!first) throw new Error(`the bot posted nothing into ${conversationId}`);
    return { id: first.activityId, card: cardOf(first.activity) };
  }

  stop(): void {
    this.child.removeAllListeners('exit');
    this.child.kill('SIGKILL');
  }

  private call<T = undefined>(request: ConnectorRequest): Promise<T> {
    if (this.exited) return Promise.reject(this.exited);
    const id = ++this.calls;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.send({ id, request });
    });
  }
}
