import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { BlobServiceClient } from '@azure/storage-blob';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Config, StorageConfig } from './config';
import type { Person } from './domain/conversation';
import { graphCredential } from './graph/credentials';
import { createGraphClient } from './graph/graphClient';
import type { DriveUploadOptions } from './filing/driveFiles';
import { GraphFilingTarget } from './filing/graphFilingTarget';
import { GraphAppInstaller } from './graph/appInstallation';
import { GraphMeetingCalendar } from './graph/meetingCalendar';
import type { Logger } from './log';
import { GraphPlanCopier } from './filing/graphPlanCopier';
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

/**
 * Filing into each leader's OneDrive (Files.ReadWrite.All app-only, Files.ReadWrite delegated), or
 * into the personnel archive (Sites.Selected, with the write role granted on the archive's site).
 */
export function graphFilingTarget(config: Config, clientFor: (owner: Person) => Promise<Client>): GraphFilingTarget {
  const { personnelDrive } = config.filing;
  return new GraphFilingTarget({
    clientFor,
    drive: personnelDrive ? { kind: 'library', driveId: personnelDrive } : { kind: 'oneDrive', rootFolder: config.filing.personnelFolder },
    ...driveUploads(config)
  });
}

/** Copies filed plans between leaders' OneDrives for a handover, with the app's own client (Files.ReadWrite.All). */
export function graphPlanCopier(config: Config, client: Client): GraphPlanCopier {
  return new GraphPlanCopier({ client, rootFolder: config.filing.personnelFolder, ...driveUploads(config) });
}

function driveUploads(config: Config): Omit<DriveUploadOptions, 'place'> {
  const { graph, personnelDrive, auth } = config.filing;
  return {
    simpleUploadLimit: graph.simpleUploadLimit,
    chunkSize: 10 * 320 * 1024,
    timeoutMs: graph.timeoutMs,
    permission: personnelDrive ? 'Sites.Selected' : auth.kind === 'delegated' ? 'Files.ReadWrite' : 'Files.ReadWrite.All'
  };
}

/** Installs the app where the bot is not let in yet, as the app itself (the Teams app's own Entra registration: "Self" permissions). */
export function appInstaller(config: Config, catalogId: string, log: Logger): GraphAppInstaller {
  return new GraphAppInstaller(graphClient(config), catalogId, config.filing.graph.baseUrl, log);
}

/** The organisers' calendars, with Teams meetings and their chats, as the app itself. */
export function meetingCalendar(config: Config, catalogId: string): GraphMeetingCalendar {
  return new GraphMeetingCalendar(graphClient(config), { graphBaseUrl: config.filing.graph.baseUrl, catalogId });
}
