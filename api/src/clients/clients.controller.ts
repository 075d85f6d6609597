import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ApiRoutes,
  type ClientDetail,
  type ClientPage,
  type PortalInvite,
  type TimelineEvent,
  type TreatmentPhaseEntry,
} from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { UuidParam } from '../http/uuid-param';
import { ClientClinicalService } from './client-clinical.service';
import { ClientsService } from './clients.service';
import {
  AssignTherapistDto,
  LinkPartnerDto,
  TimelineEventDto,
  TreatmentPhaseDto,
  UpdateTimelineEventDto,
} from './dto/client-actions.dto';
import { CreateClientDto } from './dto/create-client.dto';
import { ListClientsQueryDto } from './dto/list-clients.query.dto';
import { UpdateClientDto } from './dto/update-client.dto';

@ApiTags('clients')
@Controller()
export class ClientsController {
  constructor(
    private readonly clients: ClientsService,
    private readonly clinical: ClientClinicalService,
  ) {}

  /** The admin's client directory, or the therapist's own caseload. */
  @Access('admin', 'therapist')
  @Get(ApiRoutes.clients.list)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListClientsQueryDto,
  ): Promise<ClientPage> {
    return this.clients.list(user, query);
  }

  @Access('admin')
  @Post(ApiRoutes.clients.list)
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateClientDto,
  ): Promise<ClientDetail> {
    return this.clients.create(user, body);
  }

  @Access('admin', 'therapist')
  @Get(ApiRoutes.clients.one)
  get(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<ClientDetail> {
    return this.clients.get(user, id);
  }

  @Access('admin', 'therapist')
  @Patch(ApiRoutes.clients.one)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: UpdateClientDto,
  ): Promise<ClientDetail> {
    return this.clients.update(user, id, body);
  }

  @Access('admin')
  @Post(ApiRoutes.clients.assign)
  @HttpCode(200)
  assign(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: AssignTherapistDto,
  ): Promise<ClientDetail> {
    return this.clients.assign(user, id, body.therapistId);
  }

  @Access('admin')
  @Post(ApiRoutes.clients.portalInvite)
  invite(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<PortalInvite> {
    return this.clients.invitePortal(user, id);
  }

  @Access('admin', 'therapist')
  @Post(ApiRoutes.clients.partner)
  @HttpCode(200)
  partner(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: LinkPartnerDto,
  ): Promise<ClientDetail> {
    return this.clients.linkPartner(user, id, body.partnerId);
  }

  @Access('therapist')
  @Post(ApiRoutes.clients.timeline)
  addEvent(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: TimelineEventDto,
  ): Promise<TimelineEvent> {
    return this.clinical.addTimelineEvent(user, id, body);
  }

  @Access('therapist')
  @Patch(ApiRoutes.clients.timelineEvent)
  updateEvent(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @UuidParam('eventId') eventId: string,
    @Body() body: UpdateTimelineEventDto,
  ): Promise<TimelineEvent> {
    return this.clinical.updateTimelineEvent(user, id, eventId, body);
  }

  @Access('therapist')
  @Delete(ApiRoutes.clients.timelineEvent)
  @HttpCode(204)
  removeEvent(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @UuidParam('eventId') eventId: string,
  ): Promise<void> {
    return this.clinical.removeTimelineEvent(user, id, eventId);
  }

  @Access('therapist')
  @Post(ApiRoutes.clients.phase)
  setPhase(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: TreatmentPhaseDto,
  ): Promise<TreatmentPhaseEntry> {
    return this.clinical.setPhase(user, id, body);
  }
}
