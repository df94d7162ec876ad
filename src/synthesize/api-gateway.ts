/**
 * The REST API compiler's refusals that do not depend on any role (semantics §9): the first lines
 * of `validate()` in `package/compile/events/api-gateway/lib/validate.js`, run by that plugin's
 * `package:compileEvents` hook (after schedule and s3, before websockets).
 *
 * Decision — with or without `http` events: the hook calls `this.validate()` first and only then
 * returns early when `validated.events` is empty, and these checks open `validate()` before its
 * loop over the events (v4 from the 4.29.2 import to 4.41, also with the routes contributed by
 * mcp). So they fail packaging for every AWS service, even one without any `http` event. The
 * tests use `!= null` (`tracing.apiGateway: false` and `logs.restApi: false` fail too; `null` does
 * not, and the schema handler strips null properties anyway). An Unknown counts as set (truthy,
 * non-null), as everywhere in the simulation.
 */
import type { Sim } from './context.js';
import { fail } from './failure.js';
import { get } from './plain.js';

export function validateApiGatewaySettings(sim: Sim): void {
  const provider = sim.n.provider;
  const apiGateway = get(provider, 'apiGateway');
  if (!apiGateway || !get(apiGateway, 'restApiId')) return;
  if (!get(apiGateway, 'restApiRootResourceId')) {
    fail('Missing required "provider.apiGateway.restApiRootResourceId" property (needed if "provider.apiGateway.restApiId" is provided)', {
      code: 'API_GATEWAY_MISSING_REST_API_ROOT_RESOURCE_ID',
      at: ['provider', 'apiGateway', 'restApiId'],
    });
  }
  const tracing = get(provider, 'tracing');
  const tracingApiGateway = get(tracing, 'apiGateway');
  if (tracing && tracingApiGateway !== undefined && tracingApiGateway !== null) {
    fail('When external API Gateway resource is imported via "provider.apiGateway.restApiId", property "provider.tracing.apiGateway" is ineffective.', {
      code: 'API_GATEWAY_EXTERNAL_API_TRACING',
      at: ['provider', 'tracing', 'apiGateway'],
    });
  }
  const logs = get(provider, 'logs');
  const logsRestApi = get(logs, 'restApi');
  if (logs && logsRestApi !== undefined && logsRestApi !== null) {
    fail('When external API Gateway resource is imported via "provider.apiGateway.restApiId", property "provider.logs.restApi" is ineffective.', {
      code: 'API_GATEWAY_EXTERNAL_API_LOGS',
      at: ['provider', 'logs', 'restApi'],
    });
  }
}
