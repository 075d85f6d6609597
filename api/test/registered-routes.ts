import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ROLES } from '../src/auth/decorators/access.decorator';
import { IS_PUBLIC } from '../src/auth/decorators/public.decorator';

export interface RegisteredRoute {
  method: string;
  path: string;
  handler: string;
  isPublic: boolean;
  roles: string[] | undefined;
}

/** Every controller route Nest registered, with its access metadata, read from Nest itself. */
export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const meta = (key: string): unknown =>
          Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller);
        routes.push({
          method: RequestMethod[method],
          path: '/api/' + [base, path].filter((part) => part && part !== '/').join('/'),
          handler: `${controller.name}.${name}`,
          isPublic: meta(IS_PUBLIC) === true,
          roles: meta(ROLES) as string[] | undefined,
        });
      }
    }
  }
  return routes;
}
