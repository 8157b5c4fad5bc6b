/**
 * Which endpoint a failed AWS call went to, for error messages. The endpoint can come from the
 * "endpoint" option, AWS_ENDPOINT_URL, a per-service AWS_ENDPOINT_URL_EVENTBRIDGE / _SQS / _STS,
 * or a profile's endpoint_url: rather than re-derive the SDK's precedence, a middleware on each
 * client reads the URL the request was actually sent to, and records it on the error when the
 * SDK says the endpoint is a custom one (given, or configured by environment or profile).
 * Messages then name that endpoint, never "AWS" when the call went to an emulator.
 */
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { STSClient } from '@aws-sdk/client-sts';

/** The shape of a build-step middleware, kept local: only the request's URL is read. */
type BuildHandler = (args: { readonly request: unknown }) => Promise<unknown>;
type BuildMiddleware = (next: BuildHandler) => BuildHandler;
interface MiddlewareStackLike {
  add(middleware: BuildMiddleware, options: { readonly step: 'build'; readonly name: string }): void;
}

/** Registered, so that an error from any copy of this module is read the same. */
const ENDPOINT = Symbol.for('jest-eventbridge.endpoint');

interface SentRequest {
  readonly protocol?: string;
  readonly hostname?: string;
  readonly port?: number;
  readonly path?: string;
}

function urlOf(request: unknown): string | undefined {
  if (typeof request !== 'object' || request === null) return undefined;
  const { protocol, hostname, port, path } = request as SentRequest;
  if (typeof hostname !== 'string' || hostname === '') return undefined;
  const base = `${protocol ?? 'https:'}//${hostname}${port ? `:${port}` : ''}`;
  return path && path !== '/' ? `${base}${path}` : base;
}

interface EndpointConfig {
  readonly isCustomEndpoint?: boolean;
  readonly serviceConfiguredEndpoint?: () => Promise<string | undefined>;
}

/** Whether the SDK sends this client's calls to an endpoint someone chose (not AWS's own). */
async function isChosenEndpoint(config: EndpointConfig): Promise<boolean> {
  if (config.isCustomEndpoint) return true;
  try {
    return (await config.serviceConfiguredEndpoint?.()) !== undefined;
  } catch {
    return false; // a broken profile is the SDK's error to report, not this lookup's
  }
}

/** Adds the middleware to a client; errors of its calls then carry the endpoint they went to. */
export function recordEndpointInErrors(client: EventBridgeClient | SQSClient | STSClient): void {
  const config = (client.config ?? {}) as EndpointConfig;
  const middleware: BuildMiddleware = (next) => async (args) => {
    try {
      return await next(args);
    } catch (error) {
      const url = urlOf(args.request);
      if (url !== undefined && typeof error === 'object' && error !== null && !(ENDPOINT in error) && (await isChosenEndpoint(config))) {
        Object.defineProperty(error, ENDPOINT, { value: url, enumerable: false });
      }
      throw error;
    }
  };
  // At the build step the request has its resolved URL; the retries (finalizeRequest) run
  // inside it, so the error seen here is the last one.
  (client.middlewareStack as unknown as MiddlewareStackLike).add(middleware, {
    step: 'build',
    name: 'jestEventBridgeEndpointInErrors',
  });
}

/** The endpoint a failed call went to, when it was not AWS's own. */
export function endpointOfError(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value: unknown = (error as Record<symbol, unknown>)[ENDPOINT];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The endpoint a client's calls go to when someone chose it (option, environment or profile),
 * as the SDK resolves it; undefined for AWS's own endpoints.
 */
export async function chosenEndpoint(client: EventBridgeClient | SQSClient | STSClient): Promise<string | undefined> {
  const config = (client.config ?? {}) as EndpointConfig & { readonly endpoint?: () => Promise<unknown> };
  if (config.isCustomEndpoint && config.endpoint) return urlOf(await config.endpoint());
  try {
    return await config.serviceConfiguredEndpoint?.();
  } catch {
    return undefined;
  }
}
