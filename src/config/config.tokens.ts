import { Inject } from '@nestjs/common';
import type { AppConfig } from './configuration.js';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Injects the validated configuration; services read only the namespace they need. */
export const InjectConfig = (): ParameterDecorator => Inject(APP_CONFIG);
export type { AppConfig };
