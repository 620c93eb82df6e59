import { readFileSync } from 'fs';

/**
 * Start-up's floor: a process that loads the very modules the app had loaded by its first answer
 * (SDK_MODULES, the list moduleRecorder.ts wrote) and answers messages as a bare botbuilder bot on
 * restify does, with one reply through the Bot Connector. The app's own start-up work on top of
 * this is what the comparison shows.
 */
for (const file of JSON.parse(readFileSync(process.env.SDK_MODULES!, 'utf8')) as string[]) require(file);

// Loaded by the list above already; these only name them.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import * as restify from 'restify';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' } as never));
const server = restify.createServer();
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024 }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, async (context: TurnContext) => {
    await context.sendActivity('Hej');
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('{"event":"listening"}\n'));
