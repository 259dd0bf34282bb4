import { Inject } from '@nestjs/common';
export const APP_CONFIG = Symbol('APP_CONFIG');
/** Injects the validated configuration; services read only the namespace they need. */
export const InjectConfig = () => Inject(APP_CONFIG);
//# sourceMappingURL=config.tokens.js.map