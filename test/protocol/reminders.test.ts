import { cardOf, type Posted } from '../support/fakeConnector';
import { eventually, finishMus, lene, soeren, useBot } from '../support/scenario';
import { actionsOf, inputsOf, textOf, type Chat } from '../support/teamsClient';
import { stranger } from '../support/users';

/** Friday 31 May 2030, 10:00 in Copenhagen: a working morning. */
const CLOCK_START = '2030-05-31T08:00:00Z';
const reminderEnv = () => ({ CLOCK_START, REMINDER_INTERVAL_MS: '200', REMINDER_CLAIM_MS: '1500' });
const chatWith = (user: typeof lene): Chat => ({ id: `a:personal-${user.aadObjectId}`, type: 'personal' });
const inputNamed = (card: any, start: string) => Object.keys(inputsOf(card)).find((id) => id.startsWith(start))!;

describe('reminders on the follow-up date', () => {
  const world = useBot({ users: [stranger], env: reminderEnv });
  const remindersTo = (user: typeof lene): Posted[] =>
    world.connector.sentTo(chatWith(user).id).filter((p) => textOf(cardOf(p.activity)).includes('Opfølgning på en aftale'));

  it('reminds the responsible person and the leader in their own chats, and the person responsible follows up from the card', async () => {
    await finishMus(world, { id: '19:due-today@thread.v2', type: 'groupChat' }, '2030-05-31', '2030-05-31');
    await eventually(() => remindersTo(soeren).length === 1 && remindersTo(lene).length === 1, 'both reminders');
    const reminder = remindersTo(soeren)[0];
    const card = cardOf(reminder.activity);
    expect(textOf(card)).toContain('I dag er dagen, hvor aftalen skal følges op.');
    expect(textOf(card)).toContain('Ugentlig koordinering med Økonomi');
    expect(textOf(card)).toContain('MUS med Søren Ærø, 31. maj 2030');
    expect(JSON.stringify(card)).toMatch(/"type":"Action.OpenUrl","title":"Åbn planen \(PDF\)","url":"http:\/\/127\.0\.0\.1:\d+\/plans\/[0-9a-f-]{36}\.pdf\?[^"]+"/);

    // Someone outside the conversation replays the card: refused, and shown nothing of the agreement.
    const forged = await world.teams.press(stranger, chatWith(stranger), reminder.activityId, card, 'followup.done');
    expect(textOf(forged.card)).toContain('Du deltager ikke i denne samtale og kan derfor ikke gøre dette.');
    expect(textOf(forged.card)).not.toContain('Ugentlig koordinering');

    const done = await world.teams.press(soeren, chatWith(soeren), reminder.activityId, card, 'followup.done', { [inputNamed(card, 'note_')]: 'Vi mødes hver mandag' });
    expect(textOf(done.card)).toContain('Aftalen er markeret som fulgt op.');
    expect(textOf(done.card)).toContain('Fulgt op 31. maj 2030 af Søren Ærø: Vi mødes hver mandag');
    expect(actionsOf(done.card).some((a) => a.verb === 'followup.done')).toBe(false);

    // Lene's reminder card, pressed after Søren followed up: told so, nothing changes twice.
    const lenes = cardOf(remindersTo(lene)[0].activity);
    const again = await world.teams.press(lene, chatWith(lene), remindersTo(lene)[0].activityId, lenes, 'followup.done');
    expect(textOf(again.card)).toContain('Aftalen er allerede fulgt op.');
  });

  it('lists the leader\'s open agreements, refuses a postponement into the past and moves the follow-up', async () => {
    await finishMus(world, { id: '19:later@thread.v2', type: 'groupChat' }, '2030-06-03', '2030-06-20');
    await world.teams.say(lene, chatWith(lene), 'opfølgning');
    const sent = world.connector.sentTo(chatWith(lene).id);
    const list = sent[sent.length - 1];
    const card = cardOf(list.activity);
    expect(textOf(card)).toContain('Åbne aftaler');
    expect(textOf(card)).toContain('1 aftale venter på opfølgning.');
    expect(textOf(card)).toContain('Opfølgning\n20. juni 2030');

    const past = await world.teams.press(lene, chatWith(lene), list.activityId, card, 'followup.postpone', { [inputNamed(card, 'to_')]: '2030-05-01' });
    expect(textOf(past.card)).toContain('Opfølgningsdatoen ligger i fortiden.');
    expect(inputsOf(past.card)[inputNamed(card, 'to_')]).toBe('2030-05-01');

    const moved = await world.teams.press(lene, chatWith(lene), list.activityId, past.card, 'followup.postpone', { [inputNamed(card, 'to_')]: '2030-07-01' });
    expect(textOf(moved.card)).toContain('Opfølgningen er flyttet til 1. juli 2030.');
    expect(textOf(moved.card)).toContain('Udskudt fra 20. juni 2030');

    // Søren sees his own agreement in his list; the stranger sees none.
    await world.teams.say(stranger, chatWith(stranger), 'opfølgning');
    const strangers = world.connector.sentTo(chatWith(stranger).id);
    expect(textOf(cardOf(strangers[strangers.length - 1].activity))).toContain('Ingen åbne aftaler');
  });
});

describe('a reminder when the app dies while sending it', () => {
  let clockStart = CLOCK_START;
  const world = useBot({ env: () => ({ ...reminderEnv(), CLOCK_START: clockStart }) });

  it('is not sent twice after a restart, and the rest still goes out', async () => {
    // Søren's chat takes the reminder but never answers: the process is killed mid-send.
    const isReminder = (p: Posted) => textOf(cardOf(p.activity)).includes('Opfølgning på en aftale');
    world.connector.hold = (p) => p.conversationId === chatWith(soeren).id && isReminder(p);
    const sentTo = (user: typeof lene) => world.connector.sentTo(chatWith(user).id).filter(isReminder);
    const finishing = finishMus(world, { id: '19:dies@thread.v2', type: 'groupChat' }, '2030-05-31', '2030-05-31');
    await eventually(() => sentTo(soeren).length === 1, 'the reminder to reach Søren');
    await finishing.catch(() => undefined);
    expect(sentTo(lene)).toHaveLength(0);

    clockStart = '2030-05-31T08:10:00Z'; // the dead process's claim has lapsed
    await world.restart();
    await eventually(() => sentTo(lene).length === 1, 'the reminder to Lene after the restart');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sentTo(soeren)).toHaveLength(1);
    expect(sentTo(lene)).toHaveLength(1);
  });
});

describe('reminders months later', () => {
  let clockStart = '2030-05-06T08:00:00Z'; // Monday 6 May 2030, 10:00
  const world = useBot({ env: () => ({ ...reminderEnv(), CLOCK_START: clockStart }) });
  const lenesNotices = () => world.connector.sentTo(chatWith(lene).id).map((p) => textOf(cardOf(p.activity)));

  it('tells the leader when the responsible person cannot be reached, and reminds her of the yearly conversation', async () => {
    await finishMus(world, { id: '19:months@thread.v2', type: 'groupChat' }, '2030-05-06', '2030-05-27');
    world.connector.unreachable.add(soeren.aadObjectId); // Søren has since removed the app

    clockStart = '2030-05-27T08:00:00Z';
    await world.restart();
    const dueToday = (t: string) => t.includes('I dag er dagen, hvor aftalen skal følges op.');
    // Søren's and Lene's reminders are separate records: either may go out first.
    await eventually(
      () => lenesNotices().some((t) => t.includes('Jeg kunne ikke sende påmindelsen om »Ugentlig koordinering med Økonomi« til Søren Ærø')) && lenesNotices().some(dueToday),
      'the notice about Søren and Lene\'s own reminder'
    );
    expect(lenesNotices().filter(dueToday)).toHaveLength(1);

    clockStart = '2031-04-07T08:00:00Z'; // a year is near; the notice day (Friday 4 April) passed while the app was down
    await world.restart();
    await eventually(() => lenesNotices().some((t) => t.includes('Snart tid til den årlige udviklingssamtale')), 'the yearly reminder');
    expect(lenesNotices().find((t) => t.includes('Snart tid'))).toContain('Det er snart et år siden MUS med Søren Ærø (6. maj 2030). Næste samtale bør holdes senest 6. maj 2031.');
  });
});

describe('reminders in the local Teams emulator', () => {
  let env: Record<string, string> = { ...reminderEnv(), CLOCK_START: '2030-05-06T08:00:00Z' };
  const world = useBot({ env: () => env });
  const reminders = () => world.connector.sentTo(chatWith(lene).id).filter((p) => textOf(cardOf(p.activity)).includes('Opfølgning på en aftale'));

  it('wait, when they are due at start-up, until someone writes to the bot: the emulator shows only what arrives while its page is open', async () => {
    await finishMus(world, { id: '19:emulator@thread.v2', type: 'groupChat' }, '2030-05-06', '2030-05-27');
    env = { ...reminderEnv(), CLOCK_START: '2030-05-27T08:00:00Z', EMULATOR: 'true' };
    await world.restart();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(reminders()).toHaveLength(0);

    await world.teams.say(lene, chatWith(lene), 'hjælp');
    await eventually(() => reminders().length === 1, 'the reminder once Lene has written');
  });
});
