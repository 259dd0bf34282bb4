import { Module } from '@nestjs/common';
import { NormalisationController } from './normalisation.controller.js';

/** POST /v1/normalise: the matcher's normalisers, open to callers; no storage, so no providers. */
@Module({ controllers: [NormalisationController] })
export class NormalisationModule {}
