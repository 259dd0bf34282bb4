import { Global, Module } from '@nestjs/common';
import { ConsentController } from './consent.controller.js';
import { ConsentRepository } from './consent.repository.js';
import { ConsentService } from './consent.service.js';

// Global: every read of personal data asks it what the borrower's consent in force allows.
@Global()
@Module({ controllers: [ConsentController], providers: [ConsentRepository, ConsentService], exports: [ConsentService] })
export class ConsentModule {}
