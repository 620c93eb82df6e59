/**
 * Structured logging, one JSON line per event (or, for a local trial, a readable line). Callers
 * pass ids and codes only — never names, notes or agreements — so the log holds no personal data.
 */
export type Fields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(event: string, fields?: Fields): void;
  warn(event: string, fields?: Fields): void;
  error(event: string, fields?: Fields): void;
}

export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const log = (level: string) => (event: string, fields: Fields = {}) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }));
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

/**
 * What the start-up says, in Danish, for a person watching the console of a local trial; other
 * events are shown by their code with their fields.
 */
const spoken: Record<string, (f: Fields) => string> = {
  starting: (f) => `Starter på Node.js ${f.node} …`,
  listening: (f) => `Botten lytter på http://${f.host}:${f.port}/api/messages (${f.mode === 'local' ? 'lokal tilstand' : 'Azure'}, koncept ${f.concept}, arkivering ${f.filing === 'local' ? 'i en lokal mappe' : 'i OneDrive'}).`,
  'local mode: no bot credentials, bound to 127.0.0.1 only': () => 'Lokal tilstand: ingen botlegitimation, og kun tilgængelig fra denne maskine (127.0.0.1).',
  'reminders wait for the first activity': () => 'Forfaldne påmindelser venter, til du skriver til botten eller trykker på et kort: emulatoren viser kun, hvad der kommer, mens siden er åben.',
  'reminders start': () => 'Påmindelserne er i gang.',
  'start-up failed': (f) => `Appen kunne ikke starte: ${f.error}`
};
const levelWord: Record<string, string> = { info: '', warn: 'Advarsel: ', error: 'Fejl: ' };

/** One readable line per event, for a local trial (LOG_FORMAT=text); production logs JSON. */
export function textLogger(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const log = (level: string) => (event: string, fields: Fields = {}) => {
    const time = new Date().toTimeString().slice(0, 8);
    const rest = Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`).join(' ');
    write(`${time}  ${levelWord[level]}${spoken[event]?.(fields) ?? [event, rest].filter(Boolean).join('  ')}`);
  };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

/** The logger LOG_FORMAT asks for: `text` for a person at a console, JSON otherwise. */
export function loggerFor(format: string | undefined): Logger {
  return format === 'text' ? textLogger() : jsonLogger();
}
