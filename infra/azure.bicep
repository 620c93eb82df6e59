// Azure resources for one municipality: an App Service (Node 24 LTS, Linux) running the bot, and the
// Azure Bot registration with the Teams channel. The bot is single-tenant: only the municipality's
// Entra ID tenant can talk to it.
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

// Delegated filing: the leaders' tokens go through the EU instance of the Bot Framework token service.
var delegatedFilingSettings = filingAuth == 'delegated' ? [
  { name: 'FILING_TARGET', value: 'graph' }
  { name: 'FILING_AUTH', value: 'delegated' }
  { name: 'FILING_OAUTH_CONNECTION', value: filingConnectionName }
  { name: 'BOT_OAUTH_URL', value: 'https://europe.token.botframework.com' }
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
  // The app's own identity: it unwraps storage data keys in Key Vault with it (see the storage key below).
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
        { name: 'MicrosoftAppPassword', value: botAadAppClientSecret }
        { name: 'MicrosoftAppType', value: 'SingleTenant' }
        { name: 'MicrosoftAppTenantId', value: botTenantId }
        { name: 'PUBLIC_URL', value: 'https://${resourceBaseName}.azurewebsites.net' }
        { name: 'DATA_DIR', value: '/home/data' }
        { name: 'TIME_ZONE', value: 'Europe/Copenhagen' }
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
      ], delegatedFilingSettings, storageEncryptionSettings)
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
