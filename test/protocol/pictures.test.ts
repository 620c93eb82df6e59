import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startBot } from '../support/botProcess';
import { cardOf } from '../support/fakeConnector';
import { conceptsDir } from '../support/concepts';
import { createMus, lene, useBot } from '../support/scenario';

// A 1×1 PNG: the customer's ten puzzle pictures are not in the seeds, so the test brings its own.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** Albertslund's concept with two picture tiles, in a concepts folder of its own; `missing` leaves a file out. */
function conceptsWithPictures(missing = false): string {
  const folder = mkdtempSync(join(tmpdir(), 'concepts-'));
  const concept = JSON.parse(readFileSync(join(conceptsDir, 'albertslund.json'), 'utf8'));
  concept.pictures = [
    { file: 'samarbejde.png', alt: 'To kolleger lægger et puslespil sammen' },
    { file: 'udsigt.png', alt: 'En sti gennem Albertslund med udsigt over søen' }
  ];
  writeFileSync(join(folder, 'albertslund.json'), JSON.stringify(concept));
  mkdirSync(join(folder, 'albertslund', 'pictures'), { recursive: true });
  writeFileSync(join(folder, 'albertslund', 'pictures', 'samarbejde.png'), PNG);
  if (!missing) writeFileSync(join(folder, 'albertslund', 'pictures', 'udsigt.png'), PNG);
  copyFileSync(join(conceptsDir, 'hoeje-taastrup.json'), join(folder, 'hoeje-taastrup.json'));
  return folder;
}

describe('a concept\'s picture tiles', () => {
  const folder = conceptsWithPictures();
  const world = useBot({ env: () => ({ CONCEPTS_DIR: folder }) });

  it('are on every keyword card with their Danish descriptions, served by the app, and nothing else is', async () => {
    await createMus(world.teams, world.connector, '2030-03-14');
    const keywordCard = cardOf(world.connector.sentTo(world.connector.personalChatOf(lene)).map((p) => p.activity).find((a) => JSON.stringify(a).includes('ImageSet')));
    const imageSet = JSON.stringify(keywordCard).match(/\{"type":"ImageSet".*?\]\}/)![0];
    const images = JSON.parse(imageSet).images;
    expect(images.map((i: any) => i.altText)).toEqual(['To kolleger lægger et puslespil sammen', 'En sti gennem Albertslund med udsigt over søen']);
    expect(images[0].url).toBe(`${world.bot.url}/concepts/albertslund/pictures/samarbejde.png`);

    const served = await fetch(images[0].url);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await fetch(`${world.bot.url}/concepts/albertslund/pictures/..%2Falbertslund.json`)).status).toBe(404);
    expect((await fetch(`${world.bot.url}/concepts/albertslund/pictures/other.png`)).status).toBe(404);
  });

  it('must exist: a concept naming a picture file that is not there stops start-up, naming the field', async () => {
    await expect(startBot({ env: { CONCEPTS_DIR: conceptsWithPictures(true) } })).rejects.toThrow(/pictures\[1\]\.file: albertslund\/pictures\/udsigt\.png findes ikke/);
  });
});
