import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.token';
import { SESSION_ENDED, type AccessTokenClaims } from '../auth.service';
import type { AuthenticatedUser } from '../authenticated-user';
import { Db } from '../../database/db.service';
import { SessionsService } from '../sessions.service';

export const JWT_ISSUER = 'cairn';
export const JWT_AUDIENCE = 'cairn-api';

/**
 * Bearer access tokens. Only HS256 with our key is accepted (never `alg: none`), and the token's
 * session is looked up each time so that sign-out and deactivation take effect immediately.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sessions: SessionsService,
    private readonly db: Db,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails) to read
      // it as a public key on every request. The types only name string | Buffer.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<AuthenticatedUser> {
    if (
      typeof claims.sub !== 'string' ||
      typeof claims.sid !== 'string' ||
      typeof claims.cid !== 'string'
    ) {
      throw new UnauthorizedException(SESSION_ENDED);
    }
    // The token is signed by us, so its clinic can scope the request's transaction; the session
    // is then read under that scope (a session of another clinic is simply not there).
    await this.db.beginRequest(claims.cid);
    const identity = await this.sessions.findIdentity(claims.sid, claims.sub);
    if (!identity) throw new UnauthorizedException(SESSION_ENDED);
    return identity;
  }
}
