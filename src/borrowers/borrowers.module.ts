import { Global, Module } from '@nestjs/common';
import { BorrowersService } from './borrowers.service.js';

@Global()
@Module({ providers: [BorrowersService], exports: [BorrowersService] })
export class BorrowersModule {}
