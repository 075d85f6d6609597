import { Injectable } from '@nestjs/common';

/**
 * Whether this process is on its way out. Health reads it so that a load balancer stops sending
 * work here before the server stops accepting connections (see server.ts stop()).
 */
@Injectable()
export class ShutdownState {
  draining = false;
}
