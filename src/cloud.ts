import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { BlobServiceClient } from '@azure/storage-blob';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Config, StorageConfig } from './config';
import type { Person } from './domain/conversation';
import { graphCredential } from './graph/credentials';
import { createGraphClient } from './graph/graphClient';
import { GraphFilingTarget } from './filing/graphFilingTarget';
import { GraphAppInstaller } from './graph/appInstallation';
import { GraphMeetingCalendar } from './graph/meetingCalendar';
import type { Logger } from './log';
import { ownerCredential, type OwnerTokens } from './graph/ownerCredential';
import { BlobStorage } from './storage/blobStorage';

/**
 * The parts that talk to Azure and Microsoft Graph. The runtime loads this module only when the
 * configuration asks for them, so local mode does not carry the Azure SDKs in memory.
 */
export function openBlobStorage(storage: Extract<StorageConfig, { kind: 'blob' }>): BlobStorage {
  const options = { retryOptions: { maxTries: storage.maxTries, tryTimeoutInMs: storage.tryTimeoutMs, retryDelayInMs: 200 } };
  const service = storage.connectionString
    ? BlobServiceClient.fromConnectionString(storage.connectionString, options)
    : new BlobServiceClient(storage.accountUrl, new DefaultAzureCredential(), options);
  return new BlobStorage(service.getContainerClient(storage.container));
}

/** The app's own Graph client (app-only), for filing and the directory: they share its credential and token cache. */
export function graphClient(config: Config): Client {
  return graphClientWith(config, graphCredential(config.filing.graph));
}

/** A Graph client acting as the owner of a personnel folder, with their own (delegated) token. */
export async function ownerGraphClient(config: Config, owner: Person, tokens: OwnerTokens): Promise<Client> {
  return graphClientWith(config, await ownerCredential(owner.id, tokens));
}

function graphClientWith(config: Config, credential: TokenCredential): Client {
  const graph = config.filing.graph;
  return createGraphClient({ credential, baseUrl: graph.baseUrl, timeoutMs: graph.timeoutMs, maxRetries: graph.maxRetries });
}

export function graphFilingTarget(config: Config, clientFor: (owner: Person) => Promise<Client>): GraphFilingTarget {
  const graph = config.filing.graph;
  return new GraphFilingTarget({
    clientFor,
    rootFolder: config.filing.personnelFolder,
    simpleUploadLimit: graph.simpleUploadLimit,
    chunkSize: 10 * 320 * 1024,
    timeoutMs: graph.timeoutMs,
    permission: config.filing.auth.kind === 'delegated' ? 'Files.ReadWrite' : 'Files.ReadWrite.All'
  });
}

/** Installs the app where the bot is not let in yet, as the app itself (the Teams app's own Entra registration: "Self" permissions). */
export function appInstaller(config: Config, catalogId: string, log: Logger): GraphAppInstaller {
  return new GraphAppInstaller(graphClient(config), catalogId, config.filing.graph.baseUrl, log);
}

/** The organisers' calendars, with Teams meetings and their chats, as the app itself. */
export function meetingCalendar(config: Config, catalogId: string): GraphMeetingCalendar {
  return new GraphMeetingCalendar(graphClient(config), { graphBaseUrl: config.filing.graph.baseUrl, catalogId });
}
