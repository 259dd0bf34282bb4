import { createParamDecorator, SetMetadata } from '@nestjs/common';
export const ROLES_METADATA = 'contact-recovery:roles';
export const PUBLIC_METADATA = 'contact-recovery:public';
/** The roles allowed on a route; a /v1 route without it is refused to everyone. */
export const Roles = (...roles) => SetMetadata(ROLES_METADATA, roles);
/** Health and API docs: no key needed. */
export const Public = () => SetMetadata(PUBLIC_METADATA, true);
export const CurrentPrincipal = createParamDecorator((_data, context) => {
    return context.switchToHttp().getRequest().principal;
});
//# sourceMappingURL=auth.decorators.js.map