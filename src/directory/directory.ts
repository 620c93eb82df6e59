import type { Person } from '../domain/conversation';

/** Who reports to a leader, as the organisation's directory knows it. */
export interface Directory {
  /** Undefined when the directory cannot be asked (not configured, or not permitted). */
  directReports(leaderId: string): Promise<Person[] | undefined>;
}

/** Without a directory the overview lists the people the leader has held conversations with. */
export const noDirectory: Directory = { directReports: async () => undefined };
