import { BenchClient } from '../benchClient';
import { rounds, type Bench } from '../bench';
import { CpuMeter } from '../cpu';
import { textOfPdf } from '../pdfLayout';
import { startProgram, type Served } from '../programs';
import { atMost, num, roundsText, spread, times, type Section } from '../report';
import { ratiosOf, spreadOf } from '../stats';
import { copyUrlFor, groupMembers, grusWalk, musWalk, playAll } from '../walks';
import { appAndFloor } from './appAndFloor';

async function download(url: string): Promise<Buffer> {
  const res = await fetch(url, { headers: { 'Accept-Language': 'da' } });
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** CPU per PDF a process spends answering the URLs, one after another. */
async function cpuPerPdf(pid: number, urls: string[]): Promise<number> {
  const meter = new CpuMeter(pid);
  await meter.start();
  for (const url of urls) await download(url);
  return (await meter.lap()) / urls.length;
}

/**
 * 6. PDF: a full MUS plan (a note on all nine questions, three agreements to each perspective) and
 * the filing of a GRUS of `pdfGroupMembers` (every member's own copy), each downloaded from the
 * app as a participant does (the signed link on their card, rendered on request), against the
 * PDF floor (`scripts/bench/pdfFloor.ts`) laying out the text read back from those very PDFs.
 */
export async function pdf(bench: Bench): Promise<Section> {
  const members = groupMembers(bench.sizes.pdfGroupMembers);
  await bench.connector.addUsers(members);
  const { app } = await appAndFloor(bench);
  let floor: Served | undefined;
  try {
    const client = new BenchClient(app.url, bench.connector);
    const mus = await musWalk(bench.connector, { agreementsPerPerspective: 3 });
    await playAll(client, mus);
    const grus = await grusWalk(bench.connector, members, { agreementsPerPerspective: 3, replacesMus: true });
    await playAll(client, grus);
    const copies: string[] = [];
    for (const member of members) copies.push(await copyUrlFor(client, grus, member));

    const documents = [mus.state.planUrl, ...copies];
    const pdfs = await Promise.all(documents.map(download));
    floor = await startProgram('pdfFloor');
    const layouts = await Promise.all(pdfs.map(textOfPdf));
    await fetch(`${floor.url}/documents`, { method: 'POST', body: JSON.stringify(layouts) });
    const floorUrls = documents.map((_, n) => `${floor!.url}/pdf/${n}`);
    const floorBytes = await Promise.all(floorUrls.map(download));

    const measures = { mus: { app: [] as number[], floor: [] as number[] }, grus: { app: [] as number[], floor: [] as number[] } };
    for (const { counted } of rounds(bench, '6. PDF')) {
      const renders = Array.from({ length: bench.sizes.pdfRenders }, () => 0);
      const measured = {
        musApp: await cpuPerPdf(app.pid, renders.map(() => documents[0])),
        musFloor: await cpuPerPdf(floor.pid, renders.map(() => floorUrls[0])),
        grusApp: (await cpuPerPdf(app.pid, copies)) * copies.length,
        grusFloor: (await cpuPerPdf(floor.pid, floorUrls.slice(1))) * copies.length
      };
      if (!counted) continue;
      measures.mus.app.push(measured.musApp);
      measures.mus.floor.push(measured.musFloor);
      measures.grus.app.push(measured.grusApp);
      measures.grus.floor.push(measured.grusFloor);
    }
    const kb = (bytes: number) => `${num(bytes / 1024)} KB`;
    const ratio = (r: { app: number[]; floor: number[] }) => spreadOf(ratiosOf(r.app, r.floor));
    return {
      title: '6. PDF',
      method: `CPU of the process answering the download, per document, against plain pdfkit laying out the same text runs with the same fonts; ${bench.sizes.pdfRenders} renders of the MUS plan and one GRUS filing a round, ${roundsText(bench.sizes.rounds)}.`,
      rows: [
        { measure: `a MUS plan (${kb(pdfs[0].length)}; the floor's ${kb(floorBytes[0].length)})`, app: spread(spreadOf(measures.mus.app), ' ms'), baseline: spread(spreadOf(measures.mus.floor), ' ms'), ratio: times(ratio(measures.mus)), target: atMost(ratio(measures.mus), 1.3) },
        { measure: `a GRUS of ${members.length} filed: every member's copy (${kb(pdfs[1].length)} each)`, app: spread(spreadOf(measures.grus.app), ' ms'), baseline: spread(spreadOf(measures.grus.floor), ' ms'), ratio: times(ratio(measures.grus)), target: atMost(ratio(measures.grus), 1.3) }
      ]
    };
  } finally {
    await floor?.stop();
  }
}
