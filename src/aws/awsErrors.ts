import { endpointOfError } from './endpointInErrors';

/**
 * Turns what the AWS SDK throws into a sentence a test author can act on. The SDK's own error
 * stays attached as `cause` for the curious; the message never includes credentials.
 */
export interface AwsErrorContext {
  readonly action: string;
  readonly eventBusName?: string;
  readonly endpoint?: string;
  readonly region?: string;
}

interface ErrorLike {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

function asErrorLike(error: unknown): ErrorLike {
  return typeof error === 'object' && error !== null ? error : { message: String(error) };
}

const CONNECTION_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH'];

export function errorCode(error: unknown): string {
  const e = asErrorLike(error);
  return e.code ?? e.name ?? 'Error';
}

export function describeAwsError(error: unknown, context: AwsErrorContext): string {
  const e = asErrorLike(error);
  const code = errorCode(error);
  // The endpoint the call went to, however it was configured; else the one the caller knows.
  const endpoint = endpointOfError(error) ?? context.endpoint;
  const where = endpoint ? `endpoint ${endpoint}` : `AWS${context.region ? ` (${context.region})` : ''}`;
  const text = e.message ?? '';

  if (code === 'CredentialsProviderError' || /Could not load credentials/i.test(text)) {
    return `${context.action} failed: no AWS credentials were found. Set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (any value works against an emulator).`;
  }
  if (/Region is missing/i.test(text)) {
    return `${context.action} failed: no AWS region is set. Set the "region" option or AWS_REGION.`;
  }
  // Inside Jest's sandbox node:http errors can lose their code (they fail `instanceof Error`
  // there, and the SDK wraps them), leaving only "socket hang up" in the text.
  const connection =
    CONNECTION_CODES.find((c) => code === c || text.includes(c)) ?? (/socket hang up/i.test(text) ? 'socket hang up' : undefined);
  if (connection || code === 'TimeoutError') {
    return `${context.action} failed: cannot reach ${where} (${connection ?? code}). Is the emulator running, and are the "endpoint" option and AWS_ENDPOINT_URL right?`;
  }
  if (code === 'ResourceNotFoundException' && context.eventBusName !== undefined && /bus/i.test(text)) {
    return `${context.action} failed: event bus "${context.eventBusName}" does not exist at ${where}. Create it first, or fix "eventBusName" (and the region).`;
  }
  if (
    [
      'UnrecognizedClientException',
      'InvalidClientTokenId',
      'SignatureDoesNotMatch',
      'ExpiredToken',
      'ExpiredTokenException',
      'InvalidSignatureException',
    ].includes(code)
  ) {
    return `${context.action} failed: AWS rejected the credentials (${code}). Refresh them, or check AWS_PROFILE and the region.`;
  }
  if (['AccessDenied', 'AccessDeniedException'].includes(code)) {
    return `${context.action} failed: access denied (${code}). The capture needs the IAM actions listed in the README's "IAM permissions" section. AWS said: ${text}`;
  }
  const status = e.$metadata?.httpStatusCode;
  return `${context.action} failed: ${code}${status ? ` (HTTP ${status})` : ''}: ${text}`;
}

/** Deleting something already gone is success for a teardown. */
export function isNotFound(error: unknown): boolean {
  const code = errorCode(error);
  return (
    code === 'ResourceNotFoundException' ||
    code === 'QueueDoesNotExist' ||
    code === 'AWS.SimpleQueueService.NonExistentQueue' ||
    code === 'NonExistentQueue'
  );
}

export function isAbort(error: unknown): boolean {
  const name = asErrorLike(error).name;
  return name === 'AbortError';
}
