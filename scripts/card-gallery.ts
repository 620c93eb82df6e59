// Renders every card with realistic Danish sample data to docs/cards/*.png (as in Teams on a
// desktop, and at phone width), and writes docs/cards/README.md to show them. Run: npm run gallery
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { cardSamples } from './cardSamples';
import { renderCards } from './cardRenderer';

const folder = join(__dirname, '..', '..', 'docs', 'cards');

async function main(): Promise<void> {
  mkdirSync(folder, { recursive: true });
  const samples = cardSamples('da');
  const desktop = await renderCards(samples, 440);
  const phone = await renderCards(samples, 320);
  for (const card of desktop) writeFileSync(join(folder, `${card.name}.png`), card.png);
  for (const card of phone) writeFileSync(join(folder, `${card.name}.mobile.png`), card.png);
  const rows = desktop.map((c) => `| \`${c.name}\` | ![${c.name}](${c.name}.png) | ![${c.name} på telefon](${c.name}.mobile.png) |`);
  writeFileSync(
    join(folder, 'README.md'),
    ['# Kortene', '', 'Every card a person meets, rendered by `npm run gallery` with the Adaptive Cards renderer, a Teams-like host config (`scripts/teamsHostConfig.json`) and stylesheet (`scripts/teamsCardStyle.css`: Fluent UI\'s buttons and inputs), with dates and multi-selects shown as a Danish Teams client shows them.', '', '| card | desktop (440 px) | phone (320 px) |', '|---|---|---|', ...rows, ''].join('\n')
  );
  console.log(`${desktop.length} cards → ${folder}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
