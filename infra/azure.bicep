// Azure resources for one municipality: an App Service (Node 24 LTS, Linux) running the bot, the
// Azure Bot registration with the Teams channel, the storage account that holds the app's state,
// and the Key Vault that holds the bot's secret. The bot is single-tenant: only the municipality's
// Entra ID tenant can talk to it. The app reaches Blob Storage, Key Vault and Microsoft Graph with
// the web app's system-assigned managed identity; no storage key or connection string exists.
@maxLength(20)
@minLength(4)
param resourceBaseName string
param botAadAppClientId string
@secure()
param botAadAppClientSecret string
param botTenantId string
param webAppSKU string = 'B1'
param botDisplayName string = 'Udviklingssamtale'
param location string = resourceGroup().location
@description('Who files plans in OneDrive: the app itself (app), or each leader through their Teams sign-in (delegated).')
@allowed(['app', 'delegated'])
param filingAuth string = 'app'
param filingConnectionName string = 'personalemapper'
@description('Where plans are filed: each leader\'s OneDrive (graph), or the personnel archive, a SharePoint document library (archive, with personnelDrive; app-only with Sites.Selected: see README).')
@allowed(['graph', 'archive'])
param filingTarget string = 'graph'
@description('The personnel archive\'s drive id (b!…), for filingTarget=archive.')
param personnelDrive string = ''
@description('Redundancy of the storage account that holds the HR state (zone-redundant by default).')
param storageSku string = 'Standard_ZRS'

// Delegated filing: the leaders' tokens go through the EU instance of the Bot Framework token service.
var delegatedFilingSettings = filingAuth == 'delegated' ? [
  { name: 'FILING_AUTH', value: 'delegated' }
  { name: 'FILING_OAUTH_CONNECTION', value: filingConnectionName }
  { name: 'BOT_OAUTH_URL', value: 'https://europe.token.botframework.com' }
] : []

// The personnel archive: every plan in one document library instead of the leaders' OneDrives.
var archiveFilingSettings = filingTarget == 'archive' ? [
  { name: 'PERSONNEL_DRIVE', value: personnelDrive }
] : []

resource serverfarm 'Microsoft.Web/serverfarms@2022-09-01' = {
  kind: 'linux'
  location: location
  name: resourceBaseName
  sku: { name: webAppSKU }
  properties: { reserved: true }
}

resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  kind: 'app,linux'
  location: location
  name: resourceBaseName
  // Its identity reaches Blob Storage, Key Vault (the bot's secret, and the storage key that wraps data keys) and (app-only filing) Microsoft Graph.
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      alwaysOn: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appCommandLine: 'bash scripts/run-app.sh'
      appSettings: concat([
        { name: 'MicrosoftAppId', value: botAadAppClientId }
        { name: 'MicrosoftAppType', value: 'SingleTenant' }
        { name: 'MicrosoftAppTenantId', value: botTenantId }
        { name: 'PUBLIC_URL', value: 'https://${resourceBaseName}.azurewebsites.net' }
        { name: 'DATA_DIR', value: '/home/data' }
        { name: 'TIME_ZONE', value: 'Europe/Copenhagen' }
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
      ], dataSettings, delegatedFilingSettings, archiveFilingSettings, storageEncryptionSettings)
    }
  }
}

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  kind: 'azurebot'
  location: 'global'
  name: resourceBaseName
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: botAadAppClientId
    msaAppType: 'SingleTenant'
    msaAppTenantId: botTenantId
  }
  sku: { name: 'F0' }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  location: 'global'
  name: 'MsTeamsChannel'
  properties: { channelName: 'MsTeamsChannel' }
}

// The OAuth connection that gives a signed-in leader's Graph token (Teams SSO exchanges into it).
resource filingConnection 'Microsoft.BotService/botServices/connections@2022-09-15' = if (filingAuth == 'delegated') {
  parent: botService
  location: 'global'
  name: filingConnectionName
  properties: {
    serviceProviderDisplayName: 'Azure Active Directory v2'
    serviceProviderId: '30dd229c-58e3-4a48-bdfd-91ec48eb906c'
    clientId: botAadAppClientId
    clientSecret: botAadAppClientSecret
    scopes: 'Files.ReadWrite offline_access openid profile'
    parameters: [
      { key: 'tenantID', value: botTenantId }
      { key: 'tokenExchangeUrl', value: 'api://botid-${botAadAppClientId}' }
    ]
  }
}

// --- Storage encryption (#16): the key that wraps the data key of every stored record. ---
// The app encrypts each record's content before storing it; the data keys are wrapped by this RSA
// key, whose private half never leaves Key Vault. Access is by Azure RBAC: the app's managed
// identity gets Key Vault Crypto User on this one key (read it, wrap, unwrap), nothing on the
// vault's other contents. Purge protection, because losing the key means losing every record.
// A yearly rotation makes a new version; the app wraps new data keys with the newest version and
// still unwraps old ones, so no version may be deleted while records wrapped with it remain.
@description('The Key Vault holding the storage key (3–24 letters, digits and hyphens, unique in Azure).')
@maxLength(24)
param storageKeyVaultName string = '${resourceBaseName}-kv'

resource storageVault 'Microsoft.KeyVault/vaults@2022-07-01' = {
  name: storageKeyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

// Created once: the ARM key API does not make a new version when the deployment runs again.
resource storageKey 'Microsoft.KeyVault/vaults/keys@2022-07-01' = {
  parent: storageVault
  name: 'storage'
  properties: {
    kty: 'RSA'
    keySize: 3072
    keyOps: [ 'wrapKey', 'unwrapKey' ]
    rotationPolicy: {
      lifetimeActions: [
        { trigger: { timeAfterCreate: 'P1Y' }, action: { type: 'rotate' } }
      ]
    }
  }
}

// Key Vault Crypto User, on the storage key only.
var keyVaultCryptoUser = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '12338af0-0e69-4776-bea7-57ae8d297424')

resource storageKeyAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageKey.id, webApp.id, keyVaultCryptoUser)
  scope: storageKey
  properties: {
    roleDefinitionId: keyVaultCryptoUser
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The versionless key id: the app follows rotation by itself.
var storageEncryptionSettings = [
  { name: 'STORAGE_KEY_ID', value: storageKey.properties.keyUri }
]

output STORAGE_KEY_ID string = storageKey.properties.keyUri
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'

// ---------------------------------------------------------------------------------------------
// Where the HR state lives, and the bot's secret (#16.6). A default deploy keeps every record in
// Blob Storage, files plans in the leaders' OneDrive, and has no plain secret in its settings;
// the app refuses file storage and local filing outside local mode (UNSAFE_PRODUCTION aside).

// The app's state: Blob Storage reached with the web app's managed identity only (no account keys,
// no anonymous blobs, TLS 1.2). No blob versions and no soft delete: what the retention sweep
// removes must be gone, not kept as an older version.
resource storageAccount 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: take('${replace(toLower(resourceBaseName), '-', '')}${uniqueString(resourceGroup().id)}', 24)
  location: location
  kind: 'StorageV2'
  sku: { name: storageSku }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
    accessTier: 'Hot'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-01-01' = {
  parent: storageAccount
  name: 'default'
  properties: {
    isVersioningEnabled: false
    deleteRetentionPolicy: { enabled: false }
    containerDeleteRetentionPolicy: { enabled: false }
  }
}

resource stateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01' = {
  parent: blobService
  name: 'udviklingssamtaler'
  properties: { publicAccess: 'None' }
}

// Storage Blob Data Contributor for the web app's identity, on this account only.
resource stateAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storageAccount
  name: guid(storageAccount.id, webApp.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The Key Vault (RBAC, purge protection): it holds the bot's secret; other secrets and keys of the
// app's go here too.
resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${toLower(resourceBaseName)}kv${uniqueString(resourceGroup().id)}', 24)
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource botSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'bot-secret'
  properties: { value: botAadAppClientSecret }
}

// Key Vault Secrets User for the web app's identity: App Service resolves the Key Vault reference
// in MicrosoftAppPassword with it.
resource secretAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: keyVault
  name: guid(keyVault.id, webApp.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The settings that put state in Blob Storage and plans in OneDrive or the personnel archive
// (app-only filing with the web app's identity, which needs Files.ReadWrite.All, or Sites.Selected
// with write on the archive's site, granted in Entra ID and SharePoint: see README), and the secret
// as a Key Vault reference (versionless: a rotated secret is picked up).
var dataSettings = [
  { name: 'MicrosoftAppPassword', value: '@Microsoft.KeyVault(SecretUri=${botSecret.properties.secretUri})' }
  { name: 'STORAGE', value: 'blob' }
  { name: 'AZURE_STORAGE_ACCOUNT_URL', value: storageAccount.properties.primaryEndpoints.blob }
  { name: 'STORAGE_CONTAINER', value: stateContainer.name }
  { name: 'FILING_TARGET', value: filingTarget }
  { name: 'GRAPH_MANAGED_IDENTITY', value: 'true' }
]

output AZURE_STORAGE_ACCOUNT_NAME string = storageAccount.name
output KEY_VAULT_NAME string = keyVault.name
output WEB_APP_PRINCIPAL_ID string = webApp.identity.principalId

