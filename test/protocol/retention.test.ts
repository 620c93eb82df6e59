import { join } from 'path';
import { pdfText } from '../support/pdfText';
import { eventually, finishMus, useBot } from '../support/scenario';
import { storedRecord } from '../support/storedState';

describe('the retention time after filing', () => {
  let clockStart = '2030-05-06T08:00:00Z';
  const world = useBot({ env: () => ({ CLOCK_START: clockStart, RETENTION_DAYS: '30' }) });

  it('removes the notes from storage once it has passed, keeps the open agreement for follow-up, and leaves the filed PDF whole', async () => {
    const { cid } = await finishMus(world, { id: '19:retention@thread.v2', type: 'groupChat' }, '2030-05-06', '2030-09-01');
    const stored = async () => (await storedRecord(world.bot.dataDir, `conversation/${cid}`))?.value as Record<string, any>;
    expect(Object.keys((await stored()).picks)).toHaveLength(2);

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
