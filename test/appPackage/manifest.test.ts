import { execFile } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { promisify } from 'util';
import { inflateSync } from 'zlib';
import { translator } from '../../src/i18n/catalog';
import { offeredCommands, textCommands } from '../../src/teams/textCommands';

const folder = join(__dirname, '..', '..', 'appPackage');

const validate = (envFile: string) =>
  promisify(execFile)(process.execPath, [join(__dirname, '..', '..', 'scripts', 'validate-manifest.js'), join(__dirname, '..', '..', 'env', envFile)]);

function decodePng(file: string) {
  const png = readFileSync(join(folder, file));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const alphas: number[] = [];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) alphas.push(raw[y * (1 + width * 4) + 1 + x * 4 + 3]);
  return { width, height, colourType: png[25], alphas };
}

describe('the Teams app package', () => {
  it.each(['.env.dev', '.env.local'])('has a manifest that validates against the Teams schema when filled from env/%s', async (envFile) => {
    expect(JSON.parse((await validate(envFile)).stdout)).toEqual([]);
  });

  it('offers exactly the text commands the bot understands, in Danish and in English, described as the help text describes them', () => {
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    const english = JSON.parse(readFileSync(join(folder, 'en-us.json'), 'utf8'));
    const offered = manifest.bots[0].commandLists[0].commands as { title: string; description: string }[];
    expect(offered.map((c) => c.title)).toEqual(offeredCommands.map((c) => c.da));
    expect(offered.map((_, i) => english[`bots[0].commandLists[0].commands[${i}].title`])).toEqual(offeredCommands.map((c) => c.en));
    expect(offered.map((c) => c.description)).toEqual(offeredCommands.map((c) => translator('da').t(`commands.${c.about}`)));
    expect(offered.map((_, i) => english[`bots[0].commandLists[0].commands[${i}].description`])).toEqual(offeredCommands.map((c) => translator('en').t(`commands.${c.about}`)));
    // Teams shows at most ten commands a list.
    expect(offered.length).toBeLessThanOrEqual(10);
  });

  it('recognises each command word it offers, and only the help command takes anything else', () => {
    const { help, ...commands } = textCommands;
    for (const command of Object.values(commands)) {
      for (const words of command.offered) for (const text of [words.da, words.en, ` ${words.da.toUpperCase()} `]) expect(command.pattern.test(text)).toBe(true);
    }
    expect(Object.values(commands).some((c) => c.pattern.test('ny samtale'))).toBe(false);
    expect(help.pattern.test('ny samtale')).toBe(true);
  });

  it('offers the bot in personal chats and in group and meeting chats', () => {
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    expect(manifest.bots[0].scopes).toEqual(expect.arrayContaining(['personal', 'groupChat']));
  });

  it("lets Teams sign a leader in silently for delegated filing: SSO for the bot's app id, the token service's sign-in page allowed", () => {
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    expect(manifest.webApplicationInfo).toEqual({ id: '${{BOT_ID}}', resource: 'api://botid-${{BOT_ID}}' });
    expect(manifest.validDomains).toEqual(expect.arrayContaining(['token.botframework.com', 'europe.token.botframework.com']));
  });

  it('has a 192×192 colour icon and a 32×32 outline icon with a transparent background', () => {
    const colour = decodePng('color.png');
    expect([colour.width, colour.height]).toEqual([192, 192]);
    const outline = decodePng('outline.png');
    expect([outline.width, outline.height, outline.colourType]).toEqual([32, 32, 6]);
    expect(outline.alphas).toContain(0);
    expect(new Set(outline.alphas)).toEqual(new Set([0, 255]));
  });
});
