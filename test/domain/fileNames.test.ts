import { isPlanFileName } from '../../src/domain/fileNames';

describe('the plans the app filed in a personnel folder', () => {
  it('are told from other files kept there by their names', () => {
    expect(['MUS 2026-11-24 Søren Ærø.pdf', 'GRUS 2026-11-24 Søren Ærø (2).pdf', 'LUS 2027-01-05 Lene Løvgren.pdf'].every(isPlanFileName)).toBe(true);
    expect(['Lønaftale.docx', 'MUS 2026-11-24.pdf', 'MUS noter.pdf', 'mus 2026-11-24 Søren.pdf', 'MUS 2026-11-24 Søren Ærø.docx'].some(isPlanFileName)).toBe(false);
  });
});
