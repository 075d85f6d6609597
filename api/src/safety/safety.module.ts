import { Module } from '@nestjs/common';
import { CryptoModule } from '../crypto/crypto.module';
import { MySafetyController } from './my-safety.controller';
import { SafetyController } from './safety.controller';
import { SafetyReviewsService } from './safety-reviews.service';
import { SafetyScreensService } from './safety-screens.service';
import { SafetyVault } from './safety-vault';

@Module({
  imports: [CryptoModule],
  controllers: [SafetyController, MySafetyController],
  providers: [SafetyScreensService, SafetyReviewsService, SafetyVault],
  exports: [SafetyReviewsService],
})
export class SafetyModule {}
