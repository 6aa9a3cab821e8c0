// The organization's webhook endpoints (admins): register, change, test and delete them, rotate
// their signing secrets, and read and replay their delivery logs.
import { deleteSafelyRetried, everyItem, type CallOptions, type Calls } from './calls.js';
import type {
  CreateWebhookEndpointRequest,
  ListWebhookDeliveriesQuery,
  RedeliverRequest,
  UpdateWebhookEndpointRequest,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookEndpoint,
  WebhookEndpointCreated,
  WebhookEndpointDeleted,
  WebhookEndpointList,
  WebhookSecretRotation,
} from './types.js';

const endpointPath = (endpointId: string) => ({ path: { endpoint_id: endpointId } });

export function webhookEndpointMethods({ raw, call }: Calls) {
  const listWebhookDeliveries = (
    endpointId: string,
    query: ListWebhookDeliveriesQuery = {},
    options?: CallOptions,
  ): Promise<WebhookDeliveryList> =>
    call(
      (init) =>
        raw.GET('/api/v1/webhook-endpoints/{endpoint_id}/deliveries', {
          params: { ...endpointPath(endpointId), query },
          ...init,
        }),
      options,
    );

  return {
    /**
     * Registers a webhook endpoint (admins). The answer's `secret` is shown this once: keep it
     * for `verifyWebhook`. Not retried: a lost answer could otherwise register it twice.
     */
    createWebhookEndpoint: (
      body: CreateWebhookEndpointRequest,
      options?: CallOptions,
    ): Promise<WebhookEndpointCreated> =>
      call((init) => raw.POST('/api/v1/webhook-endpoints', { body, ...init }), options),
    listWebhookEndpoints: (options?: CallOptions): Promise<WebhookEndpointList> =>
      call((init) => raw.GET('/api/v1/webhook-endpoints', init), options),
    getWebhookEndpoint: (endpointId: string, options?: CallOptions): Promise<WebhookEndpoint> =>
      call(
        (init) => raw.GET('/api/v1/webhook-endpoints/{endpoint_id}', { params: endpointPath(endpointId), ...init }),
        options,
      ),
    /** Changes the given fields; `status: 'disabled'` stops deliveries, `'enabled'` resumes them. */
    updateWebhookEndpoint: (
      endpointId: string,
      body: UpdateWebhookEndpointRequest,
      options?: CallOptions,
    ): Promise<WebhookEndpoint> =>
      call(
        (init) =>
          raw.PUT('/api/v1/webhook-endpoints/{endpoint_id}', { params: endpointPath(endpointId), body, ...init }),
        options,
      ),
    /** Deletes an endpoint; a retry whose earlier attempt deleted it reports the success it was. */
    deleteWebhookEndpoint: (endpointId: string, options?: CallOptions): Promise<WebhookEndpointDeleted> =>
      deleteSafelyRetried(
        call(
          (init) =>
            raw.DELETE('/api/v1/webhook-endpoints/{endpoint_id}', { params: endpointPath(endpointId), ...init }),
          options,
        ),
        'webhook_endpoint_not_found',
        { id: endpointId, deleted: true },
      ),
    /** A new signing secret; the old one keeps signing too for 24 hours. */
    rotateWebhookEndpointSecret: (endpointId: string, options?: CallOptions): Promise<WebhookSecretRotation> =>
      call(
        (init) =>
          raw.POST('/api/v1/webhook-endpoints/{endpoint_id}/rotate-secret', {
            params: endpointPath(endpointId),
            ...init,
          }),
        options,
      ),
    /** A page of the endpoint's delivery log, newest first. */
    listWebhookDeliveries,
    /** Sends an event to the endpoint again (same `webhook-id`), due at once. */
    redeliverWebhookEvent: (
      endpointId: string,
      body: RedeliverRequest,
      options?: CallOptions,
    ): Promise<WebhookDelivery> =>
      call(
        (init) =>
          raw.POST('/api/v1/webhook-endpoints/{endpoint_id}/deliveries', {
            params: endpointPath(endpointId),
            body,
            ...init,
          }),
        options,
      ),
    /**
     * Sends the endpoint a `webhook_endpoint.ping` (due at once, or when its pause ends) and
     * answers its delivery: read the log a moment later to see what the receiver answered.
     */
    sendWebhookTestEvent: (endpointId: string, options?: CallOptions): Promise<WebhookDelivery> =>
      call(
        (init) =>
          raw.POST('/api/v1/webhook-endpoints/{endpoint_id}/test', { params: endpointPath(endpointId), ...init }),
        options,
      ),
    /** Every delivery of the endpoint's log, newest first. */
    iterateWebhookDeliveries: (
      endpointId: string,
      query: Omit<ListWebhookDeliveriesQuery, 'page_token'> = {},
      options?: CallOptions,
    ): AsyncGenerator<WebhookDelivery> =>
      everyItem(
        (pageQuery) => listWebhookDeliveries(endpointId, pageQuery, options),
        query,
        (page) => page.deliveries,
      ),
  };
}
