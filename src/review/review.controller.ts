import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import {
  type DecisionDto,
  DecisionResultDto,
  decisionSchema,
  MergeDto,
  type MergeQueryDto,
  mergeQuerySchema,
  type SplitDto,
  splitSchema,
  SuggestionPageDto,
  type SuggestionQueryDto,
  suggestionQuerySchema,
  SuggestionSummaryDto,
  type SummaryQueryDto,
  summaryQuerySchema,
  summarySince,
  type UndoDto,
  undoSchema,
} from './review.dto.js';
import { ReviewService } from './review.service.js';

@ApiTags('review')
@ApiBearerAuth()
@Controller('v1')
export class ReviewController {
  constructor(private readonly review: ReviewService) {}

  @Get('match-suggestions')
  @Roles('operator', 'admin')
  @ApiOkResponse({ type: SuggestionPageDto, description: 'Oldest first; reading them is audited' })
  list(@Query({ schema: suggestionQuerySchema }) query: SuggestionQueryDto, @CurrentPrincipal() principal: Principal): Promise<SuggestionPageDto> {
    return this.review.list(principal, query);
  }

  @Get('match-suggestions/summary')
  @Roles('operator', 'admin')
  @ApiOkResponse({ type: SuggestionSummaryDto, description: 'Pending suggestions per kind, and how many the caller decided since `since`' })
  summary(@Query({ schema: summaryQuerySchema }) query: SummaryQueryDto, @CurrentPrincipal() principal: Principal): Promise<SuggestionSummaryDto> {
    return this.review.summary(principal, summarySince(query));
  }

  @Post('match-suggestions/:id/decision')
  @HttpCode(200)
  @Roles('operator', 'admin')
  @ApiOkResponse({ type: DecisionResultDto, description: 'accept merges the pair; reject remembers it is never to be suggested again' })
  decide(@Param('id', ParseUUIDPipe) id: string, @Body({ schema: decisionSchema }) body: DecisionDto, @CurrentPrincipal() principal: Principal): Promise<DecisionResultDto> {
    return this.review.decide(principal, id, body.decision, body.note);
  }

  @Post('match-suggestions/:id/undo')
  @HttpCode(200)
  @Roles('operator', 'admin')
  @ApiOkResponse({ type: DecisionResultDto, description: 'The decision taken back: an accepted pair is split and the suggestion is pending again. 403 unless the caller decided it or is an admin; 409 when there is nothing to undo' })
  undo(@Param('id', ParseUUIDPipe) id: string, @Body({ schema: undoSchema }) body: UndoDto, @CurrentPrincipal() principal: Principal): Promise<DecisionResultDto> {
    return this.review.undo(principal, id, body.note);
  }

  @Get('merges')
  @Roles('operator', 'admin', 'auditor')
  @ApiOkResponse({ type: [MergeDto] })
  merges(@Query({ schema: mergeQuerySchema }) query: MergeQueryDto): Promise<MergeDto[]> {
    return this.review.listMerges(query);
  }

  @Post('merges/:id/split')
  @HttpCode(200)
  @Roles('operator', 'admin')
  @ApiOkResponse({ type: MergeDto, description: 'Undoes the merge; history is kept and the pair is not suggested again' })
  split(@Param('id', ParseUUIDPipe) id: string, @Body({ schema: splitSchema }) body: SplitDto, @CurrentPrincipal() principal: Principal): Promise<MergeDto> {
    return this.review.split(principal, id, body.note);
  }
}
