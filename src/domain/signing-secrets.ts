// Which secrets sign an endpoint's deliveries (openapi.yaml: rotateWebhookEndpointSecret): its
// current one, and for 24 hours after a rotation the one it replaced, so that a receiver can
// switch in its own time.
export interface EndpointSecrets {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

export function previousSecretSigns(endpoint: Omit<EndpointSecrets, 'secret' | 'previousSecret'>, now: Date): boolean {
  return endpoint.previousSecretExpiresAt !== null && endpoint.previousSecretExpiresAt > now;
}

export function signingSecrets(endpoint: EndpointSecrets, now: Date): string[] {
  return endpoint.previousSecret !== null && previousSecretSigns(endpoint, now)
    ? [endpoint.secret, endpoint.previousSecret]
    : [endpoint.secret];
}
