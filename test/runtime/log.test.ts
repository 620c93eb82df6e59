import { jsonLogger, textLogger } from '../../src/log';

describe('the log', () => {
  it('speaks Danish at start-up for a person at the console of a local trial (LOG_FORMAT=text)', () => {
    const lines: string[] = [];
    const log = textLogger((line) => lines.push(line));
    log.info('listening', { mode: 'local', host: '127.0.0.1', port: 3978, concept: 'albertslund', filing: 'local' });
    log.warn('delivery failed', { what: 'keyword card', status: 403 });
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d {2}Botten lytter på http:\/\/127\.0\.0\.1:3978\/api\/messages \(lokal tilstand, koncept albertslund, arkivering i en lokal mappe\)\.$/);
    expect(lines[1]).toMatch(/ {2}Advarsel: delivery failed {2}what=keyword card status=403$/);
  });

  it('is one JSON line per event otherwise, as production and the tests read it', () => {
    const lines: string[] = [];
    jsonLogger((line) => lines.push(line)).info('listening', { port: 3978 });
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'info', event: 'listening', port: 3978 });
  });
});
