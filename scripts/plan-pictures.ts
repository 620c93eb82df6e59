// Renders the first page of a filed MUS plan and of a GRUS member's copy to docs/pdf/*.png, for the
// README. Run after a build: node dist/scripts/plan-pictures.js (needs pdftoppm: scripts/ensure-pdf-tools.sh)
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { planPdf } from '../src/app/archive';
import { pdfRenderer } from '../src/pdf/pdfRenderer';
import type { DevelopmentConversation } from '../src/domain/conversation';
import { projectRoot } from '../src/paths';
import { fullPlan } from './bench/fullPlan';

const folder = join(projectRoot, 'docs', 'pdf');

/** The benchmark's full plan, with keywords in play and a note as people write them. */
function sample(members?: { id: string; name: string }[]): DevelopmentConversation {
  const plan = fullPlan(members);
  return {
    ...plan,
    keywordsInPlay: { adfaerd: ['Feedback', 'Nærvær'], struktur: ['Planlægning'] },
    notes: { ...plan.notes, 'adfaerd-1': 'Søren er glad for kollegaerne 👍 og for borgerkontakten; travlt op til årsskiftet.' }
  };
}

function picture(name: string, pdf: Buffer): void {
  const file = join(mkdtempSync(join(tmpdir(), 'plan-')), `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, join(folder, name)]);
}

async function main(): Promise<void> {
  mkdirSync(folder, { recursive: true });
  picture('mus', await planPdf(sample(), pdfRenderer, 'da'));
  const members = [
    { id: 'aad-soeren', name: 'Søren Ærø' },
    { id: 'aad-mette', name: 'Mette Østergaard' },
    { id: 'aad-ali', name: 'Ali Haddad' }
  ];
  picture('grus-member', await planPdf(sample(members), pdfRenderer, 'da', members[1].id));
  console.log(`mus.png, grus-member.png → ${folder}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
