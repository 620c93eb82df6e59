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
      ], delegatedFilingSettings)
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

output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
