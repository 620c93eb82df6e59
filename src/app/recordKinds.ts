/**
 * Every kind of record the app stores, by the key prefix it is kept under, with what it holds and
 * how long it is kept. Every record source in the app is opened through this table (a test checks
 * that no prefix is written anywhere else), and README's table "What the bot stores, and for how
 * long" is checked against it word for word. The lifetimes are carried out by the retention sweep
 * (src/app/retentionService.ts), from the retention index, not by reading every record.
 */
export interface RecordKind {
  prefix: string;
  holds: string;
  kept: string;
}

export const recordKinds = {
  conversation: {
    prefix: 'conversation',
    holds: 'a conversation: date, kind, participants (ids and names), the questions, picks, notes, agreements, last plan\'s agreements and outcomes, where it was filed',
    kept: 'notes, picks, free-text values, the concept\'s own agreement fields and last plan\'s outcomes: `RETENTION_DAYS` after filing, or `ABANDONED_DAYS` after finishing when never filed (filing waiting or stopped); never finished: removed whole `ABANDONED_DAYS` after its planned date; a followed-up agreement: `RETENTION_DAYS` after its follow-up; the rest (date, kind, participants, open agreements): until every agreement is followed up and the next conversation with the same people is finished'
  },
  origin: { prefix: 'origin', holds: 'the card a conversation was created from (chat and message ids) and the conversation\'s id', kept: 'as long as its conversation' },
  participation: { prefix: 'participation', holds: 'who takes part in which conversation, and in which role (ids)', kept: 'as long as its conversation' },
  openWith: { prefix: 'open-with', holds: 'the newest open conversation between the same people (a hash of their ids, the conversation\'s id)', kept: 'until it is finished, or removed with its conversation' },
  latestFinished: { prefix: 'latest-finished', holds: 'the latest finished conversation between the same people (a hash of their ids, the conversation\'s id and date)', kept: 'as long as the conversation it names' },
  retentionDue: { prefix: 'retention-due', holds: 'the retention index: the local day the rules next change a conversation, and its id', kept: 'until that day\'s sweep' },
  retentionState: { prefix: 'retention-state', holds: 'the retention sweep\'s cursors and the rules the index was built with (no personal data)', kept: 'permanently' },
  reminder: { prefix: 'reminder', holds: 'a planned reminder: ids, dates, recipient ids and what became of each', kept: 'as long as its conversation' },
  reminderDue: { prefix: 'reminder-due', holds: 'the due index of reminders by local day (ids and times)', kept: 'until the reminder is delivered or no longer wanted' },
  reminderCursor: { prefix: 'reminder-cursor', holds: 'the oldest day that may hold undelivered reminders (no personal data)', kept: 'permanently' },
  reminderSent: { prefix: 'reminder-sent', holds: 'the idempotency key of a reminder sent to one person (ids and a time)', kept: 'as long as its conversation' },
  outbox: { prefix: 'outbox', holds: 'a finished plan waiting to be filed: attempts, next attempt, why the last failed', kept: 'until the plan is filed, the leader stops filing, or the plan\'s content goes' },
  booking: { prefix: 'booking', holds: 'a conversation booked as a Teams meeting: the event\'s id in the organiser\'s calendar, its join link and chat id, the start it was booked for, why the last attempt failed, whether the leader was told it was cancelled in Outlook (no names)', kept: 'until the conversation starts, or as long as its conversation if it never does' },
  audit: { prefix: 'audit', holds: 'who filed which plan where and when (ids, kind, time, the file\'s place, which names the employee)', kept: '`AUDIT_DAYS` after filing' },
  job: { prefix: 'job', holds: 'work still to do after someone was answered: the conversation\'s id, which cards (for a new conversation, where they go: chat addresses without names)', kept: 'until the work is done' },
  cardSent: { prefix: 'card-sent', holds: 'that one card of a conversation went to one person, and its message id (ids and a time)', kept: 'as long as its conversation' },
  sharedView: { prefix: 'shared-view', holds: 'a participant\'s own view of the shared card in the meeting chat: that they pick their keywords there, or the page of a long list they are on (ids, a number)', kept: 'as long as its conversation (picking: until they go back to the conversation\'s card)' },
  delivery: { prefix: 'delivery', holds: 'where a conversation\'s cards are in Teams: chat addresses and message ids, without names', kept: 'as long as its conversation' },
  person: { prefix: 'person', holds: 'a person\'s 1:1 chat with the bot: its address and language, without names', kept: 'until the person\'s last conversation is removed (written again when they write to the bot while they take part in one, or wait for a handover to be copied; nothing for anyone else)' },
  signIn: { prefix: 'signin', holds: 'delegated filing: that a leader signed in, and their Teams user id', kept: 'until the leader writes `log ud`, or their last conversation is removed' },
  secret: { prefix: 'secret', holds: 'the key that signs participants\' download links and HR\'s export links (32 random bytes)', kept: 'permanently' },
  coverage: {
    prefix: 'coverage',
    holds: 'a person\'s standing with the yearly conversation, for the HR overview: per conversation its kind, date, whether it was held and filed, and its agreements\' follow-up dates (ids and dates, no content)',
    kept: 'an entry goes at the record\'s next write once its conversation is 24 months old (the person\'s latest held one stays); the record goes with the person\'s last conversation'
  },
  keywordTally: {
    prefix: 'keyword-trends',
    holds: 'a leader\'s people\'s chosen keywords in one year, counted, and who was counted as hashes (LUS_KEYWORD_TRENDS)',
    kept: 'until the year is over'
  },
  coverageIndexState: { prefix: 'coverage-index', holds: 'that the coverage index was built from the stored conversations, when, and from how many (no personal data)', kept: 'permanently' },
  personnelFolder: { prefix: 'personnel-folder', holds: 'the folder chosen for an employee in the personnel archive or a leader\'s personnel files (the employee\'s name when first filed)', kept: 'permanently, like the folder in the personnel files it names' },
  handover: { prefix: 'handover', holds: 'an employee\'s filed plans on their way from one leader\'s OneDrive to the next one\'s (`overdrag`): ids and names of the employee and both leaders, who asked, the names of the files copied so far, attempts, why the last failed, when it was done', kept: '`waiting/…` until it is done; then `done/…` permanently, like the copies in the personnel files it names (written again by the next handover of the same employee from the same leader)' },
  personnelFolderName: { prefix: 'personnel-folder-name', holds: 'which employee a folder name in the personnel archive or a leader\'s personnel files belongs to (the key holds a hash of the name)', kept: 'permanently, like the folder' }
} as const satisfies Record<string, RecordKind>;
