import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { ApiRole } from '../config/configuration.js';
import type { SessionIdentity } from './identity-provider.js';
import type { Principal } from './principal.js';

export const ROLES_METADATA = 'contact-recovery:roles';
export const PUBLIC_METADATA = 'contact-recovery:public';

/** The roles allowed on a route; a /v1 route without it is refused to everyone. */
export const Roles = (...roles: ApiRole[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_METADATA, roles);

/** Health and API docs: no key needed. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_METADATA, true);

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest<{ principal: Principal }>().principal;
});

/** The console session behind the request (set by the guard), or undefined for an API key. */
export const CurrentSession = createParamDecorator((_data: unknown, context: ExecutionContext): SessionIdentity | undefined => {
  return context.switchToHttp().getRequest<{ session?: SessionIdentity }>().session;
});
