/**
 * Admission control of the gateway's GraphQL requests (runtime/admission.ts): beyond the requests at work and
 * those waiting, a request is refused at once with HTTP 503, `Retry-After` and OVERLOADED, rather than queued
 * into seconds of latency. The gateway's own routes (/health, /ready, /metrics, the explorer) are served
 * before and outside it, so they never wait behind GraphQL work. Counted on /metrics.
 */
import type { ERROR_CODES } from '../graph/errors.ts';
import { type AdmissionLimits, AdmissionGate } from '../runtime/admission.ts';
import { type RequestGuard, sendJson } from '../runtime/apollo-http.ts';
import type { Metrics } from '../runtime/metrics.ts';

const OVERLOADED: (typeof ERROR_CODES)[number] = 'OVERLOADED';

export function admissionGuard(limits: AdmissionLimits, metrics: Metrics): RequestGuard {
  const admitted = metrics.counter(
    'equipment_graph_requests_admitted_total',
    'GraphQL requests admitted to work, by wait: none (at once) or queued.',
    ['wait'],
  );
  const queued = metrics.counter(
    'equipment_graph_requests_queued_total',
    'GraphQL requests that had to wait for admission (counted when they leave the queue).',
  );
  const refused = metrics.counter(
    'equipment_graph_requests_refused_total',
    'GraphQL requests refused with OVERLOADED (HTTP 503), by reason: queue_full or queue_timeout.',
    ['reason'],
  );
  const inFlight = metrics.gauge('equipment_graph_requests_in_flight', 'GraphQL requests at work in the gateway.');
  const queueLength = metrics.gauge('equipment_graph_request_queue_length', 'GraphQL requests waiting for admission.');
  const gate = new AdmissionGate(limits, (state) => {
    inFlight.set(state.inFlight);
    queueLength.set(state.queued);
  });
  // A place frees within the queue timeout or the request is refused: that long is worth waiting before a retry.
  const retryAfterSeconds = Math.max(1, Math.ceil(limits.queueTimeoutMs / 1000));

  return async (_req, res) => {
    const gone = new AbortController();
    const abort = () => gone.abort();
    res.once('close', abort);
    const admission = await gate.enter(gone.signal);
    res.off('close', abort);
    if (admission.admitted ? admission.queued : admission.reason !== 'queue_full') queued.inc();
    if (admission.admitted) {
      admitted.inc({ wait: admission.queued ? 'queued' : 'none' });
      return admission.release;
    }
    if (admission.reason === 'client_gone') return undefined;
    refused.inc({ reason: admission.reason });
    res.setHeader('retry-after', String(retryAfterSeconds));
    sendJson(res, 503, {
      errors: [
        {
          message:
            admission.reason === 'queue_full'
              ? `The gateway is at capacity (${limits.maxConcurrent} requests at work, ${limits.maxQueued} waiting); retry after ${retryAfterSeconds} s.`
              : `No place freed within ${limits.queueTimeoutMs} ms; retry after ${retryAfterSeconds} s.`,
          extensions: { code: OVERLOADED, retryAfterSeconds },
        },
      ],
    });
    return undefined;
  };
}
