import { execFile } from 'child_process';
import { join } from 'path';
import { promisify } from 'util';

/** The text a PDF reader extracts from a file, whitespace folded. */
export async function pdfText(file: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'pdf-text.js'), file]);
  return stdout.replace(/\s+/g, ' ');
}
