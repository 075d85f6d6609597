import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document of every route, as served at /api/docs (the fuzz test walks it too). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Cairn API')
      .setDescription(
        'Practice management for betrayal-trauma therapy. Every route needs a bearer token unless marked otherwise.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
}

export function mountOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, openApiDocument(app), { customSiteTitle: 'Cairn API' });
}
