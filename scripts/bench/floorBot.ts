import { ActivityTypes, CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory, TurnContext } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity, type ConnectorClient } from 'botframework-connector';
import { readFileSync } from 'fs';
import * as restify from 'restify';
import { blobRecords, fileRecords } from './floorRecords';

/**
 * The floor: the least any stateful card bot on botbuilder and restify does for a turn. It reads
 * the conversation's one JSON record, adds what the turn submitted, writes it back, and shows a
 * card built once at start-up (FLOOR_CARD: a card the app showed) with one call to the Bot
 * Connector through one kept client per service URL: a card action updates the card it came from
 * (updateActivity) and is answered with that card; a message gets the card as a new message.
 * Local-mode authentication, as the app's.
 */
const card = CardFactory.adaptiveCard(JSON.parse(readFileSync(process.env.FLOOR_CARD!, 'utf8')));
const records = process.env.FLOOR_STORE === 'blob'
  ? blobRecords(process.env.AZURE_STORAGE_CONNECTION_STRING!, process.env.FLOOR_CONTAINER ?? 'floor')
  : fileRecords(process.env.FLOOR_DIR!);

const authentication = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' } as never);
const connectorFactory = authentication.createConnectorFactory(
  new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: '' }, { type: AuthenticationConstants.AppIdClaim, value: '' }], true)
);
const connectors = new Map<string, Promise<ConnectorClient>>();
const connectorFor = (serviceUrl: string) => {
  if (!connectors.has(serviceUrl)) connectors.set(serviceUrl, connectorFactory.create(serviceUrl));
  return connectors.get(serviceUrl)!;
};

async function turn(context: TurnContext): Promise<void> {
  const { activity } = context;
  const key = activity.conversation.id;
  const stored = await records.read(key);
  const submitted = activity.type === ActivityTypes.Invoke ? activity.value?.action?.data : activity.text;
  await records.write(key, { turns: (stored?.value.turns ?? 0) + 1, submitted: [...(stored?.value.submitted ?? []), submitted] }, stored?.version);

  const connector = await connectorFor(activity.serviceUrl);
  const message = TurnContext.applyConversationReference(MessageFactory.attachment(card), TurnContext.getConversationReference(activity));
  if (activity.type === ActivityTypes.Invoke && activity.replyToId) {
    await connector.conversations.updateActivity(key, activity.replyToId, { ...message, id: activity.replyToId });
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card.content } } });
  } else if (activity.type === ActivityTypes.Message) {
    await connector.conversations.sendToConversation(key, message);
  }
}

const adapter = new CloudAdapter(authentication);
const server = restify.createServer();
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024 }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, turn);
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('{"event":"listening"}\n'));
