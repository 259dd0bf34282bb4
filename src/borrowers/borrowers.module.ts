import { Global, Module } from '@nestjs/common';
import { BorrowerRepository } from './borrower.repository.js';
import { BorrowersService } from './borrowers.service.js';

@Global()
@Module({ providers: [BorrowerRepository, BorrowersService], exports: [BorrowerRepository, BorrowersService] })
export class BorrowersModule {}
