import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { ContactPlanSettingsService } from './contact-plan-settings.service.js';
import { buildContactPlan } from './contact-plan.builder.js';
import { ContactPlanRepository } from './contact-plan.repository.js';
import type { ContactPlan } from './contact-plan.types.js';
import type { PlanData } from './plan-data.js';

@Injectable()
export class ContactPlanService {
  constructor(
    private readonly repository: ContactPlanRepository,
    private readonly settings: ContactPlanSettingsService,
    private readonly audit: AuditService,
  ) {}

  /** The plan and what it was built from, with the configured rules and weights. */
  async compute(borrowerRef: string, unmasked: boolean): Promise<{ data: PlanData; plan: ContactPlan }> {
    const data = await this.repository.load(borrowerRef, { unmasked });
    const plan = buildContactPlan(data, { now: new Date(), rules: this.settings.contactRules, distanceWeights: this.settings.distanceWeights, unmasked });
    return { data, plan };
  }

  /** `unmaskReason` is set only after the caller checked the operator role; the unmasked read is audited. */
  async plan(principal: Principal, borrowerRef: string, unmaskReason?: string): Promise<ContactPlan> {
    const { plan } = await this.compute(borrowerRef, unmaskReason !== undefined);
    if (unmaskReason !== undefined) {
      await this.audit.record(principal, {
        action: 'contact_plan.unmasked',
        targetType: 'borrower',
        targetId: borrowerRef,
        borrowerRef,
        purpose: unmaskReason,
        details: { thirdParties: plan.thirdParties.length, phones: plan.borrowerContacts.phones.length },
      });
    }
    return plan;
  }
}
