import { mkdirSync, promises as fs } from 'fs';
import { dirname, join } from 'path';
import { ConversationService, conversationRecords } from '../../src/app/conversationService';
import { CoverageIndex } from '../../src/app/coverageIndex';
import { recordKinds } from '../../src/app/recordKinds';
import { INDEXED, retentionStores } from '../../src/app/retentionIndex';
import { ReminderService, reminderStores } from '../../src/app/reminderService';
import { loadConcepts } from '../../src/concepts';
import type { DevelopmentConversation, Person } from '../../src/domain/conversation';
import { apply, createConversation, type Command } from '../../src/domain/operations';
import { defaultRetention, retentionStep } from '../../src/domain/retention';
import { conceptsFolder } from '../../src/paths';
import { EncryptedStore } from '../../src/storage/encryptedStore';
import { encodeKey } from '../../src/storage/keyNames';
import { LocalKeyFile } from '../../src/storage/keyWrapping';
import { recordSource } from '../../src/storage/versionedStore';
import { MemoryStorage } from '../../test/support/memoryStorage';
import { TENANT } from '../../test/support/teamsClient';
import { forEachLimited } from './traffic';

/**
 * A data folder as the app leaves it after years of use, written by the app's own code (the
 * encrypting store under the folder's storage key, the conversation service's retention index,
 * the reminder scheduler, the coverage index build, the domain's operations) rather than by
 * driving that many turns. It is built in memory and then written out in FileStorage's layout (a
 * JSON file per key, folders by key segment) without FileStorage's fsyncs, which would make
 * seeding 100,000 conversations take many minutes and change nothing the app reads. "Today" is Thursday 1 April 2027 in Copenhagen:
 * - `due` conversations were filed 30 days ago and still hold their notes: the retention index has
 *   them due today;
 * - `due` others have an agreement to follow up today: as many reminders due at 09:00, each to the
 *   responsible employee and the leader, whose 1:1 chats the app knows;
 * - of the rest, filed and swept in earlier years, every tenth is its people's latest, with one open
 *   agreement due in the next two years (its reminders fill the index on days to come); the others
 *   were followed up and succeeded by a newer conversation, so nothing is left to remind of.
 */
export const TODAY = '2027-04-01';
/** 07:00 that day, before the 09:00 reminders, when they were scheduled; and 10:00, when the app's clock starts. */
const SCHEDULED_AT = new Date('2027-04-01T05:00:00Z');
export const IN_WORKING_HOURS = '2027-04-01T08:00:00Z';

/** Where the retention index keeps today's entries: background.ts moves it aside and back. */
export const RETENTION_DUE_TODAY = `${recordKinds.retentionDue.prefix}/${TODAY}`;
export const REMINDERS_DUE_TODAY = `${recordKinds.reminderDue.prefix}/${TODAY}`;

export interface SeededStore {
  dataDir: string;
  stored: number;
  due: number;
  /** The conversations the retention sweep should redact. */
  retentionDue: string[];
}

const quiet = { info() {}, warn() {}, error() {} };
/** The app's default reminder settings (REMINDER_DAYS_BEFORE, REMINDER_HOUR, ANNUAL_NOTICE_DAYS, WORKING_HOURS_*). */
const policy = { daysBefore: 5, hour: 9, annualNoticeDays: 30, hours: { timeZone: 'Europe/Copenhagen', from: 8, until: 16 } };

const person = (group: number, n: number, role: string): Person => ({ id: `00000000-0000-0000-000${group}-${String(n).padStart(12, '0')}`, name: `${role} ${n}` });
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A MUS as the domain's own rules make it: both picked, a note on all nine questions, `agreements` agreements, finished. */
function heldMus(agreements: number): DevelopmentConversation {
  const concept = loadConcepts(conceptsFolder).get('albertslund')!;
  const [leader, employee] = [person(1, 0, 'Leder'), person(2, 0, 'Medarbejder')];
  const created = createConversation({ id: 'template', kind: 'MUS', concept, tenantId: TENANT, leader, employees: [employee], date: TODAY, format: 'table', questionTexts: {} }, TODAY, SCHEDULED_AT.toISOString());
  if (!created.ok) throw new Error(created.error.code);
  let ids = 0;
  let c = created.value;
  const act = (actorId: string, command: Command) => {
    const result = apply(c, command, { actorId, today: TODAY, now: SCHEDULED_AT.toISOString(), newId: () => `a${++ids}` });
    if (!result.ok) throw new Error(result.error.code);
    c = result.value.conversation;
  };
  act(leader.id, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Planlægning'] });
  act(employee.id, { type: 'pickKeywords', keywords: ['Feedback', 'Nærvær', 'Økonomi'] });
  act(leader.id, { type: 'start' });
  const note = 'Trives i teamet og med borgerkontakten, men oplever travlhed op til årsskiftet. Savner faglig sparring og vil gerne have mere ansvar for planlægningen af vagtplanen.';
  for (const step of [1, 2, 3, 5, 6, 7, 9, 10, 11]) {
    act(leader.id, { type: 'goToStep', step });
    act(employee.id, { type: 'saveStep', atStep: step, move: 'stay', note: { text: note, base: '' } });
  }
  for (let n = 0; n < agreements; n++) {
    act(leader.id, { type: 'saveAgreement', agreement: { perspectiveId: ['adfaerd', 'struktur', 'opgaver'][n % 3], what: `Aftale ${n + 1}: deltager i kurset "Den svære samtale" og deler det med teamet`, when: 'Inden sommerferien', responsibleId: employee.id, followUpDate: '2027-06-01', valueFor: ['person', 'citizens'], value: 'Tryggere samtaler med borgerne og bedre trivsel i teamet' } });
  }
  act(leader.id, { type: 'finish' });
  return c;
}

/** The template given its own people, date, filing and follow-up date. */
function variant(template: DevelopmentConversation, i: number, date: string, followUpDate: string): DevelopmentConversation {
  const leader = person(1, Math.floor(i / 10), 'Leder');
  const employee = person(2, i, 'Medarbejder');
  const at = `${date}T10:00:00.000Z`;
  return {
    ...template,
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    date,
    participants: [{ ...leader, role: 'leader' }, { ...employee, role: 'employee' }],
    picks: Object.keys(template.picks).length ? { [leader.id]: ['Mod', 'Ansvar', 'Planlægning'], [employee.id]: ['Feedback', 'Nærvær', 'Økonomi'] } : {},
    agreements: template.agreements.map((a) => ({ ...a, responsibleId: employee.id, followUpDate })),
    createdAt: at,
    startedAt: at,
    finishedAt: at,
    filing: { location: `${leader.name}/Personalemapper/${employee.name}`, filedAt: at }
  };
}

interface Templates {
  held: DevelopmentConversation;
  swept: DevelopmentConversation;
  archived: DevelopmentConversation;
}

/** The `i`th stored conversation (see the top of this file for who is who). */
function conversationAt(i: number, due: number, templates: Templates): DevelopmentConversation {
  if (i < due) return variant(templates.held, i, addDays(TODAY, -defaultRetention.days), '2027-06-01');
  if (i < 2 * due) return variant(templates.swept, i, addDays(TODAY, -182), TODAY);
  // Followed up from a month out, so no early reminder falls due today.
  if (i % 10 === 0) return variant(templates.swept, i, addDays(TODAY, -2 - (i % 299)), addDays(TODAY, 30 + (i % 700)));
  return variant(templates.archived, i, addDays(TODAY, -400 - (i % 2000)), '');
}

/** Every record of a store in memory written out as FileStorage keeps it. */
async function writeOut(store: MemoryStorage, folder: string): Promise<void> {
  const keys = await store.list('');
  const folders = new Set(keys.map((key) => dirname(join(folder, ...encodeKey(key)))));
  for (const f of folders) mkdirSync(f, { recursive: true });
  await forEachLimited(keys, 64, async (key) => {
    const segments = encodeKey(key);
    const name = segments.pop()!;
    await fs.writeFile(join(folder, ...segments, `${name}.json`), JSON.stringify(await store.read(key)));
  });
}

export async function seedStore(dataDir: string, stored: number, due: number, serviceUrl: string): Promise<SeededStore> {
  const memory = new MemoryStorage();
  mkdirSync(dataDir, { recursive: true });
  const records = recordSource(new EncryptedStore(memory, LocalKeyFile.open(join(dataDir, 'storage-key'), { create: true })));
  const clock = { now: () => SCHEDULED_AT, timeZone: policy.hours.timeZone };
  const service = ConversationService.in(records, clock, { log: quiet, retention: defaultRetention });
  const reminders = new ReminderService({ stores: reminderStores(records), conversations: service, sender: { send: async () => 'sent', reportUnreachable: async () => undefined }, clock, policy, claimMs: 60_000, log: quiet });
  const conversations = conversationRecords(records).conversations;
  const personalChats = records<object>(recordKinds.person.prefix);
  const held = heldMus(9);
  const redacted = retentionStep({ ...heldMus(1), filing: { location: '', filedAt: '2026-01-01T10:00:00Z' } }, TODAY, defaultRetention);
  if (redacted?.kind !== 'redact') throw new Error('the swept template was not redacted');
  const swept = redacted.conversation;
  const templates: Templates = { held, swept, archived: { ...swept, agreements: [], supersededBy: 'a later conversation' } };

  await forEachLimited(Array.from({ length: stored }, (_, i) => i), 32, async (i) => {
    const conversation = conversationAt(i, due, templates);
    // As the conversation service's write path stores it: its retention index entry first.
    await service.retention.noted(undefined, conversation);
    await conversations.put(conversation.id, conversation);
    await reminders.schedule(conversation);
    if (i >= due && i < 2 * due) {
      // The people reminded today have written to the bot, so it knows their 1:1 chats.
      for (const p of conversation.participants) {
        const reference = { channelId: 'msteams', serviceUrl, bot: { id: '28:bot', name: 'Udviklingssamtale' }, user: { id: p.id }, conversation: { id: `a:personal-${p.id}`, conversationType: 'personal', tenantId: TENANT } };
        await personalChats.put(p.id, { reference, locale: 'da' });
      }
    }
  });
  // The index builds the app does once on a store from before them, done here as it would have been.
  await retentionStores(records).state.put(INDEXED, { policy: { ...defaultRetention } });
  await CoverageIndex.in(records, { clock, keywordTrends: false, log: quiet }).buildOnce(service);

  const dueToday = await memory.list(`${REMINDERS_DUE_TODAY}/`);
  if (dueToday.length !== due) throw new Error(`the seeded store has ${dueToday.length} reminders due today, not ${due}`);
  const retentionToday = await memory.list(`${RETENTION_DUE_TODAY}/`);
  if (retentionToday.length !== due) throw new Error(`the seeded store has ${retentionToday.length} conversations due for the retention sweep today, not ${due}`);
  await writeOut(memory, join(dataDir, 'state'));
  return { dataDir, stored, due, retentionDue: Array.from({ length: due }, (_, i) => conversationAt(i, due, templates).id) };
}
