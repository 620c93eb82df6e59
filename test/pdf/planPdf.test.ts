import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { planPdf } from '../../src/app/archive';
import { pdfRenderer } from '../../src/pdf/pdfRenderer';
import { leader, must, started } from '../support/conversations';
import { pdfText } from '../support/pdfText';

async function rendered() {
  let c = must(started(), leader.id, {
    type: 'saveAgreement',
    agreement: { perspectiveId: 'struktur', what: 'Øget samarbejde på tværs – også med Ærø', when: 'Inden påske', responsibleId: leader.id, followUpDate: '2027-04-01', valueFor: ['workplace'] }
  });
  c = must(c, leader.id, { type: 'finish' });
  return planPdf(c, pdfRenderer, 'da');
}

describe('the plan PDF', () => {
  it('embeds its font and keeps æ ø å as text', async () => {
    const pdf = await rendered();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/FontFile2');
    const file = join(mkdtempSync(join(tmpdir(), 'pdf-')), 'plan.pdf');
    writeFileSync(file, pdf);
    const text = await pdfText(file);
    expect(text).toContain('Øget samarbejde på tværs – også med Ærø');
    expect(text).toContain('Arbejdsfællesskabet');
    expect(text).toContain('Perspektiv: Adfærd (violet)');
  });

  it('is the same file when the same plan is rendered again', async () => {
    expect((await rendered()).equals(await rendered())).toBe(true);
  });
});
