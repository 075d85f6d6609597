import { Global, Module } from '@nestjs/common';
import { Db } from './db.service';
import { PreAuthLookups } from './pre-auth-lookups';

/** Global: every feature module reaches PostgreSQL through the same request-scoped Db. */
@Global()
@Module({ providers: [Db, PreAuthLookups], exports: [Db, PreAuthLookups] })
export class DatabaseModule {}
