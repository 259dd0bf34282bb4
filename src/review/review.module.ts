import { Module } from '@nestjs/common';
import { MergeService } from './merge.service.js';
import { ReviewController } from './review.controller.js';
import { ReviewService } from './review.service.js';

@Module({ controllers: [ReviewController], providers: [ReviewService, MergeService], exports: [MergeService] })
export class ReviewModule {}
