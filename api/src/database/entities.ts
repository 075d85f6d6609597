import { AuditEvent } from '../audit/entities/audit-event.entity';
import { AuthSession } from '../auth/entities/auth-session.entity';
import { LoginThrottle } from '../auth/entities/login-throttle.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { Clinic } from '../clinics/entities/clinic.entity';
import { User } from '../users/entities/user.entity';

/** Every entity, listed once for the data source (no globbing: the build is one bundle of files). */
export const ENTITIES = [Clinic, User, AuthSession, RefreshToken, LoginThrottle, AuditEvent];
