import { Global, Module } from '@nestjs/common';
import { IDENTITY_PROVIDER } from '../auth/identity-provider.js';
import { SessionController } from './session.controller.js';
import { SessionsService } from './sessions.service.js';
import { UserSessionRepository } from './user-session.repository.js';
import { UserRepository } from './user.repository.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** Console accounts and sessions. Global so that the guard (AuthModule) finds the IdentityProvider. */
@Global()
@Module({
  controllers: [UsersController, SessionController],
  providers: [UserRepository, UserSessionRepository, UsersService, SessionsService, { provide: IDENTITY_PROVIDER, useExisting: SessionsService }],
  exports: [IDENTITY_PROVIDER],
})
export class UsersModule {}
