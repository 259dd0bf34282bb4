import { Module } from '@nestjs/common';
import { MatchSuggestionRepository } from './match-suggestion.repository.js';
import { MergeRepository } from './merge.repository.js';
import { MergeService } from './merge.service.js';
import { ReviewController } from './review.controller.js';
import { ReviewService } from './review.service.js';

@Module({
  controllers: [ReviewController],
  providers: [ReviewService, MergeService, MergeRepository, MatchSuggestionRepository],
  exports: [MergeService, MatchSuggestionRepository],
})
export class ReviewModule {}
