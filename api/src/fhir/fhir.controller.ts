import { Controller, Get, Header, Inject, Param, Query } from '@nestjs/common';
import { ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiRoutes } from '@cairn/contracts';
import type {
  Bundle,
  CapabilityStatement,
  Flag,
  Observation,
  Patient,
  Practitioner,
  Questionnaire,
  QuestionnaireResponse,
} from 'fhir/r4';
import { AssessmentsService } from '../assessments/assessments.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Public } from '../auth/decorators/public.decorator';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { FieldValidationException } from '../http/api-exception.filter';
import { UuidParam } from '../http/uuid-param';
import { capabilityStatement, FHIR_JSON } from './fhir-resources';
import { FhirService } from './fhir.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `patient=<id>` or `patient=Patient/<id>`, as FHIR search allows; anything else is a 400. */
function patientParam(value: unknown): string {
  const id = typeof value === 'string' ? value.replace(/^Patient\//, '') : '';
  if (!UUID.test(id)) {
    throw new FieldValidationException([
      { field: 'patient', problems: ['patient must be a client id (or Patient/<id>)'] },
    ]);
  }
  return id;
}

/**
 * The FHIR R4 base, `/api/fhir`: read-only resources as `application/fhir+json`, errors as
 * OperationOutcome (see the exception filter). Routes stay thin; FhirService decides and audits.
 */
@ApiTags('fhir')
@ApiProduces('application/fhir+json')
@Controller()
export class FhirController {
  constructor(
    private readonly fhir: FhirService,
    private readonly assessments: AssessmentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Public, as FHIR expects: a client learns what the server offers before signing in. */
  @Public()
  @Get(ApiRoutes.fhir.metadata)
  @Header('Content-Type', FHIR_JSON)
  metadata(): CapabilityStatement {
    return capabilityStatement(this.config.publicUrl);
  }

  @Access('admin', 'therapist', 'client')
  @Get(ApiRoutes.fhir.patient)
  @Header('Content-Type', FHIR_JSON)
  patient(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<Patient> {
    return this.fhir.patient(user, id);
  }

  @Access('admin', 'therapist')
  @Get(ApiRoutes.fhir.practitioner)
  @Header('Content-Type', FHIR_JSON)
  practitioner(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<Practitioner> {
    return this.fhir.practitioner(user, id);
  }

  @Access('admin', 'therapist', 'client')
  @Get(ApiRoutes.fhir.everything)
  @Header('Content-Type', FHIR_JSON)
  everything(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<Bundle> {
    return this.fhir.everything(user, id);
  }

  @Access('admin', 'therapist', 'client')
  @Get(ApiRoutes.fhir.observations)
  @Header('Content-Type', FHIR_JSON)
  @ApiQuery({ name: 'patient', required: true, description: 'The client id (or Patient/<id>).' })
  observations(
    @CurrentUser() user: AuthenticatedUser,
    @Query('patient') patient: unknown,
  ): Promise<Bundle<Observation>> {
    return this.fhir.observations(user, patientParam(patient));
  }

  @Access('admin', 'therapist', 'client')
  @Get(ApiRoutes.fhir.flags)
  @Header('Content-Type', FHIR_JSON)
  @ApiQuery({ name: 'patient', required: true, description: 'The client id (or Patient/<id>).' })
  flags(
    @CurrentUser() user: AuthenticatedUser,
    @Query('patient') patient: unknown,
  ): Promise<Bundle<Flag>> {
    return this.fhir.flags(user, patientParam(patient));
  }

  @Access('admin', 'therapist', 'client')
  @Get(ApiRoutes.fhir.questionnaire)
  @Header('Content-Type', FHIR_JSON)
  questionnaire(@Param('id') id: string): Questionnaire {
    return this.fhir.questionnaire(id);
  }

  @Access('admin', 'therapist', 'client')
  @Get(ApiRoutes.fhir.questionnaireResponse)
  @Header('Content-Type', FHIR_JSON)
  questionnaireResponse(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<QuestionnaireResponse> {
    return this.assessments.fhir(user, id);
  }
}
