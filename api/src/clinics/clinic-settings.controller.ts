import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiRoutes, type ClinicSettingsView } from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { ClinicSettingsService } from './clinic-settings.service';
import { UpdateClinicSettingsDto } from './dto/clinic-settings.dto';

/** The clinic's settings page. Admins only; what staff need of the clinic is in their session. */
@ApiTags('clinic')
@Controller()
export class ClinicSettingsController {
  constructor(private readonly settings: ClinicSettingsService) {}

  @Access('admin')
  @Get(ApiRoutes.clinicSettings)
  @ApiOkResponse({ description: 'The clinic settings as they apply (defaults filled in).' })
  get(@CurrentUser() user: AuthenticatedUser): Promise<ClinicSettingsView> {
    return this.settings.get(user);
  }

  @Access('admin')
  @Put(ApiRoutes.clinicSettings)
  @ApiOkResponse({ description: 'The clinic settings, as saved.' })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: UpdateClinicSettingsDto,
  ): Promise<ClinicSettingsView> {
    return this.settings.update(user, body);
  }
}
