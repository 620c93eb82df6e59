import { execFile } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';

const run = promisify(execFile);

/**
 * A PDF as Debian's poppler-utils and qpdf see it (scripts/ensure-pdf-tools.sh installs them):
 * what a reader, an archive's intake check or a screen reader would be given.
 */
export class PdfTools {
  readonly file: string;

  constructor(pdf: Buffer) {
    this.file = join(mkdtempSync(join(tmpdir(), 'plan-pdf-')), 'plan.pdf');
    writeFileSync(this.file, pdf);
  }

  private async out(tool: string, ...args: string[]): Promise<string> {
    return (await run(tool, [...args, this.file, ...(tool === 'pdftotext' ? ['-'] : [])], { maxBuffer: 16 * 2 ** 20 })).stdout;
  }

  /** pdfinfo's summary as label → value ("Tagged" → "yes"). */
  async info(): Promise<Record<string, string>> {
    const lines = (await this.out('pdfinfo')).split('\n').map((line) => line.match(/^([^:]+):\s*(.*)$/)).filter((m) => m !== null);
    return Object.fromEntries(lines.map((m) => [m[1], m[2]]));
  }

  /** The XMP metadata packet. */
  metadata = () => this.out('pdfinfo', '-meta');
  /** The logical structure with each element's text: what a screen reader follows. */
  structure = () => this.out('pdfinfo', '-struct-text');
  /** Every font the pages use, one line each, with pdffonts' emb/sub/uni columns. */
  async fonts(): Promise<string[]> {
    return (await this.out('pdffonts')).split('\n').slice(2).filter(Boolean);
  }
  /** The text in content order (pdftotext -raw), whitespace folded. */
  async text(): Promise<string> {
    return (await this.out('pdftotext', '-raw', '-enc', 'UTF-8')).replace(/\s+/g, ' ');
  }
  /** The text laid out as on the page, line by line. */
  layout = () => this.out('pdftotext', '-layout', '-enc', 'UTF-8');
  /** qpdf's structural check; rejects when the file is damaged. */
  check = () => this.out('qpdf', '--check');
  /** The uncompressed objects (qpdf --qdf), for looking at content streams. */
  async objects(): Promise<string> {
    const out = `${this.file}.qdf`;
    await run('qpdf', ['--qdf', '--object-streams=disable', this.file, out]);
    return readFileSync(out, 'latin1');
  }
}
