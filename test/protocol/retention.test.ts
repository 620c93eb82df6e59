import { join } from 'path';
import { recordKinds } from '../../src/app/recordKinds';
import { pdfText } from '../support/pdfText';
import { createMus, eventually, finishMus, lene, pickAndStart, soeren, useBot } from '../support/scenario';
import { storedRecord, storedState } from '../support/storedState';

const knownPrefixes = new Set<string>(Object.values(recordKinds).map((k) => k.prefix));

describe('the retention time after filing', () => {
  let clockStart = '2030-05-06T08:00:00Z';
  const world = useBot({ env: () => ({ CLOCK_START: clockStart, RETENTION_DAYS: '30' }) });

  it('removes the notes from storage once it has passed, keeps the open agreement for follow-up, and leaves the filed PDF whole', async () => {
    const { cid } = await finishMus(world, { id: '19:retention@thread.v2', type: 'groupChat' }, '2030-05-06', '2030-09-01');
    const stored = async () => (await storedRecord(world.bot.dataDir, `conversation/${cid}`))?.value as Record<string, any>;
    expect(Object.keys((await stored()).picks)).toHaveLength(2);
    // Every record is of a kind with a stated lifetime, and the chats' addresses are kept without names.
    const state = await storedState(world.bot.dataDir);
    expect(state.filter((line) => !knownPrefixes.has(line.split('/')[0]))).toEqual([]);
    const chats = state.filter((line) => line.startsWith('delivery/') || line.startsWith('person/'));
    expect(chats.length).toBeGreaterThanOrEqual(3);
    expect(chats.filter((line) => line.includes(lene.name) || line.includes(soeren.name))).toEqual([]);

    clockStart = '2030-06-04T08:00:00Z'; // 29 days after filing: nothing goes yet
    await world.restart();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(Object.keys((await stored()).picks)).toHaveLength(2);

    clockStart = '2030-06-06T08:00:00Z'; // 31 days after filing
    await world.restart();
    await eventually(() => world.bot.output().includes('"event":"retention sweep"'), 'the retention sweep');
    const kept = await stored();
    expect(kept).toMatchObject({ picks: {}, notes: {}, keywordsInPlay: {}, notesRemovedOn: '2030-06-06' });
    expect(kept.agreements.map((a: any) => [a.what, a.followUpDate])).toEqual([['Ugentlig koordinering med Økonomi', '2030-09-01']]);

    const filed = await pdfText(join(world.bot.filingRoot, 'Lene Løvgren', 'Personalemapper', 'Søren Ærø', 'MUS 2030-05-06.pdf'));
    expect(filed).toContain('Søren Ærø (Medarbejder) – valgte stikord: Økonomi, Feedback, Nærvær');
  });
});

describe('a conversation never finished', () => {
  let clockStart = '2030-05-06T08:00:00Z';
  const world = useBot({ env: () => ({ CLOCK_START: clockStart, ABANDONED_DAYS: '10' }) });

  it('is removed whole, with its cards\' places and participations, ABANDONED_DAYS after its planned date', async () => {
    const cid = await createMus(world.teams, world.connector, '2030-05-08');
    await pickAndStart(world.teams, world.connector, cid);
    const mentions = async () => (await storedState(world.bot.dataDir)).filter((line) => line.includes(cid)).map((line) => line.split(':')[0]);
    expect((await mentions()).sort()).toEqual(expect.arrayContaining([`conversation/${cid}`, `delivery/${cid}`, `participation/${lene.aadObjectId}/${cid}`]));

    clockStart = '2030-05-17T08:00:00Z'; // 9 days after the planned date
    await world.restart();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await mentions()).toContain(`conversation/${cid}`);

    clockStart = '2030-05-18T08:00:00Z'; // 10 days after
    await world.restart();
    await eventually(() => world.bot.output().includes('"event":"conversation removed"'), 'the abandoned conversation removed');
    expect(await mentions()).toEqual([]);
  });
});
