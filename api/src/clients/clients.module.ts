import { CryptoModule } from '../crypto/crypto.module';
import { Module } from '@nestjs/common';
import { InvitesModule } from '../invites/invites.module';
import { ClientClinicalService } from './client-clinical.service';
import { ClientsController } from './clients.controller';
import { ClientsService } from './clients.service';
import { MeController } from './me.controller';

@Module({
  imports: [InvitesModule, CryptoModule],
  controllers: [ClientsController, MeController],
  providers: [ClientsService, ClientClinicalService],
  exports: [ClientsService, ClientClinicalService],
})
export class ClientsModule {}
