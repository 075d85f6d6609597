import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssessmentsModule } from './assessments/assessments.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ClientsModule } from './clients/clients.module';
import { ClientImportModule } from './client-import/client-import.module';
import { ClinicsModule } from './clinics/clinics.module';
import { JwtAuthGuard } from './auth/guards/jwt-auth.guard';
import { RolesGuard } from './auth/guards/roles.guard';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { DatabaseModule } from './database/database.module';
import { RequestTransactionInterceptor } from './database/request-transaction.interceptor';
import { DashboardModule } from './dashboard/dashboard.module';
import { FhirModule } from './fhir/fhir.module';
import { RecordExportModule } from './record-export/record-export.module';
import { HealthModule } from './health/health.module';
import { MailModule } from './mail/mail.module';
import { MessagesModule } from './messages/messages.module';
import { NotesModule } from './notes/notes.module';
import { HomeworkModule } from './homework/homework.module';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { AccessModule } from './access/access.module';
import { EmailChangeModule } from './email-change/email-change.module';
import { PasswordResetModule } from './password-reset/password-reset.module';
import { ProgressModule } from './progress/progress.module';
import { ReadingsModule } from './readings/readings.module';
import { ReportsModule } from './reports/reports.module';
import { RetentionModule } from './retention/retention.module';
import { SafetyModule } from './safety/safety.module';
import { SchedulingModule } from './scheduling/scheduling.module';
import { StaffModule } from './staff/staff.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl)),
        DatabaseModule,
        MailModule,
        MessagesModule,
        AuditModule,
        AccessModule,
        UsersModule,
        AuthModule,
        PasswordResetModule,
        EmailChangeModule,
        HealthModule,
        ClientsModule,
        ClientImportModule,
        StaffModule,
        AssessmentsModule,
        DashboardModule,
        NotesModule,
        ProgressModule,
        ReportsModule,
        HomeworkModule,
        SchedulingModule,
        RetentionModule,
        ClinicsModule,
        ReadingsModule,
        SafetyModule,
        FhirModule,
        RecordExportModule,
      ],
      providers: [
        // Order matters: who you are (JWT) before what you may do (roles).
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_INTERCEPTOR, useClass: RequestTransactionInterceptor },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}
