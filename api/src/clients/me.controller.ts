import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRoutes, type ClientSelfProfile } from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { ClientsService } from './clients.service';

@ApiTags('portal')
@Controller()
export class MeController {
  constructor(private readonly clients: ClientsService) {}

  /** The signed-in client's own profile: contact details and their clinic, no clinical fields. */
  @Access('client')
  @Get(ApiRoutes.me)
  me(@CurrentUser() user: AuthenticatedUser): Promise<ClientSelfProfile> {
    return this.clients.selfProfile(user);
  }
}
