export * from './lib/api-routes';
export * from './lib/audit';
export * from './lib/auth';
export * from './lib/errors';
export * from './lib/health';
export * from './lib/paging';
export * from './lib/roles';
