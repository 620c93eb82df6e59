import { existsSync, readdirSync } from 'fs';
import { join } from 'path';
import { cardOf, type TeamsUser } from '../support/fakeConnector';
import { pdfText } from '../support/pdfText';
import { stranger } from '../support/users';
import { lene, meeting, quiet, seen, soeren, useBot } from '../support/scenario';
import { actionsOf, nextTo, textOf, type Chat } from '../support/teamsClient';

const DATE = '2030-03-14';

describe('a whole MUS over the Bot Framework protocol', () => {
  const world = useBot({ users: [stranger] });
  const personal = (user: TeamsUser): Chat => ({ id: world.connector.personalChatOf(user), type: 'personal' });
  /** The newest message the bot posted into a chat, and its card. */
  const lastPosted = (chat: Chat) => {
    const sent = world.connector.sentTo(chat.id);
    const last = sent[sent.length - 1];
    return { id: last.activityId, card: world.connector.currentCard(chat.id, last.activityId), activity: last.activity };
  };

  let home: { id: string; card: any };
  let cid: string;

  it('offers the leader a create card listing the meeting\'s other members', async () => {
    await world.teams.say(lene, meeting, 'ny mus');
    home = lastPosted(meeting);
    const text = textOf(home.card);
    expect(text).toContain('Ny udviklingssamtale');
    expect(text).toContain('Søren Ærø');
    expect(home.card.version).toBe('1.5');
  });

  it('refuses a conversation date in the past, keeping what was typed', async () => {
    const { card } = await world.teams.press(lene, meeting, home.id, home.card, 'mus.create', { employeeId: soeren.aadObjectId, date: '2020-01-01', format: 'walk' });
    expect(textOf(card)).toContain('Datoen ligger i fortiden.');
    expect(JSON.stringify(card)).toContain('2020-01-01');
    expect(world.connector.posted.filter((p) => p.conversationId.startsWith('a:personal'))).toHaveLength(0);
  });

  it('creates the MUS with the leader\'s own wording and sends each participant a keyword card in their 1:1 chat', async () => {
    const { card } = await world.teams.press(lene, meeting, home.id, home.card, 'mus.create', {
      employeeId: soeren.aadObjectId,
      date: DATE,
      format: 'walk',
      'q_adfaerd-1': 'Hvordan har du det med dit arbejde i Borgerservice?'
    });
    expect(textOf(card)).toContain('MUS med Søren Ærø');
    expect(textOf(card)).toContain('mangler at vælge');
    cid = card.actions.find((a: any) => a.verb === 'session.start').data.cid;
    await quiet(world.connector);

    for (const user of [lene, soeren]) {
      const keywordCard = lastPosted(personal(user)).card;
      const text = textOf(keywordCard);
      expect(text).toContain('Vælg de 3 stikord');
      expect(text).toContain('Hvordan har du det med dit arbejde i Borgerservice?');
      expect(text).toContain('Work-life balance');
    }
    // The shared card in the meeting chat was updated in place, not posted again; the chat sees nothing of
    // the conversation, each participant sees their own view of it.
    expect(world.connector.sentTo(meeting.id)).toHaveLength(1);
    const shared = textOf(world.connector.currentCard(meeting.id, home.id));
    expect(shared).not.toMatch(/Søren|Lene|Borgerservice|Opret og send stikord/);
    expect(textOf((await seen(world, lene)).card)).toContain('MUS med Søren Ærø');
  });

  it('refuses a fourth keyword with a Danish message and stores nothing', async () => {
    const chat = personal(soeren);
    const card = lastPosted(chat);
    const result = await world.teams.press(soeren, chat, card.id, card.card, 'keywords.pick', { keywords: 'Mod,Ansvar,Økonomi,Møder' });
    expect(textOf(result.card)).toContain('Vælg præcis 3 stikord – du valgte 4.');
    expect(textOf((await seen(world, lene)).card)).toMatch(/Søren Ærø \(Medarbejder\)\nmangler at vælge/);
  });

  it('refuses someone outside the conversation', async () => {
    const result = await world.teams.execute(stranger, meeting, home.id, 'keywords.pick', { cid, keywords: 'Mod,Ansvar,Økonomi' });
    expect(textOf(result.card)).toContain('Du deltager ikke i denne samtale');
  });

  it('keeps each participant\'s picks private until everyone has picked, then shows everyone\'s', async () => {
    const soerensChat = personal(soeren);
    const soerensCard = lastPosted(soerensChat);
    const saved = await world.teams.press(soeren, soerensChat, soerensCard.id, soerensCard.card, 'keywords.pick', { keywords: 'Feedback,Nærvær,Økonomi' });
    expect(textOf(saved.card)).toContain('Dine stikord er gemt: Økonomi, Feedback og Nærvær.');
    expect(textOf(saved.card)).toContain('Du ser de andres stikord, når alle har valgt.');
    expect(textOf((await seen(world, lene)).card)).not.toContain('Feedback');

    const lenesChat = personal(lene);
    const lenesCard = world.connector.sentTo(lenesChat.id)[0];
    await world.teams.press(lene, lenesChat, lenesCard.activityId, cardOf(lenesCard.activity), 'keywords.pick', { keywords: 'Mod,Ansvar,Planlægning' });
    await quiet(world.connector);

    const revealedToSoeren = textOf(world.connector.currentCard(soerensChat.id, soerensCard.id));
    expect(revealedToSoeren).toContain('Mod, Ansvar, Planlægning');
    expect(textOf((await seen(world, lene)).card)).toContain('Økonomi, Feedback, Nærvær');
    expect(lastPosted(soerensChat).activity.text).toContain('Alle har nu valgt stikord til MUS 14. marts 2030.');
  });

  it('lets only the leader start the conversation', async () => {
    const { card } = await seen(world, lene);
    const refused = await world.teams.press(soeren, meeting, home.id, card, 'session.start');
    expect(textOf(refused.card)).toContain('Kun lederen kan gøre dette.');
    const started = await world.teams.press(lene, meeting, home.id, card, 'session.start');
    expect(textOf(started.card)).toContain('Samtalen er i gang');
    expect(textOf(started.card)).toContain('Søren Ærø (Medarbejder)');
  });

  it('walks the questions with notes and keywords in play, and saves agreements per perspective', async () => {
    let { card } = await seen(world, soeren);
    card = (await world.teams.press(soeren, meeting, home.id, card, 'session.next')).card;
    expect(textOf(card)).toContain('Spørgsmål 1 af 9');
    expect(textOf(card)).toContain('Adfærd (violet)');
    expect(textOf(card)).toContain('Hvordan har du det med dit arbejde i Borgerservice?');

    card = (await world.teams.press(soeren, meeting, home.id, card, 'session.next', { note: 'Glad for kollegaerne; ønsker mere nærvær i møder', inPlay: 'Nærvær' })).card;
    expect(textOf(card)).toContain('Spørgsmål 2 af 9');
    expect(textOf((await seen(world, lene)).card)).toContain('Spørgsmål 2 af 9');

    // The same card pressed again (someone else's stale view) does not skip a question.
    const staleCard = card;
    card = (await world.teams.press(lene, meeting, home.id, card, 'session.next', { note: 'Motiveres af borgerkontakt' })).card;
    const replay = await world.teams.press(soeren, meeting, home.id, staleCard, 'session.next', { note: 'Søren: også af faglig sparring' });
    expect(textOf(replay.card)).toContain('Kortet var forældet');
    expect(textOf(replay.card)).toContain('Spørgsmål 3 af 9');
    card = replay.card;

    card = (await world.teams.press(lene, meeting, home.id, card, 'session.next', { inPlay: 'Nærvær,Mod' })).card;
    expect(textOf(card)).toContain('Hvad, hvornår, hvem? Hvem har ansvar, hvornår følges der op?');

    const pastDate = await world.teams.press(lene, meeting, home.id, card, 'agreement.save', { what: 'Kursus i svære samtaler', when: 'Foråret 2030', responsibleId: soeren.aadObjectId, followUpDate: '2021-05-01' });
    expect(textOf(pastDate.card)).toContain('Opfølgningsdatoen ligger i fortiden.');
    expect(JSON.stringify(pastDate.card)).toContain('Kursus i svære samtaler');

    const empty = await world.teams.press(lene, meeting, home.id, card, 'agreement.save', { what: '   ' });
    expect(textOf(empty.card)).toContain('Hvad I aftaler skal udfyldes.');

    card = (await world.teams.press(lene, meeting, home.id, card, 'agreement.save', { what: 'Kursus i svære samtaler', when: 'Foråret 2030', responsibleId: soeren.aadObjectId, followUpDate: '2030-05-01', valueFor: 'person,citizens', value: 'Bedre møder med borgerne' })).card;
    expect(textOf(card)).toContain('Aftalen er gemt.');
    // Moving on with a half-filled form saves it as an agreement (flagged), so nothing typed is lost, and says so.
    card = (await world.teams.press(soeren, meeting, home.id, card, 'session.next', { what: 'Mentorordning med en erfaren kollega i Økonomi' })).card;
    expect(textOf(card)).toContain('Struktur');
    expect(textOf(card)).toContain('Aftalen »Mentorordning med en erfaren kollega i Økonomi« er gemt, men den er ikke færdig endnu: den mangler tidshorisont, ansvarlig og opfølgningsdato.');

    for (let i = 0; i < 8; i++) card = (await world.teams.press(lene, meeting, home.id, card, 'session.next', i === 3 ? { what: 'Fast ugentlig koordinering', when: 'Fra uge 12', responsibleId: lene.aadObjectId, followUpDate: '2030-06-01' } : {})).card;
    expect(textOf(card)).toContain('Udviklingsplanen');
  });

  it('blocks finishing while an agreement lacks a responsible person or follow-up date, saying why once', async () => {
    let { card } = await seen(world, lene);
    const problems = '1 aftale er ikke færdig. Den skal have tidshorisont, ansvarlig og opfølgningsdato, før planen kan afsluttes.';
    expect(textOf(card)).toContain(problems);
    expect(textOf(card)).toContain('Ikke færdig – mangler: tidshorisont, ansvarlig og opfølgningsdato');
    expect(actionsOf(card).find((a) => a.verb === 'session.finish')).toMatchObject({ isEnabled: false, style: 'default' });
    // An older copy of the card, whose button was still enabled: refused with the review's own message, not a second one.
    const refused = await world.teams.execute(lene, meeting, home.id, 'session.finish', { cid });
    expect(textOf(refused.card).split(problems)).toHaveLength(2);
    expect(textOf(refused.card)).not.toContain('mangler tidshorisont, ansvarlig eller opfølgningsdato');
    const employeeTries = await world.teams.execute(soeren, meeting, home.id, 'session.finish', { cid });
    expect(textOf(employeeTries.card)).toContain('Kun lederen kan gøre dette.');

    // Straight back to Adfærd's agreements from the review, and complete the mentor agreement there.
    card = (await world.teams.press(lene, meeting, home.id, card, 'session.goto', {}, (a) => a.title === 'Ret aftalerne under Adfærd')).card;
    expect(textOf(card)).toContain('Aftaler for Adfærd');
    const editing = await world.teams.press(lene, meeting, home.id, card, 'agreement.edit', {}, nextTo(card, 'Mentorordning'));
    expect(textOf(editing.card)).toContain('Du redigerer aftalen: Mentorordning med en erfaren kollega i Økonomi');
    card = (await world.teams.press(lene, meeting, home.id, editing.card, 'agreement.save', { what: 'Mentorordning med en erfaren kollega i Økonomi', when: 'Fra august', responsibleId: lene.aadObjectId, followUpDate: '2030-09-01' })).card;
    expect(textOf(card)).not.toContain('Ikke færdig');
    // And straight back to the review with one click.
    card = (await world.teams.press(lene, meeting, home.id, card, 'session.toReview')).card;
    expect(textOf(card)).toContain('Gennemgå planen sammen');
    expect(actionsOf(card).find((a) => a.verb === 'session.finish')).toMatchObject({ isEnabled: true, style: 'positive' });
  });

  it('finishes, files the PDF in the leader\'s personnel folder and sends everyone a copy', async () => {
    let { card } = await seen(world, lene);
    while (!textOf(card).includes('Afslut og arkivér')) card = (await world.teams.press(lene, meeting, home.id, card, 'session.next')).card;
    const finished = await world.teams.press(lene, meeting, home.id, card, 'session.finish');
    expect(textOf(finished.card)).toContain('Udviklingsplanen er færdig');
    expect(textOf(finished.card)).toContain('Personalemapper');

    const folder = join(world.bot.filingRoot, 'Lene Løvgren', 'Personalemapper', 'Søren Ærø');
    expect(readdirSync(folder)).toEqual([`MUS ${DATE}.pdf`]);
    const text = await pdfText(join(folder, `MUS ${DATE}.pdf`));
    for (const expected of [
      'UDVIKLINGSPLAN', 'Albertslund Kommune', 'MUS – medarbejderudviklingssamtale', '14. marts 2030',
      'Lene Løvgren (Leder)', 'Søren Ærø (Medarbejder)', 'Økonomi, Feedback, Nærvær',
      'Stikord i spil Mod, Nærvær', 'Hvordan har du det med dit arbejde i Borgerservice?', 'Glad for kollegaerne; ønsker mere nærvær i møder',
      'Motiveres af borgerkontakt', 'Søren: også af faglig sparring',
      'Kursus i svære samtaler', 'Foråret 2030', '1. maj 2030', 'Bedre møder med borgerne',
      'Mentorordning med en erfaren kollega i Økonomi', 'Fast ugentlig koordinering', 'Perspektiv: Struktur'
    ]) {
      expect(text).toContain(expected);
    }

    await quiet(world.connector);
    // One card in the leader's own chat: her copy says where the plan was filed, so no receipt beside it.
    const finishedCards = world.connector.sentTo(personal(lene).id).filter((p) => textOf(cardOf(p.activity)).includes('Udviklingsplanen er færdig'));
    expect(finishedCards).toHaveLength(1);
    expect(textOf(cardOf(finishedCards[0].activity))).toContain('Lederens kopi er gemt som PDF i personalemappen');
    expect(textOf(finished.card)).not.toContain('Planen er nu gemt');

    for (const user of [lene, soeren]) {
      const copy = lastPosted(personal(user)).card;
      expect(textOf(copy)).toContain('Udviklingsplanen er færdig');
      const link = copy.actions.find((a: any) => a.type === 'Action.OpenUrl').url as string;
      const res = await fetch(link);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const tampered = await fetch(link.replace(/p=[^&]+/, `p=${stranger.aadObjectId}`));
      expect(tampered.status).toBe(404);
    }
  });

  it('refuses any change to a finished conversation', async () => {
    const result = await world.teams.execute(lene, meeting, home.id, 'agreement.delete', { cid, agreementId: 'whatever' });
    expect(textOf(result.card)).toContain('Samtalen er afsluttet');
  });

  it('answers an unknown action and malformed data with a clear message', async () => {
    expect(textOf((await world.teams.execute(lene, meeting, home.id, 'session.hack', { cid })).card)).toContain('Den handling kender jeg ikke');
    expect(textOf((await world.teams.execute(lene, meeting, home.id, 'session.next', { cid, atStep: 'tre' })).card)).toContain('Kortet sendte noget, jeg ikke kan bruge');
    expect(textOf((await world.teams.execute(lene, meeting, home.id, 'session.next', { cid: '6f1c1c9e-0000-4000-8000-000000000000', atStep: 1 })).card)).toContain('Samtalen findes ikke');
  });

  it('keeps personal data out of the log', () => {
    expect(world.bot.output()).not.toMatch(/Søren|Lene|Kursus|Nærvær/);
    expect(existsSync(world.bot.dataDir)).toBe(true);
  });
});
