import type { INestApplication } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { RESPONSE_SCHEMAS } from './openapi-responses.generated';
import type { JsonSchema, ResponseSchemas } from './response-schemas';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: the body names each field and its problems.',
  401: 'Not signed in, or the session has ended.',
  403: 'Signed in, but not allowed to do this.',
  404: 'No such record, or one the caller may not know exists.',
  409: 'The record is not in a state that allows this (or was changed meanwhile).',
};

const OPERATION_OUTCOME: JsonSchema = {
  type: 'object',
  description: 'A FHIR R4 OperationOutcome (https://hl7.org/fhir/R4/operationoutcome.html).',
  properties: { resourceType: { type: 'string', enum: ['OperationOutcome'] } },
  required: ['resourceType'],
  additionalProperties: true,
};

type Operation = {
  operationId?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  security?: unknown[];
  responses: Record<string, { description?: string; content?: unknown }>;
};

/**
 * Adds to every operation what it answers (from the committed response schemas, generated from
 * the contract types the handlers return) and the errors it can give, in the shared error body
 * (an OperationOutcome under the FHIR base). Nest's own decorators describe the requests.
 */
export function withResponses(document: OpenAPIObject, generated: ResponseSchemas): OpenAPIObject {
  const schemas = (document.components ??= {}).schemas ?? {};
  for (const [name, schema] of Object.entries(generated.schemas)) schemas[name] ??= schema;
  document.components.schemas = schemas;
  for (const [path, item] of Object.entries(document.paths)) {
    const fhir = path.startsWith('/api/fhir/');
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      const answer = operation?.operationId
        ? generated.operations[operation.operationId]
        : undefined;
      if (!operation || !answer) continue;
      for (const status of Object.keys(operation.responses))
        if (status.startsWith('2')) delete operation.responses[status];
      operation.responses[String(answer.status)] =
        answer.schema && answer.mediaType
          ? { description: 'Success', content: { [answer.mediaType]: { schema: answer.schema } } }
          : { description: 'Done; no content.' };
      const errors = [
        ...(operation.parameters?.length || operation.requestBody ? [400] : []),
        ...(operation.security?.length ? [401, 403] : []),
        ...(path.includes('{') ? [404] : []),
        ...(method === 'get' ? [] : [409]),
      ];
      for (const status of errors) {
        operation.responses[String(status)] = {
          description:
            operation.responses[String(status)]?.description || ERROR_DESCRIPTIONS[status],
          content: fhir
            ? { 'application/fhir+json': { schema: OPERATION_OUTCOME } }
            : { 'application/json': { schema: { $ref: '#/components/schemas/ApiErrorBody' } } },
        };
      }
    }
  }
  return document;
}

/** The OpenAPI document of every route, as served at /api/docs (the fuzz test walks it too). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return withResponses(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Cairn API')
        .setDescription(
          'Practice management for betrayal-trauma therapy. Every route needs a bearer token unless marked otherwise.',
        )
        .setVersion('0.1.0')
        .addBearerAuth()
        .build(),
    ),
    RESPONSE_SCHEMAS,
  );
}

/**
 * The document at /api/docs-json (and -yaml) and Swagger UI at /api/docs. Nest's own UI for
 * Fastify needs `@fastify/static`, whose current releases need Node 22; the UI is two files of
 * `swagger-ui-dist`, served here with a page and a start script that load them (no inline script, as the CSP
 * wants).
 */
export function mountOpenApi(app: INestApplication, instance: FastifyInstance): void {
  SwaggerModule.setup('api/docs', app, openApiDocument(app), { ui: false });
  const dist = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  const files: Record<string, string> = {
    'swagger-ui.css': 'text/css; charset=utf-8',
    'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  };
  const page =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cairn API</title>' +
    '<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head><body><div id="swagger-ui"></div>' +
    '<script src="/api/docs/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>';
  const init =
    "window.onload = function () { window.ui = SwaggerUIBundle({ url: '/api/docs-json', dom_id: '#swagger-ui' }); };";
  instance.get('/api/docs', (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
  instance.get('/api/docs/init.js', (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(init),
  );
  for (const [file, type] of Object.entries(files))
    instance.get(`/api/docs/${file}`, (_request, reply) =>
      reply.type(type).send(createReadStream(path.join(dist, file))),
    );
}
