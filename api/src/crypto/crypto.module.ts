import { Module, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { FieldCipher } from './field-cipher';
import { SealedFieldsSubscriber } from './sealed-fields';

@Module({
  providers: [
    {
      provide: FieldCipher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new FieldCipher(config.encryption),
    },
  ],
  exports: [FieldCipher],
})
export class CryptoModule implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  /** Sealed fields open as entities load, on the app's one data source. */
  onModuleInit(): void {
    attachSealedFields(this.dataSource, this.cipher);
  }
}

export function attachSealedFields(dataSource: DataSource, cipher: FieldCipher): void {
  if (dataSource.subscribers.some((subscriber) => subscriber instanceof SealedFieldsSubscriber))
    return;
  dataSource.subscribers.push(new SealedFieldsSubscriber(cipher));
}
