import { ActivityTypes, CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory, type TurnContext } from 'botbuilder';
import * as restify from 'restify';

/**
 * A bare botbuilder echo bot on restify, with the same local-mode authentication as the app: the
 * context row beside the floor bot (it stores nothing and updates no card). A message is echoed
 * into the chat; a card action is answered with a small card.
 */
async function echo(context: TurnContext): Promise<void> {
  if (context.activity.type === ActivityTypes.Message) {
    await context.sendActivity(MessageFactory.text(`echo: ${context.activity.text ?? ''}`));
  } else if (context.activity.type === ActivityTypes.Invoke) {
    const card = CardFactory.adaptiveCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: JSON.stringify(context.activity.value?.action?.data ?? {}).slice(0, 200) }] });
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card.content } } });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' } as never));
const server = restify.createServer();
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024 }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, echo);
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('{"event":"listening"}\n'));
