import { generateKeyPairSync, randomUUID, type KeyObject } from 'crypto';
import { createServer, type Server } from 'https';
import type { AddressInfo } from 'net';
import { sign } from 'jsonwebtoken';

/**
 * Plays the Bot Connector's token issuer on 127.0.0.1: publishes an OpenID configuration and a
 * signing key endorsed for Teams, and signs channel tokens with it — or with a key nobody published.
 */
export class FakeChannelIssuer {
  private server?: Server;
  private readonly kid = randomUUID();
  private readonly key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

  constructor(private readonly tls: { key: string; cert: string }) {}

  get metadataUrl(): string {
    return `${this.url}/v1/.well-known/openidconfiguration`;
  }

  private get url(): string {
    return `https://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    this.server = createServer(this.tls, (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (req.url === '/v1/.well-known/openidconfiguration') {
        return void res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${this.url}/v1/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      }
      const jwk = this.key.publicKey.export({ format: 'jwk' });
      res.end(JSON.stringify({ keys: [{ ...jwk, kid: this.kid, use: 'sig', endorsements: ['msteams'] }] }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** A channel token as the Bot Connector issues it; each option spoils it one way. */
  token(audience: string, serviceUrl: string, spoil: { expired?: boolean; audience?: string; unpublishedKey?: boolean } = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const key: KeyObject = spoil.unpublishedKey ? this.stranger.privateKey : this.key.privateKey;
    return sign(
      { serviceurl: serviceUrl, nbf: now - 600, exp: spoil.expired ? now - 300 : now + 3600 },
      key.export({ format: 'pem', type: 'pkcs8' }),
      { algorithm: 'RS256', keyid: this.kid, issuer: 'https://api.botframework.com', audience: spoil.audience ?? audience }
    );
  }
}
