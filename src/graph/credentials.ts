import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { GraphConfig } from '../config';

/**
 * The app's own identity towards Microsoft Graph (app-only): a managed identity on Azure, or an
 * app registration with a certificate or a client secret. It needs Files.ReadWrite.All.
 */
export function graphCredential(config: GraphConfig): TokenCredential {
  if (config.managedIdentity) return config.clientId ? new ManagedIdentityCredential({ clientId: config.clientId }) : new ManagedIdentityCredential();
  const options = { authorityHost: config.authorityHost, disableInstanceDiscovery: config.disableInstanceDiscovery };
  if (config.certificatePath) return new ClientCertificateCredential(config.tenantId, config.clientId, { certificatePath: config.certificatePath }, options);
  return new ClientSecretCredential(config.tenantId, config.clientId, config.clientSecret, options);
}
