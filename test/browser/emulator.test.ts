import { existsSync, mkdirSync, readdirSync } from 'fs';
import { join } from 'path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { openBrowser } from '../../scripts/headlessChromium';
import { startBot, type BotProcess } from '../support/botProcess';
import { startEmulator, type Emulator } from '../support/emulator';
import { eventually } from '../support/scenario';

jest.setTimeout(180000);

const screenshotsFolder = join(__dirname, '..', '..', 'test-output');

/**
 * A leader runs a whole MUS in the local Teams emulator, in Chromium, as a person would: typing
 * in the chat, clicking the cards' buttons, picking keywords, filling in an agreement, finishing.
 * The emulator's group chat stands in for the meeting chat. Every card state is photographed.
 */
describe('a whole MUS in the Teams emulator', () => {
  let bot: BotProcess;
  let emulator: Emulator;
  let browser: BrowserContext;
  let page: Page;
  let shots = 0;
  const shot = (name: string) => card().screenshot({ path: join(screenshotsFolder, `e2e-${String(++shots).padStart(2, '0')}-${name}.png`) });
  const card = (): Locator => page.locator('.ac-adaptiveCard').last();
  const press = async (name: string) => {
    await card().getByRole('button', { name, exact: true }).click();
    await page.waitForTimeout(800);
  };
  /** Writes to the bot in the group chat, @mentioning it first as Teams needs there. */
  const mention = async (text: string) => {
    const composer = page.locator('div[contenteditable="true"][role="textbox"]');
    await composer.click();
    await composer.type('@Udv');
    // The suggestion, not the bot's name above one of its messages.
    await page.getByRole('menuitem', { name: 'Udviklingssamtale' }).click();
    await composer.type(` ${text}`);
    await page.keyboard.press('Enter');
  };
  const openChat = async (name: RegExp) => {
    await page.getByRole('treeitem', { name }).first().click();
    await page.waitForTimeout(800);
  };

  beforeAll(async () => {
    mkdirSync(screenshotsFolder, { recursive: true });
    // As `npm start`: the emulator cannot refresh a card per person, so its group chat sees the leader's view.
    bot = await startBot({ env: { LOCALE: 'da', SHARED_CARD: 'open' } });
    emulator = await startEmulator(bot.url);
    browser = await openBrowser();
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(emulator.url, { waitUntil: 'domcontentloaded' });
    await page.getByRole('treeitem', { name: /MUS-mødet/ }).first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.stop();
    await bot?.stop();
  });

  it('creates the MUS from the meeting chat', async () => {
    await openChat(/MUS-mødet/);
    await mention('ny mus');
    await card().getByText('Ny udviklingssamtale').waitFor();
    await shot('create');

    // A MUS is held with one person: the card is the form for a MUS alone.
    await expect(card().innerText()).resolves.not.toContain('Erstatter MUS');
    await card().getByRole('combobox', { name: /^Samtale med/ }).click();
    await page.getByRole('option', { name: 'Søren Ærø' }).click();
    await card().getByRole('combobox', { name: /Dato for samtalen/ }).fill('2030-03-14');
    await page.keyboard.press('Escape');
    await card().getByText("Walk'n'talk").click();
    await press('Opret og send stikord');
    await card().getByText('MUS med Søren Ærø', { exact: true }).waitFor();
    await shot('preparation');
    await expect(card().innerText()).resolves.toContain("14. marts 2030 · Walk'n'talk");
  });

  it('shows the leader the keyword card in the 1:1 chat and refuses a fourth keyword', async () => {
    await openChat(/Personal Chat/);
    await card().getByText('Vælg de 3 stikord').waitFor();
    await shot('keywords');
    // The 33 keywords are one list that opens (compact on a desktop and a phone alike).
    const pick = async (keywords: string[]) => {
      await card().getByRole('combobox', { name: /Dine 3 stikord/ }).click();
      for (const keyword of keywords) await page.getByRole('menuitemcheckbox', { name: keyword, exact: true }).click();
      await page.keyboard.press('Escape');
    };
    await pick(['Mod', 'Ansvar', 'Økonomi', 'Møder']);
    await press('Gem mine stikord');
    await card().getByText('Vælg præcis 3 stikord – du valgte 4.').waitFor();
    await shot('keywords-refused');
    await pick(['Møder']);
    await press('Gem mine stikord');
    await card().getByText(/Dine stikord er gemt/).waitFor();
    await shot('keywords-saved');
  });

  it('walks the questions with notes and keywords in play, and records an agreement', async () => {
    await openChat(/MUS-mødet/);
    await expect(card().innerText()).resolves.toMatch(/Lene Løvgren \(Leder\)\s+har valgt/);
    await press('Start samtalen');
    // Søren cannot pick in the emulator: the leader is told who has not picked, and confirms.
    await card().getByText('Søren Ærø har ikke valgt stikord endnu. Vil du starte samtalen alligevel?').waitFor();
    await shot('start-confirmation');
    await press('Start alligevel');
    await card().getByText('Samtalen er i gang').waitFor();
    await shot('overview');
    await press('Næste');
    await card().getByText('Adfærd (violet)').waitFor();
    await card().getByRole('textbox', { name: /Noter/ }).fill('Trives godt – ønsker mere sparring med kollegaer i Økonomi');
    // A walk'n'talk card folds the keywords into a list that opens (it is read on a phone).
    await card().getByRole('combobox', { name: /Stikord, der er kommet i spil/ }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Mod (Lene Løvgren)' }).click();
    await page.keyboard.press('Escape');
    await shot('question');
    for (let i = 0; i < 3; i++) await press('Næste');
    await card().getByText('Hvad, hvornår, hvem? Hvem har ansvar, hvornår følges der op?').waitFor();
    await card().getByRole('textbox', { name: /Hvad aftaler I/ }).fill('Kursus i svære samtaler');
    await card().getByRole('textbox', { name: /Hvornår\?/ }).fill('Foråret 2030');
    await press('Tilføj aftale');
    await card().getByText('Ikke færdig – mangler: ansvarlig og opfølgningsdato').waitFor();
    await shot('agreement-unfinished');
    await press('Redigér');
    await card().getByText('Du redigerer aftalen: Kursus i svære samtaler').waitFor();
    await card().getByRole('combobox', { name: /Hvem har ansvaret/ }).click();
    await page.getByRole('option', { name: 'Søren Ærø' }).click();
    await card().getByRole('combobox', { name: /Hvornår følges der op/ }).fill('2030-05-01');
    await page.keyboard.press('Escape');
    await press('Gem ændringer');
    // The shared card, updated for everyone, may replace the acting person's "saved" banner: wait for the state.
    await card().getByText('1. maj 2030').waitFor();
    await expect(card().innerText()).resolves.not.toContain('Ikke færdig');
    await shot('agreement-saved');
  });

  it('finishes from the review and files the plan as PDF in the personnel folder', async () => {
    for (let i = 0; i < 8; i++) await press('Næste');
    await press('Til gennemgang');
    await card().getByText('Gennemgå planen sammen', { exact: false }).waitFor();
    await shot('review');
    await press('Afslut og arkivér planen');
    await card().getByText('Udviklingsplanen er færdig').waitFor();
    await shot('finished');
    // The card answers at once; the filing may still be going on.
    const folder = join(bot.filingRoot, 'Lene Løvgren', 'Personalemapper', 'Søren Ærø');
    await eventually(() => existsSync(join(folder, 'MUS 2030-03-14.pdf')), 'the filed plan');
    expect(readdirSync(folder)).toEqual(['MUS 2030-03-14.pdf']);
  });

  it('cancels a second MUS before it is held: the card says so, with nothing of the keywords left', async () => {
    await mention('ny mus');
    await card().getByText('Ny udviklingssamtale').waitFor();
    await card().getByRole('combobox', { name: /^Samtale med/ }).click();
    await page.getByRole('option', { name: 'Søren Ærø' }).click();
    await card().getByRole('combobox', { name: /Dato for samtalen/ }).fill('2031-03-13');
    await page.keyboard.press('Escape');
    await press('Opret og send stikord');
    await card().getByText('13. marts 2031 · Ved et bord', { exact: true }).waitFor();
    await press('Aflys samtalen');
    await card().getByText('Det kan ikke fortrydes.', { exact: false }).waitFor();
    await card().getByRole('textbox', { name: /Besked til deltagerne/ }).fill('Vi finder en ny dato.');
    await shot('cancel');
    await press('Ja, aflys samtalen');
    await card().getByText('MUS den 13. marts 2031 er aflyst. De valgte stikord er slettet.').waitFor();
    await shot('cancelled');
    await expect(card().getByRole('button').count()).resolves.toBe(0);
  });
});
