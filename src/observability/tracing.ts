// Traces (OpenTelemetry), on only when an OTLP endpoint is configured: the standard
// OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (plus OTEL_SERVICE_NAME,
// OTEL_RESOURCE_ATTRIBUTES and the exporter's own OTEL_* settings). Off, nothing of the SDK is
// even loaded and requests take no tracing path at all.
//
// The spans are made here, not by monkey-patching auto-instrumentations: those need an ESM
// loader hook (`--import`) in front of every start of this ES-module service, and would name
// spans by Express routes rather than by the spec's operations. One span per request, named by
// its operationId (src/http/request-context.ts), continuing an incoming W3C `traceparent`; one
// child span per SQL statement from Knex's query events (src/observability/sql-spans.ts), with
// the statement's text (placeholders, never the bound values).
import type { Tracer } from '@opentelemetry/api';
import type { Logger } from '../logger.js';

export interface Tracing {
  tracer: Tracer;
  /** Sends what is buffered (tests; shutdown). */
  flush: () => Promise<void>;
  /** Flushes and stops; the process may exit after it. */
  shutdown: () => Promise<void>;
}

export const tracingConfigured = (env: NodeJS.ProcessEnv): boolean =>
  Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) &&
  env.OTEL_SDK_DISABLED !== 'true';

/** Where spans go: the traces endpoint as given, or `/v1/traces` under the general one (the OTLP/HTTP rule). */
const tracesUrl = (env: NodeJS.ProcessEnv): string =>
  env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || `${env.OTEL_EXPORTER_OTLP_ENDPOINT!.replace(/\/+$/, '')}/v1/traces`;

/** Starts the tracer provider when an endpoint is configured; undefined otherwise. */
export async function startTracing(env: NodeJS.ProcessEnv, logger: Logger): Promise<Tracing | undefined> {
  if (!tracingConfigured(env)) return undefined;
  const [api, { AsyncLocalStorageContextManager }, { W3CTraceContextPropagator }, sdk, exporter, resources] =
    await Promise.all([
      import('@opentelemetry/api'),
      import('@opentelemetry/context-async-hooks'),
      import('@opentelemetry/core'),
      import('@opentelemetry/sdk-trace'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
    ]);
  // The context follows the request through every await, so that SQL spans find their parent.
  api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  api.propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const resource = resources
    .resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || 'groups-api' })
    .merge(resources.detectResources({ detectors: [resources.envDetector] }));
  const provider = new sdk.TracerProvider({
    resource,
    spanProcessors: [new sdk.BatchSpanProcessor({ exporter: new exporter.OTLPTraceExporter({ url: tracesUrl(env) }) })],
  });
  logger.info({ endpoint: tracesUrl(env) }, 'tracing: exporting spans over OTLP/HTTP');
  return {
    tracer: provider.getTracer('groups-api'),
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      await provider.shutdown();
      api.context.disable();
      api.propagation.disable();
    },
  };
}
