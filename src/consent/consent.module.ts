import { Module } from '@nestjs/common';
import { ConsentController } from './consent.controller.js';
import { ConsentRepository } from './consent.repository.js';
import { ConsentService } from './consent.service.js';

@Module({ controllers: [ConsentController], providers: [ConsentRepository, ConsentService], exports: [ConsentService] })
export class ConsentModule {}
