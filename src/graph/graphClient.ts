import type { TokenCredential } from '@azure/identity';
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type GraphError,
  type Middleware
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';

export interface GraphClientOptions {
  credential: TokenCredential;
  /** "https://graph.microsoft.com", or a national cloud's Graph host, or a test server. */
  baseUrl: string;
  /** Defaults to the base URL's ".default" scope, which national clouds need. */
  scope?: string;
  timeoutMs: number;
  maxRetries: number;
}

/**
 * A request that gets no answer within the time limit is answered here as a 504, which the retry
 * handler retries like any other gateway timeout; a hanging Graph never hangs a filing.
 */
export class TimeoutHandler implements Middleware {
  private next?: Middleware;

  constructor(private readonly timeoutMs: number) {}

  async execute(context: Context): Promise<void> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    context.options = { ...context.options, signal: controller.signal } as Context['options'];
    try {
      await this.next!.execute(context);
    } catch (error) {
      if (!controller.signal.aborted) throw error;
      context.response = new Response(null, { status: 504, statusText: 'No answer from Microsoft Graph in time' });
    } finally {
      clearTimeout(timer);
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** A Graph client that authenticates with the given credential, retries 429/503/504 honouring Retry-After, and times out. */
export function createGraphClient(options: GraphClientOptions): Client {
  const authProvider = new TokenCredentialAuthenticationProvider(options.credential, {
    scopes: [options.scope ?? `${new URL(options.baseUrl).origin}/.default`]
  });
  const chain: Middleware[] = [
    new AuthenticationHandler(authProvider),
    new RetryHandler(new RetryHandlerOptions(1, options.maxRetries)),
    new TimeoutHandler(options.timeoutMs),
    new HTTPMessageHandler()
  ];
  // The token goes only to hosts the client knows as Graph: the configured endpoint is one.
  const customHosts = new Set([new URL(options.baseUrl).hostname]);
  return Client.initWithMiddleware({ middleware: chain, baseUrl: options.baseUrl, defaultVersion: 'v1.0', customHosts });
}

/** The HTTP status a Graph call failed with; undefined when no answer came (a network failure). */
export function graphStatus(error: unknown): number | undefined {
  const status = (error as GraphError).statusCode ?? (error as { statusCode?: number }).statusCode;
  return typeof status === 'number' && status > 0 ? status : undefined;
}
